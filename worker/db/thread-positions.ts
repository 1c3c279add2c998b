// SQL for where comments sit in a story: a permalink's page and replies page, and what is new
// since a polling reader's last comment.
import type { ThreadSort } from "../schemas/views";


/**
 * How many top-level published comments of the story come before this one in the sort's order
 * (range scans of comments_story_top, or comments_story_top_reactions for "top").
 */
export function countTopsBefore(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; id: number; reactions: number },
): D1PreparedStatement {
  const before =
    q.sort === "top" ? "(reaction_count, id) > (?3, ?2)" : q.sort === "newest" ? "id > ?2" : "id < ?2";
  const index = q.sort === "top" ? "comments_story_top_reactions" : "comments_story_top";
  return db
    .prepare(
      `SELECT count(*) AS n FROM comments INDEXED BY ${index}
       WHERE story_id = ?1 AND root_id IS NULL AND status = 'published' AND ${before}`,
    )
    .bind(q.storyId, q.id, ...(q.sort === "top" ? [q.reactions] : []));
}

/** The top-level comment at this position (0 = first) in the sort's order: the same index walk. */
export function selectTopAt(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; offset: number },
): D1PreparedStatement {
  const order = q.sort === "top" ? "reaction_count DESC, id DESC" : q.sort === "newest" ? "id DESC" : "id ASC";
  const index = q.sort === "top" ? "comments_story_top_reactions" : "comments_story_top";
  return db
    .prepare(
      `SELECT id, reaction_count FROM comments INDEXED BY ${index}
       WHERE story_id = ?1 AND root_id IS NULL AND status = 'published'
       ORDER BY ${order} LIMIT 1 OFFSET ?2`,
    )
    .bind(q.storyId, q.offset);
}

/** How many published replies of the thread come before this one (oldest first): comments_thread. */
export function countRepliesBefore(db: D1Database, q: { rootId: number; id: number }): D1PreparedStatement {
  return db
    .prepare("SELECT count(*) AS n FROM comments WHERE root_id = ?1 AND status = 'published' AND id < ?2")
    .bind(q.rootId, q.id);
}

/** The published reply of the thread at this position (0 = first, oldest first): comments_thread. */
export function selectReplyAt(db: D1Database, q: { rootId: number; offset: number }): D1PreparedStatement {
  return db
    .prepare("SELECT id FROM comments WHERE root_id = ?1 AND status = 'published' ORDER BY id ASC LIMIT 1 OFFSET ?2")
    .bind(q.rootId, q.offset);
}

/**
 * What a polling reader needs, in one statement: the story's version and count, how many
 * published comments are newer than `after` and not the reader's (comments_story_status, whose
 * entries end with the id), and the newest id.
 */
export function selectNews(
  db: D1Database,
  q: { siteId: string; storyKey: string; afterId: number; readerId: number | null },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.version, s.comment_count,
              (SELECT count(*) FROM comments c
               WHERE c.story_id = s.id AND c.status = 'published' AND c.id > ?3
                 AND c.deleted_at IS NULL AND c.author_id IS NOT ?4) AS new_count,
              coalesce((SELECT c.id FROM comments c WHERE c.story_id = s.id AND c.status = 'published'
                        ORDER BY c.id DESC LIMIT 1), 0) AS latest_id
       FROM stories s WHERE s.site_id = ?1 AND s.key = ?2`,
    )
    .bind(q.siteId, q.storyKey, q.afterId, q.readerId);
}

export interface NewsRow {
  version: number;
  comment_count: number;
  new_count: number;
  latest_id: number;
}
