// SQL for the author's own comments: an edit (keeping the replaced text as a revision), a deletion
// (a placeholder when it has replies), and which comments of a page the reader reacted to.
import type { CommentStatus, ReasonView } from "../schemas/views";
import { readerKey, withReacted, type MaybeReacted } from "./reactions";
import { typed, type Typed } from "./typed";
import { unlessStoryVersion } from "./read-batch";
import { SELECT_COMMENT, type CommentRow } from "./comments";
import type { StatementRow } from "./statements";

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

/** An own comment with its latest statement of reasons and that statement's appeal (st_* columns, null when none). */
export interface OwnCommentRow extends CommentRow {
  st_id: number | null;
  st_site_id: string | null;
  st_decision: StatementRow["decision"] | null;
  st_source: StatementRow["source"] | null;
  st_facts: string | null;
  st_automated_detection: number | null;
  st_automated_decision: number | null;
  st_ground_kind: StatementRow["ground_kind"] | null;
  st_ground: string | null;
  st_ground_label: string | null;
  st_explanation: string | null;
  st_staff_id: number | null;
  st_notice_id: number | null;
  st_appeal_id: number | null;
  st_contest_until: number | null;
  st_created_at: number | null;
  appeal_row_id: number | null;
  appeal_status: StatementRow["appeal_status"];
  appeal_created_at: number | null;
  appeal_decided_at: number | null;
  appeal_explanation: string | null;
}

/**
 * The reader's own comments on a story that are held or removed (pending or rejected, not
 * deleted), each with its latest statement of reasons and its appeal: what only their author may
 * see. The newest `limit`, read oldest first; a range scan of the author's comments
 * (comments_author), the `+` keeping SQLite from reading the story's comments instead.
 */
export function selectOwnHeldOrRemoved(
  db: D1Database,
  q: { siteId: string; storyKey: string; tokenHash: string; limit: number; unlessVersion?: number | null },
): Typed<MaybeReacted<OwnCommentRow>> {
  // The reader is the token's holder: whether they reacted to each (an edit may hold a comment
  // they liked while it was published) comes with it.
  const sql = withReacted(
    `WITH own AS (${SELECT_COMMENT}
         WHERE c.author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2)
           AND +c.story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?3)
           AND +c.status IN ('pending', 'rejected') AND c.deleted_at IS NULL AND +c.site_id = ?1
         ORDER BY c.id DESC LIMIT ?4)
       SELECT own.*, s.id AS st_id, s.site_id AS st_site_id, s.decision AS st_decision, s.source AS st_source,
              s.facts AS st_facts, s.automated_detection AS st_automated_detection,
              s.automated_decision AS st_automated_decision, s.ground_kind AS st_ground_kind, s.ground AS st_ground,
              s.ground_label AS st_ground_label, s.explanation AS st_explanation, s.staff_id AS st_staff_id,
              s.notice_id AS st_notice_id, s.appeal_id AS st_appeal_id, s.contest_until AS st_contest_until,
              s.created_at AS st_created_at,
              a.id AS appeal_row_id, a.status AS appeal_status, a.created_at AS appeal_created_at,
              a.decided_at AS appeal_decided_at, a.explanation AS appeal_explanation
       FROM own
       LEFT JOIN statements s ON s.id = (SELECT max(id) FROM statements WHERE comment_id = own.id)
       LEFT JOIN appeals a ON a.statement_id = s.id
       ORDER BY own.id ASC`,
    { site: "?1", token: "?2", order: "n.id ASC" },
  );
  if (q.unlessVersion == null) return typed(db.prepare(sql).bind(q.siteId, q.tokenHash, q.storyKey, q.limit));
  // Nothing read when the reader has this version of the story's page (db/read-batch.ts).
  return typed(
    db
      .prepare(unlessStoryVersion(sql, { site: "?1", key: "?3", version: "?5", order: "n.id ASC" }))
      .bind(q.siteId, q.tokenHash, q.storyKey, q.limit, q.unlessVersion),
  );
}

/** The statement part of an own comment's row, or null when the comment has none. */
export function ownStatementRow(r: OwnCommentRow): StatementRow | null {
  if (r.st_id === null) return null;
  return {
    id: r.st_id,
    site_id: r.st_site_id!,
    comment_id: r.id,
    decision: r.st_decision!,
    source: r.st_source!,
    facts: r.st_facts!,
    automated_detection: r.st_automated_detection!,
    automated_decision: r.st_automated_decision!,
    ground_kind: r.st_ground_kind!,
    ground: r.st_ground!,
    ground_label: r.st_ground_label!,
    explanation: r.st_explanation,
    staff_id: r.st_staff_id,
    notice_id: r.st_notice_id,
    appeal_id: r.st_appeal_id,
    contest_until: r.st_contest_until,
    created_at: r.st_created_at!,
    appeal_row_id: r.appeal_row_id,
    appeal_status: r.appeal_status,
    appeal_created_at: r.appeal_created_at,
    appeal_decided_at: r.appeal_decided_at,
    appeal_explanation: r.appeal_explanation,
  };
}
