// D1 read replication (issue 13 point 4): each reader API request runs on one D1 session (the
// Sessions API, withSession), so that in production its reads may be served by a nearby read
// replica, and a reader's own writes stay visible to them through the session's bookmark.
//
// - A read (GET, HEAD, OPTIONS) starts "first-unconstrained" (any replica), or, when the request
//   carries a bookmark, from a replica at least as recent as it: the reader sees what they wrote.
// - A write starts "first-primary": whatever it reads to decide (idempotency, rules, the site) is
//   the latest state, never a lagging replica's.
// - The answer carries the session's bookmark (BOOKMARK_HEADER) when the request was a write or
//   sent a bookmark: the widget sends it back on its next request. A reader who never wrote has
//   nothing of theirs to see, so plain reads get none: the shared pages stay the same for
//   everyone, and a browser adds no CORS preflight to an anonymous reader's GETs.
//
// Without the Sessions API, D1 sends every query to the primary: the staff API, the mail links
// (a link mailed just after its row was written must find it), the queue and the cron keep
// env.DB as it is. lib/site-home.ts opens the session, on the site's own database.

/** Sent by the widget, answered by the reader API: a D1 bookmark (allowed and exposed by site-scope's CORS). */
export const BOOKMARK_HEADER = "X-Palabre-Bookmark";

/**
 * D1's bookmark: four hex groups (8-8-8-32), as production and local D1 both write it. Anything
 * else is ignored rather than refused (see bookmarkOf).
 */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/**
 * The request's bookmark when it is one, else null. A malformed value is ignored (the read is then
 * unconstrained) and not answered with a 400: the bookmark only asks for freshness, never changes
 * what a reader may see, and a refusal would break every request of a widget whose stored value
 * got damaged (or of a D1 that changed its format) until its storage is cleared; ignored, the
 * answer's good bookmark replaces it. Passing it on to D1 instead would fail the request in
 * production, or (locally) echo the garbage back, since a session keeps the greatest bookmark it saw.
 */
export function bookmarkOf(value: string | null | undefined): string | null {
  return value && BOOKMARK.test(value) ? value : null;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A request that writes nothing: its session may start on any replica, and it gets no bookmark unless it sent one. */
export function isRead(method: string): boolean {
  return READS.has(method);
}

/** Where a request's session starts: see the module's comment. */
export function sessionStart(method: string, bookmark: string | null): D1SessionBookmark | D1SessionConstraint {
  return READS.has(method) ? (bookmark ?? "first-unconstrained") : "first-primary";
}

/**
 * A session as the D1Database the rest of the code takes: a session has only prepare and batch,
 * which is all the reader API uses (no exec, no dump), so the code below keeps its D1Database
 * types and needs no change. exec and dump fail loudly rather than leave the session unnoticed;
 * withSession opens another session on the database itself.
 */
export function sessionDatabase(session: D1DatabaseSession, db: D1Database): D1Database {
  const outside = (name: string) => () =>
    Promise.reject(new Error(`D1 ${name}() is not available in a request's session: use prepare or batch`));
  return {
    prepare: (query) => session.prepare(query),
    batch: <T>(statements: D1PreparedStatement[]) => session.batch<T>(statements),
    exec: outside("exec"),
    dump: outside("dump"),
    withSession: (start) => db.withSession(start),
  };
}
