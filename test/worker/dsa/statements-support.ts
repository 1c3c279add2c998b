// Helpers for the statements and appeals tests: a site with staff, a guest's comment, a rejection
// by a moderator, the statement rows and the mails in the outbox.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { StaffRole } from "../../../worker/schemas/admin-views";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { admin, signedIn, sitePath as adminSitePath } from "../admin/support";
import { api, comment, createSite, getThreadAs, json, postAs, sitePath, type TestSite } from "../support";

export interface StatementDbRow {
  id: number;
  site_id: string;
  comment_id: number;
  decision: string;
  source: string;
  facts: string;
  automated_detection: number;
  automated_decision: number;
  ground_kind: string;
  ground: string;
  ground_label: string;
  explanation: string | null;
  staff_id: number | null;
  appeal_id: number | null;
  contest_until: number | null;
  created_at: number;
}

export async function statementsOf(commentId: number): Promise<StatementDbRow[]> {
  return (await env.DB.prepare("SELECT * FROM statements WHERE comment_id = ? ORDER BY id").bind(commentId).all<StatementDbRow>()).results;
}

export async function mailsTo(siteId: string, to: string): Promise<{ subject: string; body: string; topic: string }[]> {
  return (
    await env.DB.prepare("SELECT subject, body, topic FROM outbox WHERE site_id = ? AND kind = 'mail' AND recipient = ? ORDER BY id")
      .bind(siteId, to)
      .all<{ subject: string; body: string; topic: string }>()
  ).results;
}

export interface Desk {
  site: TestSite;
  cookie: string;
  staffId: number;
}

/** A site (with these settings) and a moderator signed in on it. */
export async function desk(settings: object = {}, role: StaffRole = "moderator"): Promise<Desk> {
  const site = await createSite({ settings });
  const { staff, cookie } = await signedIn({ [site.id]: role });
  return { site, cookie, staffId: staff.id };
}

export interface Authored {
  id: number;
  token: string;
  authorId: number;
}

let ipCounter = 0;
/** A fresh network per post, so that flood rules never meet. */
export const freshIp = () => `198.51.${100 + ((++ipCounter >> 8) % 100)}.${ipCounter % 256}`;

/** A guest's comment (a new guest unless a token is given). */
export async function authored(
  site: TestSite,
  story: string,
  body: string,
  token?: string,
  extra: object = {},
): Promise<Authored & { res: PostCommentResponse }> {
  const res = await postAs(site, comment(story, body, "Auteur", extra), { token: token ?? null, ip: freshIp() });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  const saved = await json<PostCommentResponse>(res);
  const row = await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(saved.comment.id).first<{ author_id: number }>();
  return { id: saved.comment.id, token: token ?? saved.commenterToken!, authorId: row!.author_id, res: saved };
}

/** The email the author signed in with (as an SSO sign-in stores it). */
export async function giveEmail(authorId: number, email: string): Promise<void> {
  await env.DB.prepare("UPDATE commenters SET email = ? WHERE id = ?").bind(email, authorId).run();
}

export function moderate(d: Desk, body: object): Promise<Response> {
  return admin(adminSitePath(d.site.id, "/moderation"), { cookie: d.cookie, body });
}

export async function reject(d: Desk, ids: number[], extra: object = {}): Promise<void> {
  const res = await moderate(d, { action: "reject", ids, ...extra });
  expect(res.status, await res.clone().text()).toBe(200);
}

export async function ownOf(site: TestSite, story: string, token: string | null): Promise<ThreadResponse["own"]> {
  const res = await getThreadAs(site, { story }, { token });
  expect(res.status).toBe(200);
  return (await json<ThreadResponse>(res)).own;
}

export function appeal(site: TestSite, id: number, body: unknown, token: string | null): Promise<Response> {
  return api(sitePath(site, `/comments/${id}/appeals`), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export function decide(d: Desk, appealId: number | string, body: object, cookie = d.cookie): Promise<Response> {
  return admin(adminSitePath(d.site.id, `/appeals/${appealId}/decision`), { cookie, body });
}

export function appealsQueue(d: Desk, cookie = d.cookie): Promise<Response> {
  return admin(adminSitePath(d.site.id, "/queues/appeals"), { cookie });
}

export const SIX_MONTHS_MS = 183 * 24 * 3600_000;
