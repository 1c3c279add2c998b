// Helpers for the notices tests (DSA Art. 16): sending a notice as a reader from a network, and
// reading back notices, statements and mails.
import { env } from "cloudflare:workers";
import { api, sitePath, type TestSite } from "../support";

export const validNotice = {
  ground: "defamation",
  explanation: "Ce commentaire m'accuse faussement d'un délit, nommément.",
  goodFaith: true,
};

/** POSTs a notice from a network (CF-Connecting-IP), from the site's origin. */
export function notify(site: TestSite, commentId: number | string, body: unknown, ip = "198.51.100.7"): Promise<Response> {
  return api(sitePath(site, `/comments/${commentId}/notices`), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface NoticeFacts {
  id: number;
  comment_id: number;
  reference: string;
  ground: string;
  explanation: string;
  name: string | null;
  email: string | null;
  ip_hash: string | null;
  status: string;
  outcome: string | null;
  decided_by: number | null;
  decided_at: number | null;
  created_at: number;
}

export async function noticeByReference(reference: string): Promise<NoticeFacts | null> {
  return env.DB.prepare("SELECT * FROM notices WHERE reference = ?").bind(reference).first<NoticeFacts>();
}

export async function noticesOf(siteId: string): Promise<NoticeFacts[]> {
  return (await env.DB.prepare("SELECT * FROM notices WHERE site_id = ? ORDER BY id").bind(siteId).all<NoticeFacts>()).results;
}

export interface MailFacts {
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  topic: string;
}

export async function mailsOf(siteId: string): Promise<MailFacts[]> {
  return (
    await env.DB.prepare("SELECT recipient, subject, body, html, topic FROM outbox WHERE site_id = ? AND kind = 'mail' ORDER BY id")
      .bind(siteId)
      .all<MailFacts>()
  ).results;
}

export async function statementsOf(commentId: number): Promise<Record<string, unknown>[]> {
  return (await env.DB.prepare("SELECT * FROM statements WHERE comment_id = ? ORDER BY id").bind(commentId).all()).results;
}

/** What a refused notice must leave unchanged: every notice and every queued mail. */
export async function noticeSnapshot(): Promise<string> {
  const [n, o] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM notices ORDER BY id"),
    env.DB.prepare("SELECT id FROM outbox ORDER BY id"),
  ]);
  return JSON.stringify([n!.results, o!.results]);
}
