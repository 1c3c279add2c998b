// Posting: a guest's comment or reply, checked against its story and parent, saved in one batch.
import type { SiteRecord } from "../db/sites";
import { countNewComment, insertStoryIfMissing, selectStoryByKey, toStoryView, type StoryRow } from "../db/stories";
import { insertGuestCommenter } from "../db/commenters";
import { countNewReply, insertCommentAfterCommenter, selectComment, type CommentRow } from "../db/comments";
import { ApiError } from "../lib/errors";
import type { PostCommentInput } from "../schemas/reader";
import type { CommentStatus, PostCommentResponse } from "../schemas/views";

/** Deepest nesting stored: a reply to a comment at this depth is shown beside it, not under it. */
export const MAX_REPLY_DEPTH = 3;

interface Placement {
  parentId: number | null;
  replyToId: number | null;
  rootId: number | null;
  depth: number;
}

/** Where a reply goes in its thread: under its parent, or beside it once the depth cap is reached. */
export function placeReply(parent: Pick<CommentRow, "id" | "parent_id" | "root_id" | "depth"> | null): Placement {
  if (!parent) return { parentId: null, replyToId: null, rootId: null, depth: 0 };
  const rootId = parent.root_id ?? parent.id;
  if (parent.depth >= MAX_REPLY_DEPTH) {
    return { parentId: parent.parent_id, replyToId: parent.id, rootId, depth: parent.depth };
  }
  return { parentId: parent.id, replyToId: parent.id, rootId, depth: parent.depth + 1 };
}

export async function postComment(
  db: D1Database,
  site: SiteRecord,
  input: PostCommentInput,
  now: number,
): Promise<PostCommentResponse> {
  const parentId = input.parentId ?? null;
  const reads = await db.batch<unknown>([
    selectStoryByKey(db, site.id, input.story),
    ...(parentId !== null ? [selectComment(db, site.id, parentId)] : []),
  ]);
  const story = (reads[0]!.results as StoryRow[])[0];
  const parent = parentId !== null ? ((reads[1]!.results as CommentRow[])[0] ?? null) : null;

  if (story?.status === "closed") {
    throw new ApiError(403, "story_closed", "Comments are closed on this story.");
  }
  if (parentId !== null) {
    if (!parent || parent.status !== "published") {
      throw new ApiError(404, "parent_not_found", "The comment you are replying to does not exist or was removed.");
    }
    if (!story || parent.story_id !== story.id) {
      throw new ApiError(400, "parent_story_mismatch", "The comment you are replying to belongs to another story.");
    }
  }

  const place = placeReply(parent);
  const status: CommentStatus = "published";
  const results = await db.batch<unknown>([
    insertStoryIfMissing(db, { siteId: site.id, key: input.story, url: input.url ?? null, title: input.title ?? null, now }),
    insertGuestCommenter(db, site.id, input.author.name, now),
    insertCommentAfterCommenter(db, { siteId: site.id, storyKey: input.story, ...place, body: input.body, status, now }),
    countNewComment(db, site.id, input.story, now),
    ...(place.rootId !== null ? [countNewReply(db, site.id, place.rootId)] : []),
    selectStoryByKey(db, site.id, input.story),
  ]);
  const id = (results[2]!.results as { id: number }[])[0]!.id;
  const savedStory = (results[results.length - 1]!.results as StoryRow[])[0]!;

  return {
    comment: {
      id,
      parentId: place.parentId,
      rootId: place.rootId,
      depth: place.depth,
      replyTo:
        parent && place.parentId !== parent.id ? { id: parent.id, authorName: parent.author_name } : null,
      author: { name: input.author.name, staff: false },
      body: input.body,
      status,
      createdAt: new Date(now).toISOString(),
      replyCount: 0,
      featured: null,
    },
    story: toStoryView(savedStory),
    reasons: [],
  };
}
