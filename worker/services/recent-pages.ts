// The isolate's own copy of the anonymous first pages it answered in the last second, so that a
// thread read at the edge of a busy story costs no D1 round trip and no Cache API lookup at all:
// a 304 or the page straight from memory.
//
// What this trades, and why it is safe to:
// - A copy is used for FRESH_MS after D1 last confirmed the story's version and the site's row
//   (thread-page.ts), never longer. A write that went through another isolate (another data
//   centre, the staff CLI, an import) is therefore seen by this isolate's anonymous readers at
//   most FRESH_MS late: the price of answering them without asking D1. A write that went through
//   this isolate is seen at once: lib/write-epoch.ts makes every copy taken before it unusable.
// - Only what every reader is served: first pages read without credentials (a reader with a token
//   sees their own held comments and reactions) and without a D1 bookmark (a reader who wrote
//   sends theirs, and must see their write: lib/d1-session.ts). A request asking for no cache
//   (Cache-Control: no-cache, see asksPastCopies) is confirmed by D1 too.
// - A story the clock will close (closeAfterDays) is not kept past that moment.
// - The site's copy (lib/site-cache.ts) must still be the one the page was built with.
import type { SiteRecord } from "../db/sites";
import { BOOKMARK_HEADER } from "../lib/d1-session";
import { siteVersion } from "../lib/site-cache";
import { writeEpoch } from "../lib/write-epoch";
import type { ThreadQuery } from "../schemas/reader";

/** How long a copy is used after D1 confirmed it: the most an anonymous reader may be late. */
export const FRESH_MS = 1000;

// Bounded by count and by size: a page is at most a few hundred KB (100 comments and their first
// replies), and an isolate has 128 MB; 8 M characters are at most 16 MB even as two-byte strings.
const MAX_PAGES = 1000;
const MAX_CHARS = 8 * 1024 * 1024;

export interface RecentPage {
  etag: string;
  /** the page as stored; null when only its ETag is known (it was last answered with a 304) */
  json: string | null;
}

interface Entry extends RecentPage {
  siteVersion: string;
  epoch: number;
  until: number;
}

const pages = new Map<string, Entry>();
let chars = 0;

function keyOf(siteId: string, q: Pick<ThreadQuery, "story" | "sort" | "limit">): string {
  return `${siteId}\n${q.story}\n${q.sort}\n${q.limit}`;
}

function drop(key: string): void {
  const old = pages.get(key);
  if (!old) return;
  chars -= old.json?.length ?? 0;
  pages.delete(key);
}

/**
 * Cache-Control: no-cache asks for the page as D1 has it now (a hard reload, curl, the bench). Not
 * on a conditional request: fetch() adds that header to every request it sends with If-None-Match
 * (the Fetch standard's HTTP-network-or-cache fetch), whatever the caller wanted, and a 304 from
 * the copy compares the same validator D1 would. (The widget sends neither: its cache mode
 * "no-cache" makes the browser send Cache-Control: max-age=0 and revalidate its own copy.)
 */
function asksPastCopies(req: Request): boolean {
  return !req.headers.has("If-None-Match") && /\bno-cache\b/i.test(req.headers.get("Cache-Control") ?? "");
}

/** Whether this request may be answered from a copy: see the module's comment. */
export function sharedRead(req: Request, q: ThreadQuery): boolean {
  return !q.cursor && !req.headers.has("Authorization") && !req.headers.has(BOOKMARK_HEADER) && !asksPastCopies(req);
}

/** The copy of this page, while it may be used. */
export function recentPage(site: SiteRecord, q: ThreadQuery, now: number): RecentPage | null {
  const key = keyOf(site.id, q);
  const hit = pages.get(key);
  if (!hit) return null;
  if (hit.epoch !== writeEpoch() || now >= hit.until || hit.siteVersion !== siteVersion(site)) {
    drop(key);
    return null;
  }
  return hit;
}

/**
 * What a thread read of a shared page learned from D1, kept. `epoch` and `confirmedAt` are read
 * before the request's D1 batch: a copy is dated by when it was read, not by when it was answered.
 * `closesAt` is when the clock closes the story (null: it does not).
 */
export function keepRecentPage(
  site: SiteRecord,
  q: ThreadQuery,
  page: RecentPage,
  at: { epoch: number; confirmedAt: number; closesAt: number | null },
): void {
  const version = siteVersion(site);
  if (at.epoch !== writeEpoch() || version === "") return;
  const key = keyOf(site.id, q);
  const old = pages.get(key);
  // A 304 tells the ETag only: keep the page it names when it is the one already held.
  const json = page.json ?? (old?.etag === page.etag ? old.json : null);
  drop(key);
  const until = Math.min(at.confirmedAt + FRESH_MS, at.closesAt ?? Number.POSITIVE_INFINITY);
  pages.set(key, { etag: page.etag, json, siteVersion: version, epoch: at.epoch, until });
  chars += json?.length ?? 0;
  while (pages.size > MAX_PAGES || chars > MAX_CHARS) drop(pages.keys().next().value!);
}
