// The person view's read model: one commenter's comments of every status, each with its story.
import { typed, type Typed } from "./typed";
import type { CommentRow } from "./comments";

export interface PersonCommentRow extends CommentRow {
  reasons: string;
  report_count: number;
  moderated_at: number | null;
  revision: number;
  story_key: string;
  story_url: string | null;
  story_title: string | null;
}

/**
 * A page of a person's comments, newest first, whatever their status (deleted ones too: staff see
 * that they were, not what they said): one range scan of comments_author. The `+` keeps site_id
 * out of index choice (comments_site would walk the whole site).
 */
export function selectPersonComments(
  db: D1Database,
  q: { siteId: string; authorId: number; beforeId: number; rows: number },
): Typed<PersonCommentRow> {
  return typed(
    db
      .prepare(
        `SELECT c.id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
              c.reply_count, c.created_at, c.featured_at, c.featured_note, c.author_id, a.name AS author_name,
              a.staff_id IS NOT NULL AS author_staff, a.avatar_url AS author_avatar,
              ra.name AS reply_to_name, ra.staff_id IS NOT NULL AS reply_to_staff,
              c.open_reports, c.reaction_count, c.edited_at, c.deleted_at,
              c.reasons, c.report_count, c.moderated_at, c.revision,
              s.key AS story_key, s.url AS story_url, s.title AS story_title
       FROM comments c
       JOIN commenters a ON a.id = c.author_id
       JOIN stories s ON s.id = c.story_id
       LEFT JOIN comments rc ON rc.id = c.reply_to_id
       LEFT JOIN commenters ra ON ra.id = rc.author_id
       WHERE c.author_id = ?1 AND +c.site_id = ?2 AND c.id < ?3
       ORDER BY c.id DESC LIMIT ?4`,
      )
      .bind(q.authorId, q.siteId, q.beforeId, q.rows),
  );
}
