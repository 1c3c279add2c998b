// SQL for the edit history of comments (comment_revisions): the texts an edit replaced, staff only.
import { typed, type Typed } from "./typed";

export interface RevisionRow {
  revision: number;
  body: string;
  written_at: number;
  replaced_at: number;
}

export interface RevisionCommentRow {
  id: number;
  body: string;
  revision: number;
  status: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

/**
 * A comment's current text and the latest `rows` texts it replaced (newest first; the service
 * turns them round), plus every earlier text a reader reported (reports.revision): however many
 * times the author edits it afterwards, what was reported stays readable. A lookup by primary key,
 * range scans of comment_revisions' (comment_id, revision) key, and the comment's reports.
 */
export function selectRevisions(
  db: D1Database,
  q: { siteId: string; commentId: number; rows: number },
): [Typed<RevisionCommentRow>, Typed<RevisionRow>] {
  return [
    typed(
      db
        .prepare("SELECT id, body, revision, status, created_at, edited_at, deleted_at FROM comments WHERE id = ? AND site_id = ?")
        .bind(q.commentId, q.siteId),
    ),
    typed(
      db
        .prepare(
          `SELECT revision, body, written_at, replaced_at FROM (
             SELECT revision, body, written_at, replaced_at FROM comment_revisions
             WHERE comment_id = ?1 AND site_id = ?2 ORDER BY revision DESC LIMIT ?3)
           UNION
           SELECT revision, body, written_at, replaced_at FROM comment_revisions
           WHERE comment_id = ?1 AND site_id = ?2
             AND revision IN (SELECT revision FROM reports WHERE comment_id = ?1 AND site_id = ?2)
           ORDER BY revision DESC`,
        )
        .bind(q.commentId, q.siteId, q.rows),
    ),
  ];
}

/**
 * The author deleted their comment: its earlier texts go with its text (same batch as
 * deleteOwnComment, which erases the body), so nothing they wrote is kept.
 */
export function deleteRevisionsOfDeleted(db: D1Database, d: { siteId: string; commentId: number; authorId: number }): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM comment_revisions WHERE comment_id = ?1 AND site_id = ?2
         AND EXISTS (SELECT 1 FROM comments WHERE id = ?1 AND site_id = ?2 AND author_id = ?3 AND deleted_at IS NOT NULL)`,
    )
    .bind(d.commentId, d.siteId, d.authorId);
}
