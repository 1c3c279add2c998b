// Reading discussions: what a story's thread page is made of (its page itself: ./thread-page), the
// rest of a thread's replies, where a comment sits (permalinks) and the comment counts of many
// stories. News for polling readers: ./news.
import type { ReaderCredential } from "../auth/reader";
import { selectCommenterByToken } from "../db/commenters";
import type { SiteRecord } from "../db/sites";
import { selectStoryCounts } from "../db/stories";
import { selectComment, selectRepliesPage, toCommentView, type CommentRow, type PagePosition, type ReaderView } from "../db/comments";
import {
  countRepliesBefore,
  countTopsBefore,
  POSITION_COUNT_MAX,
  selectReplyAt,
  selectThreadRootOf,
  selectTopAt,
} from "../db/thread-positions";
import { batchOf, resultOf } from "../db/typed";
import { ApiError } from "../lib/errors";
import { decodeCursor, decodePairCursor, encodeCursor, encodePairCursor } from "../lib/cursor";
import type { ContextQuery, CountsQuery, RepliesQuery } from "../schemas/reader";
import type { CommentContextResponse, CountsResponse, RepliesResponse, SiteView, ThreadSort } from "../schemas/views";
import { BODY_MAX, NAME_MAX } from "../../common/text/rules";
import { turnstileView } from "./bot-check";

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

/** An answer that may be sent as 304 Not Modified when the reader already has it. */
export interface Tagged<T> {
  body: T;
  etag: string;
}

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

/** Where a page of this sort starts: after the cursor's item, or at the very beginning. */
export function pagePosition(sort: ThreadSort, cursor: string | undefined): PagePosition {
  if (sort === "top") {
    const [afterReactions, afterId] = cursor ? decodePairCursor(cursor, "top") : [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    return { afterReactions, afterId };
  }
  const afterId = cursor ? decodeCursor(cursor, sort) : sort === "newest" ? Number.MAX_SAFE_INTEGER : 0;
  return { afterReactions: 0, afterId };
}

/** The cursor of the page that starts right after this top-level comment. */
export function cursorAfter(sort: ThreadSort, top: { id: number; reaction_count: number }): string {
  return sort === "top" ? encodePairCursor("top", top.reaction_count, top.id) : encodeCursor(sort, top.id);
}

export function bySort(sort: ThreadSort) {
  return (a: CommentRow, b: CommentRow) =>
    sort === "top" ? b.reaction_count - a.reaction_count || b.id - a.id : sort === "newest" ? b.id - a.id : a.id - b.id;
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
  const tokenHash = credential?.tokenHash ?? null;
  const [rootResult, pageResult, commenterResult] = await batchOf(db, [
    selectComment(db, site.id, rootId),
    // with a credential, each reply says whether the reader reacted to it: one batch still
    selectRepliesPage(db, { siteId: site.id, rootId, afterId, rows: q.limit + 1, tokenHash }),
    ...(tokenHash !== null ? [selectCommenterByToken(db, site.id, tokenHash)] : []),
  ]);
  const root = rootResult.results[0];
  if (root?.status !== "published") throw notFound();
  if (root.root_id !== null) {
    throw new ApiError(400, "not_a_thread", `Replies are listed per thread: ask for the thread's first comment (${root.root_id}) instead.`);
  }
  const rows = pageResult.results;
  const page = rows.slice(0, q.limit);
  const commenter = commenterResult ? (commenterResult.results[0] ?? null) : null;
  const reader: ReaderView = {
    commenterId: commenter?.id ?? null,
    reacted: new Set(page.filter((r) => r.reacted === 1).map((r) => r.id)),
  };
  const last = page[page.length - 1];
  return {
    replies: page.map((r) => toCommentView(r, reader)),
    nextCursor: rows.length > q.limit && last ? encodeCursor("replies", last.id) : null,
  };
}

/**
 * A permalink's thread page is the one of the page grid read from the first page (the page the
 * reader would reach with "more") while fewer than this many top-level comments come before its
 * thread; further down, the page that starts at its thread. The same for a reply and its replies
 * page. Counting where a comment sits costs as much as the comments before it, and nothing keeps a
 * rank for every comment (one comment held or deleted would move every later one's), so positions
 * are counted up to this bound only: the lookup costs the same whatever the story's size.
 */
export const CONTEXT_ALIGNED_MAX = POSITION_COUNT_MAX;

/** The cursor of the page (of this sort) whose first item is this top-level comment. */
function cursorAt(sort: ThreadSort, top: { id: number; reaction_count: number }): string {
  // "after" an id just beside it, which need not exist: pages are ranges of the sort's key
  if (sort === "top") return encodePairCursor("top", top.reaction_count, top.id + 1);
  return encodeCursor(sort, sort === "newest" ? top.id + 1 : top.id - 1);
}

/**
 * Where a comment is, for a permalink: the thread page (for this sort and page size) holding
 * its thread's root, and, for a reply beyond the first ones, the replies page holding it (pages
 * of the same size, chained from the thread's own replies cursor), aligned as CONTEXT_ALIGNED_MAX
 * says. At most three round trips, each of bounded cost.
 */
export async function readContext(db: D1Database, site: SiteRecord, id: number, q: ContextQuery): Promise<CommentContextResponse> {
  const [targetResult, rootResult] = await batchOf(db, [selectComment(db, site.id, id), selectThreadRootOf(db, site.id, id)]);
  const target = targetResult.results[0];
  const root = rootResult.results[0];
  if (target?.status !== "published" || !root || root.status !== "published") throw notFound();
  const rootId = root.id;
  const isReply = target.root_id !== null;

  const max = CONTEXT_ALIGNED_MAX;
  const [topsBefore, repliesBefore] = await batchOf(db, [
    countTopsBefore(db, { storyId: root.story_id, sort: q.sort, id: root.id, reactions: root.reaction_count, max }),
    ...(isReply ? [countRepliesBefore(db, { rootId, id: target.id, max })] : []),
  ]);
  const before = topsBefore.results[0]!.n;
  const replyIndex = repliesBefore ? repliesBefore.results[0]!.n : 0;
  // Aligned pages: where the previous page ends, read at a counted (so bounded) offset.
  const pageStart = before < max ? before - (before % q.limit) : null;
  const beyondFirsts = replyIndex - FIRST_REPLIES;
  const replyPageStart = beyondFirsts < 0 || replyIndex >= max ? null : FIRST_REPLIES + beyondFirsts - (beyondFirsts % q.limit);

  const topAt =
    pageStart !== null && pageStart > 0 ? selectTopAt(db, { storyId: root.story_id, sort: q.sort, offset: pageStart - 1 }) : null;
  const replyAt = replyPageStart !== null && replyPageStart > 0 ? selectReplyAt(db, { rootId, offset: replyPageStart - 1 }) : null;
  const lookups = [...(topAt ? [topAt] : []), ...(replyAt ? [replyAt] : [])];
  const found = lookups.length > 0 ? await batchOf(db, lookups) : [];
  const previousTop = topAt ? resultOf(found, lookups, topAt).results[0] : undefined;
  const previousReply = replyAt ? resultOf(found, lookups, replyAt).results[0] : undefined;

  let threadCursor: string | null = null;
  if (pageStart === null) threadCursor = cursorAt(q.sort, root);
  else if (previousTop) threadCursor = cursorAfter(q.sort, previousTop);
  let repliesCursor: string | null = null;
  // the replies page that starts at the reply itself
  if (isReply && replyIndex >= max) repliesCursor = encodeCursor("replies", target.id - 1);
  else if (previousReply) repliesCursor = encodeCursor("replies", previousReply.id);
  return { commentId: target.id, rootId, threadCursor, repliesCursor };
}

/** Published comments per story key, in one statement; an unknown story counts 0. */
export async function readCounts(db: D1Database, site: SiteRecord, q: CountsQuery): Promise<CountsResponse> {
  const keys = [...new Set(q.story)];
  // A batch of one: the site's row is checked in the same round trip (lib/site-scope.ts withSite).
  const [counted] = await batchOf(db, [selectStoryCounts(db, site.id, keys)]);
  const found = new Map(counted.results.map((r) => [r.key, r.comment_count]));
  // fromEntries, not assignment: a key such as "__proto__" stays a plain key
  return { counts: Object.fromEntries(keys.map((k) => [k, found.get(k) ?? 0])) };
}
