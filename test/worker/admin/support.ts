// Helpers for the staff API tests: staff made with the Worker's own password module, signing in,
// calling /api/admin as the dashboard does, a seeded moderation scene and row snapshots.
import { env } from "cloudflare:workers";
import { hashPassword } from "../../../worker/auth/password";
import type { StaffRole } from "../../../worker/schemas/admin-views";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { BASE, api, dbOf, postAs, seedComments, seedCommenter, seedStory, type SeedComment, type TestSite } from "../support";

export const PASSWORD = "correct horse battery staple";

export interface TestStaff {
  id: number;
  email: string;
  name: string;
  password: string;
}

let staffCounter = 0;
// PBKDF2 at full strength takes a while: hash the usual password once per test file.
let usualHash: Promise<string> | undefined;

/** A staff member with a role on each site given, stored as the CLI stores them. */
export async function createStaff(
  roles: Record<string, StaffRole>,
  opts: { email?: string; name?: string; password?: string } = {},
): Promise<TestStaff> {
  const n = ++staffCounter;
  const email = opts.email ?? `staff-${n}-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
  const name = opts.name ?? `Staff ${n}`;
  const password = opts.password ?? PASSWORD;
  const hash = password === PASSWORD ? await (usualHash ??= hashPassword(PASSWORD)) : await hashPassword(password);
  const row = await env.DB.prepare(
    "INSERT INTO staff (email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
  )
    .bind(email.toLowerCase(), name, hash, Date.now(), Date.now())
    .first<{ id: number }>();
  const id = row!.id;
  const grants = Object.entries(roles).map(([site, role]) =>
    env.DB.prepare("INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?, ?, ?)").bind(id, site, role),
  );
  if (grants.length > 0) await env.DB.batch(grants);
  return { id, email, name, password };
}

export interface AdminInit {
  method?: string;
  /** the session token (cookie value); null or absent: no cookie */
  cookie?: string | null;
  body?: unknown;
  /** defaults to the API's own origin on writes, none on reads; null sends none */
  origin?: string | null;
  contentType?: string;
}

/** Calls /api/admin{path} like the dashboard: same-origin Origin on writes, JSON bodies. */
export function admin(path: string, init: AdminInit = {}): Promise<Response> {
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", `palabre_session=${init.cookie}`);
  if (init.body !== undefined) headers.set("Content-Type", init.contentType ?? "application/json");
  const origin = init.origin !== undefined ? init.origin : method === "GET" || method === "HEAD" ? null : BASE;
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return api(`/api/admin${path}`, { method, headers, origin, body });
}

export function sitePath(siteId: string, rest: string): string {
  return `/sites/${siteId}${rest}`;
}

/** The session token set by a response, or null. */
export function sessionCookieOf(res: Response): string | null {
  const header = res.headers.get("Set-Cookie") ?? "";
  return /(?:^|,\s*)palabre_session=([^;]*)/.exec(header)?.[1] ?? null;
}

export function signInRequest(email: string, password: string): Promise<Response> {
  return admin("/session", { body: { email, password } });
}

/** Signs in and returns the session token. */
export async function signIn(staff: Pick<TestStaff, "email" | "password">): Promise<string> {
  const res = await signInRequest(staff.email, staff.password);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const token = sessionCookieOf(res);
  if (!token) throw new Error("no session cookie");
  return token;
}

/** A staff member with these roles, signed in. */
export async function signedIn(roles: Record<string, StaffRole>): Promise<{ staff: TestStaff; cookie: string }> {
  const staff = await createStaff(roles);
  return { staff, cookie: await signIn(staff) };
}

/**
 * A story with two authors and five comments (ids base+1…base+5), counters as the rows say:
 *   +1 top, Ana, published      +2 reply to +1, Bob, pending     +3 reply to +1, Bob, published
 *   +4 top, Bob, pending        +5 top, Ana, rejected
 */
export interface Scene {
  storyId: number;
  storyKey: string;
  ana: number;
  bob: number;
  top: number;
  pendingReply: number;
  publishedReply: number;
  pendingTop: number;
  rejectedTop: number;
}

export async function seedScene(siteId: string, base: number): Promise<Scene> {
  const storyKey = `story-${base}`;
  const storyId = await seedStory(siteId, storyKey);
  const ana = await seedCommenter(siteId, `Ana ${base}`);
  const bob = await seedCommenter(siteId, `Bob ${base}`);
  const rows: SeedComment[] = [
    { id: base + 1, storyId, authorId: ana, status: "published" },
    { id: base + 2, storyId, authorId: bob, rootId: base + 1, status: "pending" },
    { id: base + 3, storyId, authorId: bob, rootId: base + 1, status: "published" },
    { id: base + 4, storyId, authorId: bob, status: "pending" },
    { id: base + 5, storyId, authorId: ana, status: "rejected" },
  ];
  await seedComments(siteId, rows);
  await recountAll(siteId);
  return {
    storyId,
    storyKey,
    ana,
    bob,
    top: base + 1,
    pendingReply: base + 2,
    publishedReply: base + 3,
    pendingTop: base + 4,
    rejectedTop: base + 5,
  };
}

/** Every counter of the site as its rows say (for seeded data). */
export async function recountAll(siteId: string): Promise<void> {
  const db = dbOf(siteId);
  await db.batch([
    db
      .prepare(
        `UPDATE stories SET comment_count = (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published')
       WHERE site_id = ?`,
      )
      .bind(siteId),
    db
      .prepare(
        `UPDATE comments SET reply_count = (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published')
       WHERE site_id = ? AND root_id IS NULL`,
      )
      .bind(siteId),
    db
      .prepare(
        `UPDATE commenters SET
         comment_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id),
         approved_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'published'),
         rejected_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'rejected')
       WHERE site_id = ?`,
      )
      .bind(siteId),
  ]);
}

export interface CommentFacts {
  status: string;
  reply_count: number;
  open_reports: number;
  featured_at: number | null;
  featured_note: string | null;
  moderated_at: number | null;
  moderated_by: number | null;
  reasons: string;
}

export async function commentFacts(id: number): Promise<CommentFacts> {
  const row = await env.DB.prepare(
    "SELECT status, reply_count, open_reports, featured_at, featured_note, moderated_at, moderated_by, reasons FROM comments WHERE id = ?",
  )
    .bind(id)
    .first<CommentFacts>();
  if (!row) throw new Error(`no comment ${id}`);
  return row;
}

export async function storyCount(storyId: number): Promise<number> {
  return (await env.DB.prepare("SELECT comment_count AS n FROM stories WHERE id = ?").bind(storyId).first<{ n: number }>())!.n;
}

export async function authorCounts(id: number): Promise<{ approved: number; rejected: number; comments: number }> {
  return (await env.DB.prepare(
    "SELECT approved_count AS approved, rejected_count AS rejected, comment_count AS comments FROM commenters WHERE id = ?",
  )
    .bind(id)
    .first())!;
}

export interface AuditFacts {
  staff_id: number | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: Record<string, unknown>;
}

/** The site's audit rows after `afterId`, oldest first, detail parsed. */
export async function auditSince(siteId: string, afterId = 0): Promise<AuditFacts[]> {
  const { results } = await dbOf(siteId)
    .prepare("SELECT staff_id, action, target_type, target_id, detail FROM audit_log WHERE site_id = ? AND id > ? ORDER BY id")
    .bind(siteId, afterId)
    .all<Omit<AuditFacts, "detail"> & { detail: string }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export async function lastAuditId(): Promise<number> {
  return (await env.DB.prepare("SELECT coalesce(max(id), 0) AS n FROM audit_log").first<{ n: number }>())!.n;
}

/** Every row a staff action could touch, in both databases, so a refused request can be shown to change none. */
export async function snapshot(): Promise<string> {
  const tables = ["sites", "stories", "commenters", "comments", "reports", "audit_log", "staff_roles"];
  const of = async (db: D1Database) =>
    (await db.batch(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`)))).map((r) => r.results);
  return JSON.stringify([await of(env.DB), await of(env.DB_2)]);
}

/** Runs a request that must be refused and checks that nothing changed meanwhile. */
export async function refusedUnchanged(send: () => Promise<Response>): Promise<Response> {
  const before = await snapshot();
  const res = await send();
  const after = await snapshot();
  if (before !== after) throw new Error(`rows changed on a refused request (${res.status})`);
  return res;
}

// ---- a person: one reader's comments posted through the reader API ----

export interface PostedPerson {
  /** their guest token, for more posts and edits */
  token: string;
  commenterId: number;
  /** the ids of the comments posted, in order */
  ids: number[];
}

/** One guest posts these comments (story key and text), one after the other, as a reader would. */
export async function postAsPerson(
  site: TestSite,
  name: string,
  posts: { story: string; body: string; parentId?: number }[],
): Promise<PostedPerson> {
  let token: string | null = null;
  const ids: number[] = [];
  for (const p of posts) {
    const res = await postAs(site, { story: p.story, body: p.body, author: { name }, parentId: p.parentId }, { token });
    if (res.status !== 201) throw new Error(`post refused: ${res.status} ${await res.text()}`);
    const saved = await res.json<PostCommentResponse>();
    token ??= saved.commenterToken ?? null;
    ids.push(saved.comment.id);
  }
  const row = await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(ids[0]).first<{ author_id: number }>();
  return { token: token!, commenterId: row!.author_id, ids };
}

// ---- figures: comments and reports at chosen times ----

export interface TimedComment {
  storyId: number;
  authorId: number;
  /** epoch ms */
  createdAt: number;
  status?: "published" | "pending" | "rejected" | "deleted";
  heldAt?: number | null;
  moderatedAt?: number | null;
  /** a staff id (a real row: the column is a foreign key) */
  moderatedBy?: number | null;
  answeredAt?: number | null;
}

/** Inserts comments with the times the figures read, in one batch (a JSON parameter per 200 rows); returns their ids in order. */
export async function seedTimedComments(siteId: string, rows: TimedComment[]): Promise<number[]> {
  const sql = `
    INSERT INTO comments (site_id, story_id, author_id, body, status, created_at, updated_at,
                          held_at, moderated_at, moderated_by, answered_at, answer_status)
    SELECT ?1, json_extract(j.value, '$.storyId'), json_extract(j.value, '$.authorId'), 'timed comment',
           json_extract(j.value, '$.status'), json_extract(j.value, '$.createdAt'), json_extract(j.value, '$.createdAt'),
           json_extract(j.value, '$.heldAt'), json_extract(j.value, '$.moderatedAt'), json_extract(j.value, '$.moderatedBy'),
           json_extract(j.value, '$.answeredAt'),
           CASE WHEN json_extract(j.value, '$.answeredAt') IS NOT NULL THEN 'answered' END
    FROM json_each(?2) AS j ORDER BY j.key
    RETURNING id`;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r) => ({
      storyId: r.storyId,
      authorId: r.authorId,
      createdAt: r.createdAt,
      status: r.status ?? "published",
      heldAt: r.heldAt ?? null,
      moderatedAt: r.moderatedAt ?? null,
      moderatedBy: r.moderatedBy ?? null,
      answeredAt: r.answeredAt ?? null,
    }));
    statements.push(dbOf(siteId).prepare(sql).bind(siteId, JSON.stringify(chunk)));
  }
  const results = await dbOf(siteId).batch<{ id: number }>(statements);
  return results.flatMap((r) => r.results.map((row) => row.id)).sort((a, b) => a - b);
}

/** Reports made at chosen times, each by a different reporter. */
export async function seedTimedReports(siteId: string, rows: { commentId: number; createdAt: number }[]): Promise<void> {
  const db = dbOf(siteId);
  await db.batch(
    rows.map((r, i) =>
      db
        .prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at) VALUES (?, ?, ?, 'abuse', ?)")
        .bind(siteId, r.commentId, `ip:timed-${i}-${crypto.randomUUID()}`, r.createdAt),
    ),
  );
}

/** The commenter that stands for a staff member on a site (their replies carry the staff badge). */
export async function seedStaffCommenter(siteId: string, staffId: number, name = "La rédaction"): Promise<number> {
  const row = await dbOf(siteId)
    .prepare("INSERT INTO commenters (site_id, kind, name, staff_id, created_at) VALUES (?, 'guest', ?, ?, ?) RETURNING id")
    .bind(siteId, name, staffId, Date.now())
    .first<{ id: number }>();
  return row!.id;
}
