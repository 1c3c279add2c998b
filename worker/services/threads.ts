// Reading discussions: a story's thread page (with first replies, the editors' picks and the
// reader's own held comments), the rest of a thread's replies, where a comment sits
// (permalinks) and the comment counts of many stories. News for polling readers: ./news.
import type { ReaderCredential } from "../auth/reader";
import { selectCommenterByToken, type CommenterRow } from "../db/commenters";
import type { SiteRecord } from "../db/sites";
import { insertStoryIfMissing, selectOldestCreation, selectStoryCounts, type StoryRow } from "../db/stories";
import { selectComment, selectRepliesPage, selectStoryFeatured, selectThreadPage, toCommentView, type CommentRow, type PagePosition, type ReaderView } from "../db/comments";
import { countRepliesBefore, countTopsBefore, selectReplyAt, selectStoryWithLatest, selectTopAt } from "../db/thread-positions";
import { selectReaderReactions, selectOwnHeldOrRemoved, type OwnCommentRow } from "../db/own-comments";
import { ownCommentView } from "./own-comments";
import { ApiError } from "../lib/errors";
import { UNKNOWN_IP, ipHash } from "../lib/hash";
import { decodeCursor, decodePairCursor, encodeCursor, encodePairCursor } from "../lib/cursor";
import { weakEtag } from "../lib/etag";
import { viewStory } from "../moderation/story-closed";
import type { ContextQuery, CountsQuery, RepliesQuery, ThreadQuery } from "../schemas/reader";
import type {
  CommentContextResponse,
  CommentView,
  CountsResponse,
  RepliesResponse,
  SiteView,
  ThreadComment,
  ThreadResponse,
  ThreadSort,
} from "../schemas/views";
import { BODY_MAX, NAME_MAX } from "../../common/text/rules";
import { viewerOf } from "./readers";
import { turnstileView } from "./bot-check";
import { linkableStoryUrl, storyCreationLimit, storyFlood, storyProposal } from "./stories";

/** Replies shown under each top-level comment before "show more replies". */
export const FIRST_REPLIES = 3;
/** Editors' picks shown above a story's thread. */
export const STORY_FEATURED_MAX = 10;
/** The reader's own held comments returned with a thread. */
export const OWN_PENDING_MAX = 50;

export function toSiteView(site: SiteRecord): SiteView {
  const { guestPosting, ssoSecret, loginUrl, editWindowMinutes, charter, replyNotifications } = site.settings;
  return {
    id: site.id,
    name: site.name,
    auth: { guests: guestPosting, sso: ssoSecret !== "", loginUrl: loginUrl || null },
    editWindowSeconds: editWindowMinutes * 60,
    limits: { bodyMax: BODY_MAX, nameMax: NAME_MAX },
    charter,
    replyNotifications,
    turnstile: turnstileView(site.settings),
  };
}

type StoryWithLatest = StoryRow & { latest_id: number };

/** An answer that may be sent as 304 Not Modified when the reader already has it. */
export interface Tagged<T> {
  body: T;
  etag: string;
}

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

/** Where a page of this sort starts: after the cursor's item, or at the very beginning. */
function pagePosition(sort: ThreadSort, cursor: string | undefined): PagePosition {
  if (sort === "top") {
    const [afterReactions, afterId] = cursor
      ? decodePairCursor(cursor, "top")
      : [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    return { afterReactions, afterId };
  }
  const afterId = cursor ? decodeCursor(cursor, sort) : sort === "newest" ? Number.MAX_SAFE_INTEGER : 0;
  return { afterReactions: 0, afterId };
}

/** The cursor of the page that starts right after this top-level comment. */
function cursorAfter(sort: ThreadSort, top: { id: number; reaction_count: number }): string {
  return sort === "top" ? encodePairCursor("top", top.reaction_count, top.id) : encodeCursor(sort, top.id);
}

function bySort(sort: ThreadSort) {
  return (a: CommentRow, b: CommentRow) =>
    sort === "top" ? b.reaction_count - a.reaction_count || b.id - a.id : sort === "newest" ? b.id - a.id : a.id - b.id;
}

/** The reader's reactions among these comments: one indexed lookup, only for a known reader. */
async function readerView(db: D1Database, site: SiteRecord, commenter: CommenterRow | null, rows: CommentRow[]) {
  if (!commenter || rows.length === 0) return { commenterId: commenter?.id ?? null, reacted: new Set<number>() };
  const { results } = await selectReaderReactions(db, {
    siteId: site.id,
    commenterId: commenter.id,
    commentIds: [...new Set(rows.map((r) => r.id))],
  }).all<{ comment_id: number }>();
  return { commenterId: commenter.id, reacted: new Set(results.map((r) => r.comment_id)) };
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
): Promise<StoryWithLatest> {
  const proposal = storyProposal(site, q.url, q.title);
  const network = await ipHash(site.id, opts.ip || UNKNOWN_IP);
  const limit = storyCreationLimit(opts.now);
  const [, created, oldest] = await db.batch<unknown>([
    insertStoryIfMissing(db, { siteId: site.id, key: q.story, ...proposal, now: opts.now, ipHash: network, limit }),
    selectStoryWithLatest(db, site.id, q.story),
    selectOldestCreation(db, { siteId: site.id, ipHash: network, since: limit.since }),
  ]);
  const story = (created!.results as StoryWithLatest[])[0];
  if (!story) throw storyFlood((oldest!.results as { oldest: number | null }[])[0]?.oldest ?? null, opts.now);
  return story;
}

/**
 * A page of the story's discussion. The story is created on first use, but only for a request
 * from one of the site's own origins: anyone else reading an unknown story gets a 404.
 * The editors' picks come with the first page only; the reader's own held comments come with
 * every page when the request carries their credential (an unknown one just reads as anonymous).
 * The ETag is made of the story's version (moved on by every change a reader could see), the
 * request and the reader, and the site's view (its settings may change too).
 */
export async function readThread(
  db: D1Database,
  site: SiteRecord,
  q: ThreadQuery,
  opts: { mayCreateStory: boolean; now: number; credential: ReaderCredential | null; ip: string },
): Promise<Tagged<ThreadResponse>> {
  const position = pagePosition(q.sort, q.cursor);
  const firstPage = !q.cursor;
  const tokenHash = opts.credential?.tokenHash ?? null;
  const [storyResult, pageResult, ...extras] = await db.batch<unknown>([
    selectStoryWithLatest(db, site.id, q.story),
    selectThreadPage(db, {
      siteId: site.id,
      storyKey: q.story,
      sort: q.sort,
      ...position,
      rows: q.limit + 1,
      // one more than shown: tells whether the thread has more replies
      firstReplies: FIRST_REPLIES + 1,
    }),
    ...(firstPage ? [selectStoryFeatured(db, { siteId: site.id, storyKey: q.story, limit: STORY_FEATURED_MAX })] : []),
    ...(tokenHash !== null
      ? [
          selectOwnHeldOrRemoved(db, { siteId: site.id, storyKey: q.story, tokenHash, limit: OWN_PENDING_MAX }),
          selectCommenterByToken(db, site.id, tokenHash),
        ]
      : []),
  ]);
  const featuredRows = firstPage ? (extras.shift()!.results as CommentRow[]) : [];
  const ownRows = tokenHash !== null ? (extras.shift()!.results as OwnCommentRow[]) : [];
  const commenter = tokenHash !== null ? ((extras.shift()!.results as CommenterRow[])[0] ?? null) : null;
  let story = (storyResult!.results as StoryWithLatest[])[0];
  if (!story) {
    if (!opts.mayCreateStory) throw new ApiError(404, "story_not_found", "No discussion exists for this story yet.");
    story = await createStory(db, site, q, opts);
  }

  const rows = pageResult!.results as CommentRow[];
  const reader = await readerView(db, site, commenter, [...rows, ...featuredRows, ...ownRows]);
  const tops = rows.filter((r) => r.root_id === null).sort(bySort(q.sort));
  const pageTops = tops.slice(0, q.limit);
  const repliesByRoot = new Map<number, CommentRow[]>();
  for (const r of rows) {
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
  // Only a page of the site is given as the story's link (one stored before the rule may not be).
  const storyView = { ...viewStory(story, site.settings, opts.now), url: linkableStoryUrl(site.allowedOrigins, story.url) };
  const viewer = viewerOf(opts.credential, commenter);
  const body: ThreadResponse = {
    site: toSiteView(site),
    story: storyView,
    sort: q.sort,
    featured: featuredRows.map((r) => toCommentView(r, reader)),
    comments,
    nextCursor: tops.length > q.limit && lastTop ? cursorAfter(q.sort, lastTop) : null,
    latestId: story.latest_id,
    own: ownRows.map((r) => ownCommentView(r, reader, opts.now)),
    viewer,
  };
  const etag = await weakEtag([
    "thread",
    story.version,
    storyView.status,
    storyView.url,
    q.story,
    q.sort,
    q.cursor ?? "",
    q.limit,
    tokenHash,
    viewer,
    body.site,
  ]);
  return { body, etag };
}

/** The replies of a thread after the cursor, oldest first; `rootId` must be a top-level comment. */
export async function readReplies(
  db: D1Database,
  site: SiteRecord,
  rootId: number,
  q: RepliesQuery,
  credential: ReaderCredential | null,
): Promise<RepliesResponse> {
  const afterId = q.cursor ? decodeCursor(q.cursor, "replies") : 0;
  const [rootResult, pageResult, commenterResult] = await db.batch<unknown>([
    selectComment(db, site.id, rootId),
    selectRepliesPage(db, { siteId: site.id, rootId, afterId, rows: q.limit + 1 }),
    ...(credential ? [selectCommenterByToken(db, site.id, credential.tokenHash)] : []),
  ]);
  const root = (rootResult!.results as CommentRow[])[0];
  if (!root || root.status !== "published") throw notFound();
  if (root.root_id !== null) {
    throw new ApiError(
      400,
      "not_a_thread",
      `Replies are listed per thread: ask for the thread's first comment (${root.root_id}) instead.`,
    );
  }
  const rows = pageResult!.results as CommentRow[];
  const page = rows.slice(0, q.limit);
  const commenter = commenterResult ? ((commenterResult.results as CommenterRow[])[0] ?? null) : null;
  const reader = await readerView(db, site, commenter, page);
  const last = page[page.length - 1];
  return {
    replies: page.map((r) => toCommentView(r, reader)),
    nextCursor: rows.length > q.limit && last ? encodeCursor("replies", last.id) : null,
  };
}

/**
 * Where a comment is, for a permalink: the thread page (for this sort and page size) holding
 * its thread's root, and, for a reply beyond the first ones, the replies page holding it (pages
 * of the same size, chained from the thread's own replies cursor).
 */
export async function readContext(
  db: D1Database,
  site: SiteRecord,
  id: number,
  q: ContextQuery,
): Promise<CommentContextResponse> {
  const target = await selectComment(db, site.id, id).first<CommentRow>();
  if (!target || target.status !== "published") throw notFound();
  const rootId = target.root_id ?? target.id;
  const root = target.root_id === null ? target : await selectComment(db, site.id, rootId).first<CommentRow>();
  if (!root || root.status !== "published") throw notFound();

  const [topsBefore, repliesBefore] = await db.batch<{ n: number }>([
    countTopsBefore(db, { storyId: root.story_id, sort: q.sort, id: root.id, reactions: root.reaction_count }),
    ...(target.root_id !== null ? [countRepliesBefore(db, { rootId, id: target.id })] : []),
  ]);
  const before = topsBefore!.results[0]!.n;
  const pageStart = before - (before % q.limit);
  const replyIndex = repliesBefore ? repliesBefore.results[0]!.n : 0;
  const replyPageStart =
    replyIndex >= FIRST_REPLIES ? FIRST_REPLIES + (replyIndex - FIRST_REPLIES) - ((replyIndex - FIRST_REPLIES) % q.limit) : 0;

  const [lastOfPreviousPage, lastReplyBefore] = await db.batch<{ id: number; reaction_count?: number }>([
    selectTopAt(db, { storyId: root.story_id, sort: q.sort, offset: Math.max(pageStart - 1, 0) }),
    selectReplyAt(db, { rootId, offset: Math.max(replyPageStart - 1, 0) }),
  ]);
  const previousTop = lastOfPreviousPage!.results[0];
  const previousReply = lastReplyBefore!.results[0];
  return {
    commentId: target.id,
    rootId,
    threadCursor:
      pageStart > 0 && previousTop ? cursorAfter(q.sort, { id: previousTop.id, reaction_count: previousTop.reaction_count ?? 0 }) : null,
    repliesCursor: replyPageStart > 0 && previousReply ? encodeCursor("replies", previousReply.id) : null,
  };
}

/** Published comments per story key, in one statement; an unknown story counts 0. */
export async function readCounts(db: D1Database, site: SiteRecord, q: CountsQuery): Promise<CountsResponse> {
  const keys = [...new Set(q.story)];
  const { results } = await selectStoryCounts(db, site.id, keys).all<{ key: string; comment_count: number }>();
  const found = new Map(results.map((r) => [r.key, r.comment_count]));
  // fromEntries, not assignment: a key such as "__proto__" stays a plain key
  return { counts: Object.fromEntries(keys.map((k) => [k, found.get(k) ?? 0])) };
}
