// Shared helpers for the worker tests: seeding sites, calling the worker, counting rows.
import { env, exports } from "cloudflare:workers";
import type { ErrorResponse, PostCommentResponse } from "../../worker/schemas/views";

declare global {
  namespace Cloudflare {
    // Types `exports.default` from "cloudflare:workers" as the worker's own entry point.
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
    }
  }
}

export const BASE = "https://palabre.test";

export interface TestSite {
  id: string;
  /** the first allowed origin, used by default */
  origin: string;
  allowedOrigins: string[];
}

let siteCounter = 0;

/** The test Worker's two databases (wrangler.toml): DB, also the registry, and DB_2. */
export type Home = "DB" | "DB_2";
const homes = new Map<string, Home>();

/** The database holding a site's data, as createSite placed it (DB unless told otherwise). */
export function dbOf(siteId: string): D1Database {
  return env[homes.get(siteId) ?? "DB"];
}

/**
 * Registers a site with its allowed origins (defaults to one origin derived from the id). With
 * `db: "DB_2"` the site lives in the second database, as a large tenant's would: the registry's row
 * (DB) names DB_2, and the site's own row is there.
 */
export async function createSite(
  opts: { id?: string; name?: string; origins?: string[]; settings?: object; db?: Home } = {},
): Promise<TestSite> {
  const id = opts.id ?? `site-${++siteCounter}-${crypto.randomUUID().slice(0, 8)}`;
  const origins = opts.origins ?? [`https://${id}.example`];
  const home = opts.db ?? "DB";
  const row = [id, opts.name ?? `Site ${id}`, JSON.stringify(origins), JSON.stringify(opts.settings ?? {}), Date.now()];
  const insert = (db: D1Database, moving: string | null) =>
    db
      .prepare("INSERT INTO sites (id, name, allowed_origins, settings, created_at, db, moving) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(...row, home, moving);
  await insert(env.DB, home === "DB" ? null : "away").run();
  if (home !== "DB") await insert(env[home], null).run();
  homes.set(id, home);
  return { id, origin: origins[0] ?? "https://nowhere.example", allowedOrigins: origins };
}

/** Calls the worker. `origin: null` sends no Origin header; a string sends that one. */
export function api(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
  const { origin, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (origin) headers.set("Origin", origin);
  return exports.default.fetch(new Request(new URL(path, BASE), { ...rest, headers }));
}

export function sitePath(site: TestSite | string, rest: string): string {
  return `/api/v1/${typeof site === "string" ? site : site.id}${rest}`;
}

/** POSTs a comment as JSON from the site's origin (or another one given). */
export function post(site: TestSite, body: unknown, origin: string | null = site.origin): Promise<Response> {
  return api(sitePath(site, "/comments"), {
    method: "POST",
    origin,
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Posts and expects 201; returns the saved comment and story. */
export async function postOk(site: TestSite, body: unknown): Promise<PostCommentResponse> {
  const res = await post(site, body);
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  return res.json<PostCommentResponse>();
}

export function comment(story: string, body: string, name = "Ana", extra: object = {}): object {
  return { story, body, author: { name }, ...extra };
}

/** Reads the thread page from the site's origin; query values are URL-encoded. */
export function getThread(
  site: TestSite,
  query: Record<string, string | number | undefined>,
  origin: string | null = site.origin,
): Promise<Response> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  return api(sitePath(site, `/thread?${qs}`), { origin });
}

export function getReplies(
  site: TestSite,
  id: number | string,
  query: Record<string, string | number | undefined> = {},
  origin: string | null = site.origin,
): Promise<Response> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  return api(sitePath(site, `/comments/${id}/replies?${qs}`), { origin });
}

export async function json<T = unknown>(res: Response): Promise<T> {
  const type = res.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/json")) throw new Error(`expected JSON, got ${type}: ${await res.text()}`);
  return res.json<T>();
}

/** Reads an error response, checking it is the documented shape and nothing else. */
export async function errorOf(res: Response): Promise<ErrorResponse["error"]> {
  const body = await json<ErrorResponse>(res);
  if (typeof body !== "object" || body === null || Object.keys(body).join() !== "error") {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  // Every error answer carries its request's id (worker/lib/request-id.ts); the rest is returned.
  const { requestId, ...e } = body.error as ErrorResponse["error"] & { requestId?: unknown };
  if (typeof requestId !== "string" || requestId === "") throw new Error(`error body without a requestId: ${JSON.stringify(body)}`);
  const keys = Object.keys(e).sort().join();
  if (!["code,message", "code,issues,message", "code,details,message"].includes(keys)) {
    throw new Error(`unexpected error keys: ${keys}`);
  }
  if (typeof e.code !== "string" || typeof e.message !== "string" || e.message.length === 0) {
    throw new Error(`bad error body: ${JSON.stringify(body)}`);
  }
  return e;
}

export interface RowCounts {
  comments: number;
  commenters: number;
  stories: number;
  reports: number;
  audit: number;
  /** a digest of every counter column, so that a refused request may not change one either */
  counters: string;
}

/** The rows of both databases (a refused request may write in neither). */
export async function countRows(): Promise<RowCounts> {
  const [one, two] = await Promise.all([countRowsOf(env.DB), countRowsOf(env.DB_2)]);
  return {
    comments: one.comments + two.comments,
    commenters: one.commenters + two.commenters,
    stories: one.stories + two.stories,
    reports: one.reports + two.reports,
    audit: one.audit + two.audit,
    counters: `${one.counters}||${two.counters}`,
  };
}

async function countRowsOf(db: D1Database): Promise<RowCounts> {
  const [a, b, c, d, e, f] = await db.batch<{ n: number | string }>([
    db.prepare("SELECT COUNT(*) AS n FROM comments"),
    db.prepare("SELECT COUNT(*) AS n FROM commenters"),
    db.prepare("SELECT COUNT(*) AS n FROM stories"),
    db.prepare("SELECT COUNT(*) AS n FROM reports"),
    db.prepare("SELECT COUNT(*) AS n FROM audit_log"),
    db.prepare(
      `SELECT (SELECT group_concat(id || ':' || status || ':' || reply_count || ':' || open_reports || ':' || report_count) FROM comments)
           || '|' || (SELECT group_concat(id || ':' || name || ':' || comment_count || ':' || approved_count || ':' || reported_count) FROM commenters)
           || '|' || (SELECT group_concat(id || ':' || comment_count) FROM stories) AS n`,
    ),
  ]);
  const n = (r: typeof a) => Number(r!.results[0]!.n);
  return {
    comments: n(a),
    commenters: n(b),
    stories: n(c),
    reports: n(d),
    audit: n(e),
    counters: String(f!.results[0]!.n ?? ""),
  };
}

/** Runs a request that must be refused and checks that no row was written meanwhile. */
export async function refusedWithoutWrite(send: () => Promise<Response>): Promise<Response> {
  const before = await countRows();
  const res = await send();
  const after = await countRows();
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    throw new Error(`rows changed on a refused request: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
  }
  return res;
}

/** A story row made directly in D1 (for seeding); returns its internal id. */
export async function seedStory(siteId: string, key: string): Promise<number> {
  const row = await dbOf(siteId)
    .prepare("INSERT INTO stories (site_id, key, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id")
    .bind(siteId, key, Date.now(), Date.now())
    .first<{ id: number }>();
  return row!.id;
}

export async function seedCommenter(siteId: string, name: string): Promise<number> {
  const row = await dbOf(siteId)
    .prepare("INSERT INTO commenters (site_id, kind, name, comment_count, created_at) VALUES (?, 'guest', ?, 0, ?) RETURNING id")
    .bind(siteId, name, Date.now())
    .first<{ id: number }>();
  return row!.id;
}

export interface SeedComment {
  id: number;
  storyId: number;
  authorId: number;
  rootId?: number | null;
  parentId?: number | null;
  depth?: number;
  status?: "published" | "pending" | "rejected" | "deleted";
  replyCount?: number;
  body?: string;
}

/**
 * Inserts many comments with chosen ids, a few statements in one batch: each statement reads its
 * rows from one JSON parameter (D1 caps bound parameters per statement, not their size).
 */
export async function seedComments(siteId: string, rows: SeedComment[]): Promise<void> {
  const sql = `
    INSERT INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status,
                          reply_count, created_at, updated_at)
    SELECT json_extract(j.value, '$.id'), ?1, json_extract(j.value, '$.storyId'),
           json_extract(j.value, '$.parentId'), json_extract(j.value, '$.parentId'),
           json_extract(j.value, '$.rootId'), json_extract(j.value, '$.depth'), json_extract(j.value, '$.authorId'),
           json_extract(j.value, '$.body'), json_extract(j.value, '$.status'), json_extract(j.value, '$.replyCount'),
           ?2, ?2
    FROM json_each(?3) AS j`;
  const now = Date.now();
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r) => ({
      id: r.id,
      storyId: r.storyId,
      authorId: r.authorId,
      rootId: r.rootId ?? null,
      parentId: r.parentId ?? r.rootId ?? null,
      depth: r.depth ?? (r.rootId ? 1 : 0),
      status: r.status ?? "published",
      replyCount: r.replyCount ?? 0,
      body: r.body ?? `comment ${r.id}`,
    }));
    statements.push(dbOf(siteId).prepare(sql).bind(siteId, now, JSON.stringify(chunk)));
  }
  await dbOf(siteId).batch(statements);
}

/** Who the request comes from: a commenter token (Authorization: Bearer) and an IP (CF-Connecting-IP). */
export interface Reader {
  token?: string | null;
  ip?: string;
  origin?: string | null;
}

function readerHeaders(reader: Reader): Record<string, string> {
  return {
    ...(reader.token ? { Authorization: `Bearer ${reader.token}` } : {}),
    ...(reader.ip ? { "CF-Connecting-IP": reader.ip } : {}),
  };
}

/** POSTs a comment as a given reader (token and IP). */
export function postAs(site: TestSite, body: unknown, reader: Reader): Promise<Response> {
  return api(sitePath(site, "/comments"), {
    method: "POST",
    origin: reader.origin === undefined ? site.origin : reader.origin,
    headers: { "Content-Type": "application/json", ...readerHeaders(reader) },
    body: JSON.stringify(body),
  });
}

/** POSTs a report on a comment as a given reader. */
export function report(site: TestSite, id: number | string, body: unknown, reader: Reader = {}): Promise<Response> {
  return api(sitePath(site, `/comments/${id}/reports`), {
    method: "POST",
    origin: reader.origin === undefined ? site.origin : reader.origin,
    headers: { "Content-Type": "application/json", ...readerHeaders(reader) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Reads the thread page as a given reader (with their token). */
export function getThreadAs(site: TestSite, query: Record<string, string | number | undefined>, reader: Reader): Promise<Response> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  return api(sitePath(site, `/thread?${qs}`), {
    origin: reader.origin === undefined ? site.origin : reader.origin,
    headers: readerHeaders(reader),
  });
}
