// SQL for the author's own comments: an edit (keeping the replaced text as a revision), a deletion
// (a placeholder when it has replies), and which comments of a page the reader reacted to.
import type { CommentStatus, ReasonView } from "../schemas/views";
import { readerKey } from "./reactions";


/** What an edited featured comment is held for: the editors' note was about the text it replaces. */
export const EDITED_FEATURED: ReasonView = { code: "premoderation", detail: "featured_edit" };

/**
 * The author's new text and what the pipeline decided for it, as statements for one batch: the
 * text being replaced is kept as a revision (staff read the history; reports point at the
 * revision their reporter saw), then the comment takes the new text. Nothing happens unless the
 * comment is still the author's and not deleted (checked again here, in the write itself). An
 * edit may make a comment ask something (or stop asking) until staff have answered or dismissed it.
 *
 * A featured comment leaves the editors' selection with any edit, so that no text stands under a
 * note written about another, and is held for review (EDITED_FEATURED added to its reasons) unless
 * the edit is rejected anyway; the system's audit row says so. Whether it is featured is read by
 * the write itself, so a comment featured while its author edits it is caught too.
 */
export function editComment(
  db: D1Database,
  e: {
    siteId: string;
    id: number;
    authorId: number;
    body: string;
    bodyHash: string;
    status: CommentStatus;
    reasons: ReasonView[];
    /** the new text asks something (or the comment answers a staff comment) */
    awaitsAnswer: boolean;
    now: number;
  },
): D1PreparedStatement[] {
  const mine = "id = ?2 AND site_id = ?3 AND author_id = ?4 AND deleted_at IS NULL AND status <> 'deleted'";
  const heldAsFeatured = e.status !== "rejected";
  return [
    db
      .prepare(
        `INSERT INTO comment_revisions (site_id, comment_id, revision, body, written_at, replaced_at)
         SELECT site_id, id, revision, body, coalesce(edited_at, created_at), ?1 FROM comments WHERE ${mine}`,
      )
      .bind(e.now, e.id, e.siteId, e.authorId),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT site_id, NULL, 'unfeature', 'comment', CAST(id AS TEXT),
                json_object('note', featured_note, 'reason', 'edited_by_author', 'held', json(?5)), ?1
         FROM comments WHERE ${mine} AND featured_at IS NOT NULL`,
      )
      .bind(e.now, e.id, e.siteId, e.authorId, heldAsFeatured ? "true" : "false"),
    // SET expressions read the row as it was: featured_at below is the value before this edit.
    db
      .prepare(
        `UPDATE comments SET body = ?1, body_hash = ?2,
                status = CASE WHEN featured_at IS NOT NULL AND ?3 = 'published' THEN 'pending' ELSE ?3 END,
                reasons = CASE WHEN featured_at IS NOT NULL AND ?10 THEN ?11 ELSE ?4 END,
                featured_at = NULL, featured_note = NULL,
                edited_at = ?5, updated_at = ?5,
                revision = revision + 1,
                held_at = CASE WHEN ?3 = 'pending' OR (featured_at IS NOT NULL AND ?10) THEN coalesce(held_at, ?5) ELSE held_at END,
                answer_status = CASE WHEN answer_status IN ('answered', 'dismissed') THEN answer_status
                                     WHEN ?9 THEN 'waiting' END
         WHERE id = ?6 AND site_id = ?7 AND author_id = ?8 AND deleted_at IS NULL AND status <> 'deleted'`,
      )
      .bind(
        e.body,
        e.bodyHash,
        e.status,
        JSON.stringify(e.reasons),
        e.now,
        e.id,
        e.siteId,
        e.authorId,
        e.awaitsAnswer ? 1 : 0,
        heldAsFeatured ? 1 : 0,
        JSON.stringify([...e.reasons, EDITED_FEATURED]),
      ),
  ];
}

// Replies that keep a deleted comment as a placeholder: a thread root's replies, or the replies
// shown under (parent_id) or answering (reply_to_id) a reply; held ones too, since approving them
// later must not leave them under nothing. ?1 comment, ?2 its root (null for a root).
const HAS_REPLIES = `EXISTS (SELECT 1 FROM comments r
   WHERE r.root_id = coalesce(?2, ?1) AND r.status IN ('published', 'pending')
     AND (?2 IS NULL OR r.parent_id = ?1 OR r.reply_to_id = ?1))`;

/**
 * Deletion by the author: the text is erased at once; a comment with replies stays as a
 * placeholder (status kept, deleted_at set), one without disappears (status 'deleted'). Decided
 * in the write itself, so that a reply arriving meanwhile is never left under nothing. It also
 * leaves the editors' selection.
 */
export function deleteOwnComment(
  db: D1Database,
  d: { siteId: string; id: number; rootId: number | null; authorId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET body = '', deleted_at = ?3, updated_at = ?3, featured_at = NULL, featured_note = NULL,
              status = CASE WHEN ${HAS_REPLIES} THEN status ELSE 'deleted' END
       WHERE id = ?1 AND site_id = ?4 AND author_id = ?5 AND deleted_at IS NULL AND status <> 'deleted'`,
    )
    .bind(d.id, d.rootId, d.now, d.siteId, d.authorId);
}

/**
 * Which of these comments the reader reacted to: one range scan of reactions_reader. The reader
 * is the commenter holding the token hash (an unknown one matches nothing).
 */
export function selectReaderReactions(
  db: D1Database,
  q: { siteId: string; commenterId: number; commentIds: number[] },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT comment_id FROM reactions
       WHERE site_id = ?1 AND reader_key = ?2 AND comment_id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(q.siteId, readerKey(q.commenterId), JSON.stringify(q.commentIds));
}

