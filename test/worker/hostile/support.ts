// The hostile inputs suite's tools: send many requests in small batches, check that each answer is
// a JSON 4xx or a success (never a 500, never HTML), count the cases, and check the database after.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { BODY_MAX, NAME_MAX, findNameProblem, findTextProblem } from "../../../common/text/rules";
import { api, createSite, errorOf, sitePath, type TestSite } from "../support";

/** A site with every rule that would refuse a well-formed comment turned off, so what is tested is the input. */
export function hostileSite(): Promise<TestSite> {
  return createSite({
    settings: {
      floodMaxPerAuthor: 0,
      floodMaxPerIp: 0,
      duplicateWindowSeconds: 0,
      maxLinks: 50,
      premoderateLinks: false,
      newCommenterHold: 0,
      reportThreshold: 100,
    },
  });
}

export interface Case {
  what: string;
  method?: string;
  /** the path under /api/v1/{site} */
  path: string;
  /** a string or bytes is sent as is; anything else as JSON */
  body?: unknown;
  contentType?: string | null;
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface Outcome {
  c: Case;
  status: number;
  /** the parsed JSON answer (error or success), null for a body-less answer */
  data: any;
}

let counted = 0;
/** How many requests the suite's checks have looked at, in this file. */
export const casesRun = () => counted;

let ipCounter = 0;
/** A different network per request, so per-network limits do not stand in for the input rules. */
export const nextIp = () => `198.18.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

/** Sends one case; its answer must be a JSON error (4xx) or a success, never a 5xx. */
export async function send(site: TestSite, c: Case): Promise<Outcome> {
  const headers = new Headers(c.headers);
  let body: BodyInit | undefined;
  if (c.body !== undefined) {
    body = typeof c.body === "string" || c.body instanceof Uint8Array ? (c.body as BodyInit) : JSON.stringify(c.body);
    if (c.contentType !== null) headers.set("Content-Type", c.contentType ?? "application/json");
  }
  if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", nextIp());
  const res = await api(sitePath(site, c.path), {
    method: c.method ?? (c.body === undefined ? "GET" : "POST"),
    origin: c.origin === undefined ? site.origin : c.origin,
    headers,
    body,
  });
  counted++;
  const label = `${c.method ?? ""} ${c.path}: ${c.what}`;
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    const error = await errorOf(res).catch((e: Error) => {
      throw new Error(`${label}: ${res.status} is not a JSON error: ${e.message}`);
    });
    return { c, status: res.status, data: { error } };
  }
  if (res.status === 204 || res.status === 304) return { c, status: res.status, data: null };
  const type = res.headers.get("Content-Type") ?? "";
  expect(type, label).toMatch(/^application\/json/);
  return { c, status: res.status, data: await res.json() };
}

/** Sends the cases a few at a time (concurrent, as a crowd would), in order of the list. */
export async function sendAll(site: TestSite, cases: Case[], width = 4): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < cases.length; i += width) {
    out.push(...(await Promise.all(cases.slice(i, i + width).map((c) => send(site, c)))));
  }
  return out;
}

/** Every outcome is a refusal (4xx) with one of these codes. */
export function expectRefused(outcomes: Outcome[], codes: string[], status?: number): void {
  for (const o of outcomes) {
    const label = `${o.c.what} (${o.status} ${JSON.stringify(o.data).slice(0, 200)})`;
    expect(o.status, label).toBeGreaterThanOrEqual(400);
    if (status) expect(o.status, label).toBe(status);
    expect(codes, label).toContain(o.data.error.code);
  }
}

/** Whether a text typed by a reader is acceptable as it is, by the documented rules. */
export function acceptable(text: string, max: number, kind: "body" | "name"): boolean {
  const lines = text.replace(/\r\n?/g, "\n");
  if ((kind === "name" ? findNameProblem(lines) : findTextProblem(lines, { multiline: true })) !== null) return false;
  const normal = lines.normalize("NFC").trim();
  return normal.length > 0 && [...normal].length <= max;
}

/** A JSON body holding these raw bytes in place of the marker string "\u0001" of `fields`. */
export function withRawBytes(fields: object, bytes: number[]): Uint8Array {
  const [before, after] = JSON.stringify(fields).split("\\u0001");
  const enc = new TextEncoder();
  return Uint8Array.from([...enc.encode(before!), ...bytes, ...enc.encode(after!)]);
}

/**
 * The database's own consistency, for these sites: no row half-written (a comment without its story,
 * author or thread; text that breaks the rules), and every counter equal to the rows it counts.
 */
export async function expectConsistent(siteIds: string[]): Promise<void> {
  const inSites = `IN (${siteIds.map(() => "?").join(",")})`;
  const checks: [string, string][] = [
    [
      "a comment whose story is missing or of another site",
      `SELECT c.id FROM comments c LEFT JOIN stories s ON s.id = c.story_id WHERE c.site_id ${inSites} AND (s.id IS NULL OR s.site_id <> c.site_id)`,
    ],
    [
      "a comment whose author is missing or of another site",
      `SELECT c.id FROM comments c LEFT JOIN commenters a ON a.id = c.author_id WHERE c.site_id ${inSites} AND (a.id IS NULL OR a.site_id <> c.site_id)`,
    ],
    [
      "a reply whose thread is missing, or in another story",
      `SELECT c.id FROM comments c LEFT JOIN comments r ON r.id = c.root_id WHERE c.site_id ${inSites} AND c.root_id IS NOT NULL AND (r.id IS NULL OR r.story_id <> c.story_id OR r.root_id IS NOT NULL)`,
    ],
    [
      "a comment with an empty body or a repaired character (U+FFFD) or NUL",
      `SELECT id FROM comments WHERE site_id ${inSites} AND ((trim(body) = '' AND status <> 'deleted') OR instr(body, char(65533)) > 0 OR instr(body, char(0)) > 0)`,
    ],
    [
      "a story whose comment_count is not its published comments",
      `SELECT s.id FROM stories s WHERE s.site_id ${inSites} AND s.comment_count <> (SELECT count(*) FROM comments c WHERE c.story_id = s.id AND c.status = 'published')`,
    ],
    [
      "a thread whose reply_count is not its published replies",
      `SELECT t.id FROM comments t WHERE t.site_id ${inSites} AND t.root_id IS NULL AND t.reply_count <> (SELECT count(*) FROM comments r WHERE r.root_id = t.id AND r.status = 'published')`,
    ],
    ["a reply with a reply_count", `SELECT id FROM comments WHERE site_id ${inSites} AND root_id IS NOT NULL AND reply_count <> 0`],
    [
      "a commenter whose counts are not their comments",
      `SELECT a.id FROM commenters a WHERE a.site_id ${inSites} AND (
         a.comment_count <> (SELECT count(*) FROM comments c WHERE c.author_id = a.id)
         OR a.approved_count <> (SELECT count(*) FROM comments c WHERE c.author_id = a.id AND c.status = 'published')
         OR a.rejected_count <> (SELECT count(*) FROM comments c WHERE c.author_id = a.id AND c.status = 'rejected')
         OR a.reported_count <> (SELECT count(*) FROM reports r JOIN comments c ON c.id = r.comment_id WHERE c.author_id = a.id))`,
    ],
    [
      "a comment whose reaction_count is not its reactions",
      `SELECT c.id FROM comments c WHERE c.site_id ${inSites} AND c.reaction_count <> (SELECT count(*) FROM reactions r WHERE r.comment_id = c.id)`,
    ],
    [
      "a comment whose report counts are not its reports",
      `SELECT c.id FROM comments c WHERE c.site_id ${inSites} AND (c.report_count <> (SELECT count(*) FROM reports r WHERE r.comment_id = c.id) OR c.open_reports > c.report_count)`,
    ],
    [
      "a reaction or report on a comment of another site",
      `SELECT r.comment_id FROM reactions r JOIN comments c ON c.id = r.comment_id WHERE r.site_id ${inSites} AND c.site_id <> r.site_id
       UNION ALL SELECT r.comment_id FROM reports r JOIN comments c ON c.id = r.comment_id WHERE r.site_id ${inSites} AND c.site_id <> r.site_id`,
    ],
  ];
  const results = await env.DB.batch(
    checks.map(([, sql]) => env.DB.prepare(sql).bind(...siteIds, ...(sql.includes("UNION") ? siteIds : []))),
  );
  checks.forEach(([what], i) => {
    expect(results[i]!.results, what).toEqual([]);
  });
  // Text as stored keeps to the rules it was accepted under.
  const { results: names } = await env.DB.prepare(`SELECT id, name FROM commenters WHERE site_id ${inSites}`)
    .bind(...siteIds)
    .all<{ id: number; name: string }>();
  for (const n of names) expect(findNameProblem(n.name), `commenter ${n.id} ${JSON.stringify(n.name)}`).toBeNull();
  const { results: bodies } = await env.DB.prepare(`SELECT id, body FROM comments WHERE site_id ${inSites}`)
    .bind(...siteIds)
    .all<{ id: number; body: string }>();
  for (const b of bodies) {
    expect(findTextProblem(b.body, { multiline: true }), `comment ${b.id}`).toBeNull();
    expect(b.body, `comment ${b.id}`).toBe(b.body.normalize("NFC").trim());
  }
}

export const canonical = (s: string) => s.replace(/\r\n?/g, "\n").normalize("NFC").trim();

/** What each accepted comment must read back as, by id. */
export type Expected = Map<number, { body: string; name: string; story: string }>;

/** A guest's post of this text on a story of the site (its URL on the site's origin). */
export function postCase(site: TestSite, story: string, body: string, name: string, what = "", extra: object = {}): Case {
  return {
    what: what || JSON.stringify(body).slice(0, 80),
    path: "/comments",
    body: { story, url: `${site.origin}/${encodeURIComponent(story)}`, body, author: { name }, ...extra },
  };
}

/** Each outcome is a 201 with the text as sent (canonical form) when the rules accept it, else a 400. */
export function expectAsRuled(outcomes: Outcome[], texts: { body: string; name: string }[], expected: Expected): void {
  outcomes.forEach((o, i) => {
    const { body, name } = texts[i]!;
    const ok = acceptable(body, BODY_MAX, "body") && acceptable(name, NAME_MAX, "name");
    const label = `${o.c.what}: ${o.status} ${JSON.stringify(o.data).slice(0, 300)}`;
    if (!ok) {
      expect(o.status, label).toBe(400);
      expect(o.data.error.code, label).toBe("validation_failed");
      return;
    }
    expect(o.status, label).toBe(201);
    expect(o.data.comment.body, label).toBe(canonical(body));
    expect(o.data.comment.author.name, label).toBe(canonical(name));
    expected.set(o.data.comment.id, { body: canonical(body), name: canonical(name), story: (o.c.body as { story: string }).story });
  });
}

/** Every accepted comment reads back identical: in D1, and (when published) through its story's thread, page after page. */
export async function expectReadBack(site: TestSite, expected: Expected): Promise<void> {
  const seen = new Map<number, { body: string; name: string }>();
  for (const story of new Set([...expected.values()].map((e) => e.story))) {
    let cursor: string | null = null;
    do {
      const qs = new URLSearchParams({ story, sort: "oldest", limit: "100", ...(cursor ? { cursor } : {}) });
      const page = await send(site, { what: `thread ${story}`, path: `/thread?${qs}` });
      expect(page.status).toBe(200);
      for (const c of page.data.comments) seen.set(c.id, { body: c.body, name: c.author.name });
      cursor = page.data.nextCursor;
    } while (cursor);
  }
  const { results } = await env.DB.prepare(
    "SELECT c.id, c.body, c.status, a.name FROM comments c JOIN commenters a ON a.id = c.author_id WHERE c.site_id = ?",
  )
    .bind(site.id)
    .all<{ id: number; body: string; status: string; name: string }>();
  const rows = new Map(results.map((r) => [r.id, r]));
  for (const [id, e] of expected) {
    expect(rows.get(id)?.body, `comment ${id} in D1`).toBe(e.body);
    if (rows.get(id)!.status === "published") expect(seen.get(id), `comment ${id} in its thread`).toEqual({ body: e.body, name: e.name });
  }
}
