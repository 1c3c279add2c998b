// Reading discussions: a story's thread page (with first replies, the editors' picks and the
// reader's own held comments) and the rest of a thread's replies.
import type { SiteRecord } from "../db/sites";
import { insertStoryIfMissing, selectStoryByKey, type StoryRow } from "../db/stories";
import {
  selectComment,
  selectOwnPending,
  selectRepliesPage,
  selectStoryFeatured,
  selectThreadPage,
  toCommentView,
  type CommentRow,
} from "../db/comments";
import { ApiError } from "../lib/errors";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { sha256Hex } from "../lib/hash";
import { viewStory } from "../moderation/story-closed";
import type { RepliesQuery, ThreadQuery } from "../schemas/reader";
import type { CommentView, RepliesResponse, SiteView, ThreadComment, ThreadResponse } from "../schemas/views";
import { BODY_MAX, NAME_MAX } from "../../widget/text/rules";

/** Replies shown under each top-level comment before "show more replies". */
export const FIRST_REPLIES = 3;
/** Editors' picks shown above a story's thread. */
export const STORY_FEATURED_MAX = 10;
/** The reader's own held comments returned with a thread. */
export const OWN_PENDING_MAX = 50;

export function toSiteView(site: SiteRecord): SiteView {
  return { id: site.id, name: site.name, limits: { bodyMax: BODY_MAX, nameMax: NAME_MAX }, charter: site.settings.charter };
}

/**
 * A page of the story's discussion. The story is created on first use, but only for a request
 * from one of the site's own origins: anyone else reading an unknown story gets a 404.
 * The editors' picks come with the first page only; the reader's own held comments come with
 * every page when the request carries their token (an unknown token just reads as anonymous).
 */
export async function readThread(
  db: D1Database,
  site: SiteRecord,
  q: ThreadQuery,
  opts: { mayCreateStory: boolean; now: number; token: string | null },
): Promise<ThreadResponse> {
  const afterId = q.cursor ? decodeCursor(q.cursor, q.sort) : q.sort === "newest" ? Number.MAX_SAFE_INTEGER : 0;
  const firstPage = !q.cursor;
  const tokenHash = opts.token !== null ? await sha256Hex(opts.token) : null;
  const [storyResult, pageResult, ...extras] = await db.batch<unknown>([
    selectStoryByKey(db, site.id, q.story),
    selectThreadPage(db, {
      siteId: site.id,
      storyKey: q.story,
      sort: q.sort,
      afterId,
      rows: q.limit + 1,
      firstReplies: FIRST_REPLIES,
    }),
    ...(firstPage ? [selectStoryFeatured(db, { siteId: site.id, storyKey: q.story, limit: STORY_FEATURED_MAX })] : []),
    ...(tokenHash !== null
      ? [selectOwnPending(db, { siteId: site.id, storyKey: q.story, tokenHash, limit: OWN_PENDING_MAX })]
      : []),
  ]);
  const featuredRows = firstPage ? (extras.shift()!.results as CommentRow[]) : [];
  const ownRows = tokenHash !== null ? (extras.shift()!.results as CommentRow[]) : [];
  let story = (storyResult!.results as StoryRow[])[0];
  if (!story) {
    if (!opts.mayCreateStory) throw new ApiError(404, "story_not_found", "No discussion exists for this story yet.");
    const [, created] = await db.batch<StoryRow>([
      insertStoryIfMissing(db, { siteId: site.id, key: q.story, url: q.url ?? null, title: q.title ?? null, now: opts.now }),
      selectStoryByKey(db, site.id, q.story),
    ]);
    story = created!.results[0]!;
  }

  const rows = pageResult!.results as CommentRow[];
  const tops = rows
    .filter((r) => r.root_id === null)
    .sort((a, b) => (q.sort === "newest" ? b.id - a.id : a.id - b.id));
  const pageTops = tops.slice(0, q.limit);
  const repliesByRoot = new Map<number, CommentView[]>();
  for (const r of rows) {
    if (r.root_id === null) continue;
    const list = repliesByRoot.get(r.root_id) ?? [];
    list.push(toCommentView(r));
    repliesByRoot.set(r.root_id, list);
  }
  const comments: ThreadComment[] = pageTops.map((row) => {
    const replies = (repliesByRoot.get(row.id) ?? []).sort((a, b) => a.id - b.id);
    const last = replies[replies.length - 1];
    return {
      ...toCommentView(row),
      replies,
      repliesCursor: last && row.reply_count > replies.length ? encodeCursor("replies", last.id) : null,
    };
  });
  const lastTop = pageTops[pageTops.length - 1];
  return {
    site: toSiteView(site),
    story: viewStory(story, site.settings, opts.now),
    sort: q.sort,
    featured: featuredRows.map(toCommentView),
    comments,
    nextCursor: tops.length > q.limit && lastTop ? encodeCursor(q.sort, lastTop.id) : null,
    own: ownRows.map(toCommentView),
  };
}

/** The replies of a thread after the cursor, oldest first; `rootId` must be a top-level comment. */
export async function readReplies(
  db: D1Database,
  site: SiteRecord,
  rootId: number,
  q: RepliesQuery,
): Promise<RepliesResponse> {
  const afterId = q.cursor ? decodeCursor(q.cursor, "replies") : 0;
  const [rootResult, pageResult] = await db.batch<CommentRow>([
    selectComment(db, site.id, rootId),
    selectRepliesPage(db, { siteId: site.id, rootId, afterId, rows: q.limit + 1 }),
  ]);
  const root = rootResult!.results[0];
  if (!root || root.status !== "published") {
    throw new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");
  }
  if (root.root_id !== null) {
    throw new ApiError(
      400,
      "not_a_thread",
      `Replies are listed per thread: ask for the thread's first comment (${root.root_id}) instead.`,
    );
  }
  const rows = pageResult!.results;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    replies: page.map(toCommentView),
    nextCursor: rows.length > q.limit && last ? encodeCursor("replies", last.id) : null,
  };
}
