// What a reader sees of a comment row (db/comments.ts): its view, with who wrote it and whether the
// reader reacted to it, and the reasons recorded on it.
import type { CommentView, ReasonView } from "../schemas/views";
import type { CommentRow } from "./comments";

/** What the reader is to the comments viewed: their commenter id and the comments they reacted to. */
export interface ReaderView {
  commenterId: number | null;
  reacted: ReadonlySet<number>;
}

export const ANONYMOUS: ReaderView = { commenterId: null, reacted: new Set() };

/** comments.reasons as stored (JSON [{ code, detail? }]); a row that is not such a list reads as none. */
export function parseReasons(json: string): ReasonView[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((r): r is ReasonView => typeof r?.code === "string") : [];
  } catch {
    return [];
  }
}

/**
 * A picture URL as the widget may use it: http(s) only. The SSO claim is checked when it is
 * stored; this check again at read time keeps rows stored before that check, or by hand, out.
 */
export function avatarUrl(url: string | null | undefined): string | null {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

export function toCommentView(row: CommentRow, reader: ReaderView = ANONYMOUS): CommentView {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id,
    depth: row.depth,
    replyTo:
      row.reply_to_id !== null && row.reply_to_id !== row.parent_id ? { id: row.reply_to_id, authorName: row.reply_to_name ?? "" } : null,
    // A placeholder says nothing of who wrote it.
    author: {
      name: deleted ? "" : row.author_name,
      staff: !deleted && row.author_staff === 1,
      avatar: deleted ? null : avatarUrl(row.author_avatar),
    },
    body: deleted ? "" : row.body,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    replyCount: row.root_id === null ? row.reply_count : 0,
    featured: row.featured_at !== null ? { note: row.featured_note, at: new Date(row.featured_at).toISOString() } : null,
    reactions: row.reaction_count,
    reacted: reader.reacted.has(row.id),
    own: !deleted && reader.commenterId !== null && row.author_id === reader.commenterId,
    editedAt: row.edited_at !== null ? new Date(row.edited_at).toISOString() : null,
    deleted,
  };
}
