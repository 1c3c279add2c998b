// A story's thread page (with first replies, the editors' picks and the reader's own held
// comments) in one D1 round trip, a 304 from the story's version alone, and anonymous first pages
// from the Cache API (./page-cache).
import type { ReaderCredential } from "../auth/reader";
import { selectCommenterByToken, type CommenterRow } from "../db/commenters";
import type { SiteRecord } from "../db/sites";
import { insertStoryIfMissing, selectOldestCreation } from "../db/stories";
import { selectStoryFeatured, selectThreadPage, toCommentView, type CommentRow, type ReaderView } from "../db/comments";
import { selectStoryWithLatest, type StoryWithLatestRow } from "../db/thread-positions";
import type { MaybeReacted } from "../db/reactions";
import { batchOf, resultOf } from "../db/typed";
import { selectOwnHeldOrRemoved, type OwnCommentRow } from "../db/own-comments";
import { ownCommentView } from "./own-comments";
import { ApiError } from "../lib/errors";
import { UNKNOWN_IP, ipHash, sha256Hex } from "../lib/hash";
import { encodeCursor } from "../lib/cursor";
import { etagMatches } from "../lib/etag";
import { siteVersion } from "../lib/site-cache";
import { storyClosesAt, storyFacts, viewStory } from "../moderation/story-closed";
import type { ThreadQuery } from "../schemas/reader";
import type { ThreadComment, ThreadResponse } from "../schemas/views";
import { viewerOf } from "./readers";
import { linkableStoryUrl, storyCreationLimit, storyFlood, storyProposal } from "./stories";
import { bySort, cursorAfter, FIRST_REPLIES, OWN_PENDING_MAX, pagePosition, STORY_FEATURED_MAX, toSiteView } from "./threads";
import { findPage, storePage, type PageKey, type StoredPage } from "./page-cache";
import { keepRecentPage, type RecentPage } from "./recent-pages";

/** Rows read for a reader with a credential say whether they reacted (db/reactions.ts withReacted). */
type ReadRow = MaybeReacted<CommentRow>;

/** What a thread read answers: 304, a page stored earlier (its JSON as stored), or a page built now. */
export type ThreadAnswer = { etag: string; notModified: true } | { etag: string; stored: string } | { etag: string; body: ThreadResponse };

/**
 * The thread's ETag, 32 hex digits like every other: the story's version (8 digits) and the site's
 * (8) in the clear, so that a conditional request says which page its reader has and the batch can
 * skip reading it again, then a digest of the rest the page depends on (the site's full version,
 * the request, the reader, the story's status, which may change by the clock alone, and link).
 */
const VERSION_MAX = 0xffffffff;

async function threadEtag(storyVersion: number, site: string, rest: unknown[]): Promise<string> {
  // A version beyond 8 digits is never claimed back (claimedVersion), so such a story is just read.
  const v = Math.min(storyVersion, VERSION_MAX).toString(16).padStart(8, "0");
  const digest = (await sha256Hex(JSON.stringify([storyVersion, site, ...rest]))).slice(0, 16);
  return `W/"${v}${site.slice(0, 8).padStart(8, "0")}${digest}"`;
}

/** The story version a conditional request says its reader has, when its tag is of this site's version. */
function claimedVersion(ifNoneMatch: string | undefined, site: string): number | null {
  for (const tag of (ifNoneMatch ?? "").split(",")) {
    const m = /^(?:W\/)?"([0-9a-f]{8})([0-9a-f]{8})[0-9a-f]{16}"$/.exec(tag.trim());
    if (m && m[2] === site.slice(0, 8).padStart(8, "0")) {
      const v = parseInt(m[1]!, 16);
      if (v < VERSION_MAX) return v;
    }
  }
  return null;
}

/**
 * The story a reader's page opens: its URL must be the site's own (storyProposal), and its network
 * may open only so many per hour, counted in the inserting statement itself. An unknown network
 * (no Cloudflare or proxy header) is counted as one network, so it cannot escape the limit.
 */
async function createStory(
  db: D1Database,
  site: SiteRecord,
  q: ThreadQuery,
  opts: { now: number; ip: string },
): Promise<StoryWithLatestRow> {
  const proposal = storyProposal(site, q.url, q.title);
  const network = await ipHash(site.id, opts.ip || UNKNOWN_IP);
  const limit = storyCreationLimit(opts.now);
  const created = selectStoryWithLatest(db, site.id, q.story);
  const oldest = selectOldestCreation(db, { siteId: site.id, ipHash: network, since: limit.since });
  const [, createdRows, oldestRows] = await batchOf(db, [
    insertStoryIfMissing(db, { siteId: site.id, key: q.story, ...proposal, now: opts.now, ipHash: network, limit }),
    created,
    oldest,
  ]);
  const story = createdRows.results[0];
  if (!story) throw storyFlood(oldestRows.results[0]?.oldest ?? null, opts.now);
  return story;
}

/** The statements of one thread read; with `unlessVersion`, the page's are empty at that version. */
function threadStatements(db: D1Database, site: SiteRecord, q: ThreadQuery, tokenHash: string | null, unlessVersion: number | null) {
  const scope = { siteId: site.id, storyKey: q.story, tokenHash, unlessVersion };
  return {
    story: selectStoryWithLatest(db, site.id, q.story),
    page: selectThreadPage(db, {
      ...scope,
      sort: q.sort,
      ...pagePosition(q.sort, q.cursor),
      rows: q.limit + 1,
      // one more than shown: tells whether the thread has more replies
      firstReplies: FIRST_REPLIES + 1,
    }),
    featured: !q.cursor ? selectStoryFeatured(db, { ...scope, limit: STORY_FEATURED_MAX }) : null,
    own: tokenHash !== null ? selectOwnHeldOrRemoved(db, { ...scope, tokenHash, limit: OWN_PENDING_MAX }) : null,
    commenter: tokenHash !== null ? selectCommenterByToken(db, site.id, tokenHash) : null,
  };
}

interface ThreadRows {
  story: StoryWithLatestRow | undefined;
  page: ReadRow[];
  featured: ReadRow[];
  own: MaybeReacted<OwnCommentRow>[];
  commenter: CommenterRow | null;
}

/** One D1 batch: the story, the page, then (first page) the picks, then (a reader) their own comments and row. */
async function readRows(
  db: D1Database,
  site: SiteRecord,
  q: ThreadQuery,
  tokenHash: string | null,
  unlessVersion: number | null,
): Promise<ThreadRows> {
  const s = threadStatements(db, site, q, tokenHash, unlessVersion);
  const statements = [s.story, s.page, s.featured, s.own, s.commenter].filter((x) => x !== null);
  const results = await db.batch(statements);
  return {
    story: resultOf(results, statements, s.story).results[0],
    page: resultOf(results, statements, s.page).results,
    featured: s.featured ? resultOf(results, statements, s.featured).results : [],
    own: s.own ? resultOf(results, statements, s.own).results : [],
    commenter: s.commenter ? (resultOf(results, statements, s.commenter).results[0] ?? null) : null,
  };
}

function buildPage(q: ThreadQuery, rows: ThreadRows, _story: StoryWithLatestRow, reader: ReaderView, now: number) {
  const tops = rows.page.filter((r) => r.root_id === null).sort(bySort(q.sort));
  const pageTops = tops.slice(0, q.limit);
  const repliesByRoot = new Map<number, CommentRow[]>();
  for (const r of rows.page) {
    if (r.root_id === null) continue;
    const list = repliesByRoot.get(r.root_id) ?? [];
    list.push(r);
    repliesByRoot.set(r.root_id, list);
  }
  const comments: ThreadComment[] = pageTops.map((row) => {
    const all = (repliesByRoot.get(row.id) ?? []).sort((a, b) => a.id - b.id);
    const replies = all.slice(0, FIRST_REPLIES);
    const last = replies[replies.length - 1];
    return {
      ...toCommentView(row, reader),
      replies: replies.map((r) => toCommentView(r, reader)),
      repliesCursor: last && all.length > replies.length ? encodeCursor("replies", last.id) : null,
    };
  });
  const lastTop = pageTops[pageTops.length - 1];
  return {
    featured: rows.featured.map((r) => toCommentView(r, reader)),
    comments,
    nextCursor: tops.length > q.limit && lastTop ? cursorAfter(q.sort, lastTop) : null,
    own: rows.own.map((r) => ownCommentView(r, reader, now)),
  };
}

/**
 * A page of the story's discussion, in one D1 batch. The story is created on first use, but only
 * for a request from one of the site's own origins: anyone else reading an unknown story gets a
 * 404. The editors' picks come with the first page only; the reader's own held comments come with
 * every page when the request carries their credential (an unknown one just reads as anonymous).
 *
 * When the reader says (If-None-Match) or the page cache says which version of the page is at hand,
 * the batch reads the story and the reader but not the page unless the story moved on, so a 304 or
 * a stored page costs one small batch. The page is read again (a second round trip) only when the
 * version held is the story's but not its answer: the reader or the clock changed it.
 */
export async function readThread(
  db: D1Database,
  site: SiteRecord,
  q: ThreadQuery,
  opts: {
    mayCreateStory: boolean;
    now: number;
    credential: ReaderCredential | null;
    ip: string;
    ifNoneMatch?: string;
    /** where anonymous first pages are kept (null: none), and how to wait for a page being stored */
    cache: { origin: string; wait: (p: Promise<unknown>) => void } | null;
    /** the isolate may keep its answer (recent-pages.ts): the write count and time before any D1 read */
    recent?: { epoch: number; confirmedAt: number } | null;
  },
): Promise<ThreadAnswer> {
  const tokenHash = opts.credential?.tokenHash ?? null;
  const sv = siteVersion(site);
  // A site record not kept by lib/site-cache has no version: nothing is then taken as known.
  const cacheKey: PageKey | null =
    opts.cache && sv !== "" && tokenHash === null && !q.cursor
      ? { origin: opts.cache.origin, siteId: site.id, siteVersion: sv, story: q.story, sort: q.sort, limit: q.limit }
      : null;
  const claimed = sv !== "" ? claimedVersion(opts.ifNoneMatch, sv) : null;
  const stored = claimed === null && cacheKey ? await findPage(cacheKey) : null;
  const known = claimed ?? stored?.version ?? null;

  let rows = await readRows(db, site, q, tokenHash, known);
  let story = rows.story;
  if (!story) {
    if (!opts.mayCreateStory) throw new ApiError(404, "story_not_found", "No discussion exists for this story yet.");
    story = await createStory(db, site, q, opts);
  }
  // Only a page of the site is given as the story's link (one stored before the rule may not be).
  const storyView = { ...viewStory(story, site.settings, opts.now), url: linkableStoryUrl(site.allowedOrigins, story.url) };
  const viewer = viewerOf(opts.credential, rows.commenter);
  const etag = await threadEtag(story.version, sv, [
    q.story,
    q.sort,
    q.cursor ?? "",
    q.limit,
    tokenHash,
    viewer,
    storyView.status,
    storyView.url,
  ]);
  const existing = rows.story;
  const recent = opts.recent;
  const remember = (page: RecentPage) => {
    if (recent && existing && tokenHash === null && !q.cursor) {
      keepRecentPage(site, q, page, { ...recent, closesAt: storyClosesAt(storyFacts(existing), site.settings) });
    }
  };
  if (etagMatches(opts.ifNoneMatch, etag)) {
    remember({ etag, json: null });
    return { etag, notModified: true };
  }

  const skipped = known !== null && rows.story !== undefined && rows.story.version === known;
  if (skipped && stored && stored.page.status === storyView.status) {
    remember({ etag, json: stored.page.json });
    return { etag, stored: stored.page.json };
  }
  if (skipped) rows = { ...(await readRows(db, site, q, tokenHash, null)), story };

  const reader: ReaderView = {
    commenterId: rows.commenter?.id ?? null,
    reacted: new Set([...rows.page, ...rows.featured, ...rows.own].filter((r) => r.reacted === 1).map((r) => r.id)),
  };
  const body: ThreadResponse = {
    site: toSiteView(site),
    story: storyView,
    sort: q.sort,
    ...buildPage(q, rows, story, reader, opts.now),
    latestId: story.latest_id,
    viewer,
  };
  if (cacheKey && rows.story !== undefined) {
    const page: StoredPage = { json: JSON.stringify(body), status: storyView.status };
    storePage(cacheKey, story.version, page, opts.cache!.wait);
    remember({ etag, json: page.json });
    return { etag, stored: page.json };
  }
  return { etag, body };
}
