// Helpers for the reply-notification tests: posting as a reader, subscribing, reading the mails
// from the outbox and following their links as a mail client would (no Origin).
import { env } from "cloudflare:workers";
import type { OutboxRow } from "../../../worker/db/outbox";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { sendDueNotifications } from "../../../worker/services/notify/send";
import { api, comment, dbOf, postAs, sitePath, type Reader, type TestSite } from "../support";

let n = 0;
/** An address no other test uses (the flood limit counts per address across sites). */
export const uniqueEmail = (who = "reader") => `${who}-${++n}-${crypto.randomUUID().slice(0, 8)}@example.org`;

/** Posts as a reader and expects 201; a new guest's token comes back as `token`. */
export async function postFor(
  site: TestSite,
  body: object,
  reader: Reader = {},
): Promise<{ id: number; token: string | null | undefined }> {
  const res = await postAs(site, body, reader);
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  const saved = await res.json<PostCommentResponse>();
  return { id: saved.comment.id, token: saved.commenterToken ?? reader.token };
}

export function subscribe(site: TestSite, id: number, body: unknown, reader: Reader = {}): Promise<Response> {
  return api(sitePath(site, `/comments/${id}/subscription`), {
    method: "POST",
    origin: reader.origin === undefined ? site.origin : reader.origin,
    headers: { "Content-Type": "application/json", ...(reader.token ? { Authorization: `Bearer ${reader.token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export type Mail = OutboxRow & { headerMap: Record<string, string> };

/** The site's mails in the outbox, oldest first (optionally of one topic). */
export async function mails(siteId: string, topic?: string): Promise<Mail[]> {
  const { results } = await dbOf(siteId)
    .prepare("SELECT * FROM outbox WHERE site_id = ? AND kind = 'mail' AND (?2 IS NULL OR topic = ?2) ORDER BY id")
    .bind(siteId, topic ?? null)
    .all<OutboxRow>();
  return results.map((r) => ({ ...r, headerMap: JSON.parse(r.headers) as Record<string, string> }));
}

/** The link of a given kind in a mail's text, as a path and query on the worker. */
export function linkIn(mail: Pick<OutboxRow, "body">, kind: "confirm" | "unsubscribe"): string {
  const m = mail.body.match(new RegExp(`https?://[^\\s]+/api/v1/[^\\s/]+/subscriptions/${kind}\\?token=[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no ${kind} link in: ${mail.body}`);
  const u = new URL(m[0]);
  return u.pathname + u.search;
}

/** Follows a mail's link as a mail client: no Origin. */
export function follow(path: string, init: RequestInit = {}): Promise<Response> {
  return api(path, { ...init, origin: null });
}

/** A guest's comment with a confirmed subscription: its id, the guest's token and address. */
export async function subscribedGuest(site: TestSite, story: string, name = "Ana"): Promise<{ id: number; token: string; email: string }> {
  const email = uniqueEmail(name.toLowerCase());
  const { id, token } = await postFor(site, comment(story, `Une question, ${name}${n}${Math.random()} ?`, name));
  const res = await subscribe(site, id, { email }, { token });
  if (res.status !== 202) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  const confirm = (await mails(site.id, "confirm")).filter((m) => m.recipient === email).at(-1)!;
  const page = await follow(linkIn(confirm, "confirm"));
  if (page.status !== 200) throw new Error(`confirm: ${page.status}`);
  return { id, token: token!, email };
}

/** Runs the tick's mailing at a given time (default: now). */
export function tick(at = Date.now()): Promise<void> {
  return sendDueNotifications(env, at);
}
