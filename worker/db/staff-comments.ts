// SQL for staff decisions on comments: approval and rejection (one by one, in bulk, or all of an
// author's), the counters recomputed from the rows afterwards, featuring, staff replies and answers.
import { typed, type Typed } from "./typed";
import type { CommentStatus } from "../schemas/views";
import { insertStatement, type StatementInput } from "./statements";

// Status changes and featuring by staff, and the counters recomputed from the rows afterwards.
// Lists of ids are bound as one JSON array (json_each), so a bulk action is one statement.

export interface ModerationTargetRow {
  id: number;
  story_id: number;
  /** the story's key: the live notice of a decision goes to its readers (worker/live) */
  story_key: string;
  root_id: number | null;
  author_id: number;
  status: CommentStatus;
  open_reports: number;
  featured_at: number | null;
}

/** The comments named, as far as they belong to the site. */
export function selectModerationTargets(db: D1Database, siteId: string, ids: number[]): Typed<ModerationTargetRow> {
  return typed(
    db
      .prepare(
        `SELECT id, story_id, (SELECT key FROM stories WHERE stories.id = comments.story_id) AS story_key, root_id, author_id,
              status, open_reports, featured_at FROM comments
       WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`,
      )
      .bind(JSON.stringify(ids), siteId),
  );
}

// The comment's reasons without any earlier moderator decision (a new decision replaces it).
const REASONS_WITHOUT_MODERATOR = `(SELECT json_group_array(json(r.value)) FROM json_each(comments.reasons) AS r
   WHERE json_extract(r.value, '$.code') IS NOT 'moderator')`;

/** Approval publishes and closes the open reports (they have been reviewed). */
export function approveComments(db: D1Database, a: { siteId: string; ids: number[]; staffId: number; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'published', open_reports = 0, moderated_at = ?1, moderated_by = ?2,
              updated_at = ?1, reasons = ${REASONS_WITHOUT_MODERATOR}
       WHERE id IN (SELECT value FROM json_each(?3)) AND site_id = ?4`,
    )
    .bind(a.now, a.staffId, JSON.stringify(a.ids), a.siteId);
}

/** Rejection hides the comment, records the moderator's reason, closes reports and unfeatures it. */
export function rejectComments(
  db: D1Database,
  r: { siteId: string; ids: number[]; staffId: number; reason: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'rejected', open_reports = 0, featured_at = NULL, featured_note = NULL,
              moderated_at = ?1, moderated_by = ?2, updated_at = ?1,
              reasons = json_insert(${REASONS_WITHOUT_MODERATOR}, '$[#]', json_object('code', 'moderator', 'detail', ?3))
       WHERE id IN (SELECT value FROM json_each(?4)) AND site_id = ?5`,
    )
    .bind(r.now, r.staffId, r.reason, JSON.stringify(r.ids), r.siteId);
}

/**
 * stories.comment_count from the rows (published comments, replies included, placeholders of
 * deleted comments not): comments_story_status. Every caller changes what readers see of the
 * story, so its version moves on too (the thread's ETag).
 */
const RECOUNT_STORIES = `UPDATE stories SET version = version + 1, comment_count =
  (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published' AND c.deleted_at IS NULL)`;

export function recountStories(db: D1Database, siteId: string, storyIds: number[]): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_STORIES} WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`)
    .bind(JSON.stringify(storyIds), siteId);
}

/** A thread root's reply_count from the rows (its published replies, placeholders not): comments_thread. */
const RECOUNT_THREADS = `UPDATE comments SET reply_count =
  (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published' AND r.deleted_at IS NULL)`;

export function recountThreads(db: D1Database, siteId: string, rootIds: number[]): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_THREADS} WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`)
    .bind(JSON.stringify(rootIds), siteId);
}

// A person's comments still shown or awaiting review: pending or published, neither deleted nor a
// deleted comment's placeholder. ?1 author, ?2 site. The `+` keep the read in comments_author (the
// person's comments) rather than comments_site_status (all the site's pending ones).
const OPEN_OF_AUTHOR = "author_id = ?1 AND +site_id = ?2 AND +status IN ('pending', 'published') AND deleted_at IS NULL";

/**
 * The person's published comments and their stories' keys, read in the ban's batch before the
 * rejection: those are the ones readers saw go (worker/live).
 */
export function selectPublishedOfAuthor(db: D1Database, r: { siteId: string; authorId: number }): Typed<{ id: number; story_key: string }> {
  return typed(
    db
      .prepare(
        `SELECT c.id, s.key AS story_key FROM comments c JOIN stories s ON s.id = c.story_id
         WHERE c.author_id = ?1 AND +c.site_id = ?2 AND +c.status = 'published' AND c.deleted_at IS NULL`,
      )
      .bind(r.authorId, r.siteId),
  );
}

/**
 * Ban and reject: every open comment of a person rejected, as two statements for one batch. The
 * set is decided by the write itself (a comment posted meanwhile is not missed): first one
 * "reject" audit row per comment with the status it had, then the rejection, which returns the
 * ids rejected. Reasons, reports and featuring change as in rejectComments.
 */
export function rejectAllOfAuthor(
  db: D1Database,
  r: {
    siteId: string;
    authorId: number;
    staffId: number;
    reason: string;
    now: number;
    /**
     * The words of each removal's statement of reasons (services/dsa/statements banRejectStatement):
     * two more statements after the rejection, one row per comment it rejected (with and without
     * an automated detection among its reasons), returning their ids.
     */
    statement?: Pick<StatementInput, "facts" | "groundKind" | "ground" | "groundLabel">;
  },
): [D1PreparedStatement, Typed<{ id: number }>, ...Typed<{ id: number; comment_id: number }>[]] {
  const rejectedNow = {
    sql: "c.author_id = ?1 AND c.status = 'rejected' AND c.moderated_at = ?2 AND c.moderated_by = ?3",
    params: [r.authorId, r.now, r.staffId],
  };
  const statements = r.statement
    ? [true, false].map((detected) =>
        insertStatement(db, {
          siteId: r.siteId,
          comment: { matching: rejectedNow },
          decision: "removed",
          source: "moderator",
          ...r.statement!,
          automatedDetection: detected,
          automatedDecision: false,
          staffId: r.staffId,
          when: { sql: `${detected ? "" : "NOT "}${DETECTED_REASONS}`, params: [JSON.stringify(DETECTED_CODES)] },
          now: r.now,
        }),
      )
    : [];
  return [
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT site_id, ?3, 'reject', 'comment', CAST(id AS TEXT),
                json_object('from', status, 'reason', ?4, 'withBan', json('true')), ?5
         FROM comments WHERE ${OPEN_OF_AUTHOR} ORDER BY id`,
      )
      .bind(r.authorId, r.siteId, r.staffId, r.reason, r.now),
    typed(
      db
        .prepare(
          `UPDATE comments SET status = 'rejected', open_reports = 0, featured_at = NULL, featured_note = NULL,
                  moderated_at = ?5, moderated_by = ?3, updated_at = ?5,
                  reasons = json_insert(${REASONS_WITHOUT_MODERATOR}, '$[#]', json_object('code', 'moderator', 'detail', ?4))
           WHERE ${OPEN_OF_AUTHOR}
           RETURNING id`,
        )
        .bind(r.authorId, r.siteId, r.staffId, r.reason, r.now),
    ),
    ...statements,
  ];
}

/** Reason codes that mean a comment's text was flagged by a machine (its statement's automated detection). */
export const DETECTED_CODES = ["banned_words", "suspect_words", "links", "scoring"];
/** On the comment row `c`: its recorded reasons include one of ?1 (DETECTED_CODES as JSON). */
export const DETECTED_REASONS = `EXISTS (SELECT 1 FROM json_each(c.reasons) AS r WHERE json_extract(r.value, '$.code') IN (SELECT value FROM json_each(?1)))`;

// The comments rejectAllOfAuthor has just rejected (same author, same moderation time). The rows to
// recount are looked up by key from those (the outer `+site_id` keeps SQLite from walking the site).
const REJECTED_WITH_AUTHOR = "author_id = ?1 AND +site_id = ?2 AND +status = 'rejected' AND +moderated_at = ?3";

/** recountStories for the stories of the comments rejectAllOfAuthor just rejected (comments_author). */
export function recountStoriesOfRejected(db: D1Database, r: { siteId: string; authorId: number; now: number }): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_STORIES} WHERE id IN (SELECT story_id FROM comments WHERE ${REJECTED_WITH_AUTHOR}) AND +site_id = ?2`)
    .bind(r.authorId, r.siteId, r.now);
}

/** recountThreads for the threads of the replies rejectAllOfAuthor just rejected (comments_author). */
export function recountThreadsOfRejected(db: D1Database, r: { siteId: string; authorId: number; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `${RECOUNT_THREADS}
       WHERE id IN (SELECT root_id FROM comments WHERE ${REJECTED_WITH_AUTHOR} AND root_id IS NOT NULL) AND +site_id = ?2`,
    )
    .bind(r.authorId, r.siteId, r.now);
}

/** Featuring keeps the first featuring time (the selection's order) and sets the note. Published only. */
export function featureComment(db: D1Database, f: { siteId: string; id: number; note: string | null; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET featured_at = coalesce(featured_at, ?1), featured_note = ?2
       WHERE id = ?3 AND site_id = ?4 AND status = 'published'`,
    )
    .bind(f.now, f.note, f.id, f.siteId);
}

export function unfeatureComment(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db.prepare("UPDATE comments SET featured_at = NULL, featured_note = NULL WHERE id = ? AND site_id = ?").bind(id, siteId);
}

/**
 * A staff reply, published at once, by the staff member's commenter on the site (upserted just
 * before in the same batch). Moderated by its own author: nobody needs to review it.
 */
export function insertStaffReply(
  db: D1Database,
  r: {
    siteId: string;
    storyId: number;
    staffId: number;
    parentId: number | null;
    replyToId: number | null;
    rootId: number | null;
    depth: number;
    body: string;
    now: number;
  },
): Typed<{ id: number }> {
  return typed(
    db
      .prepare(
        `INSERT INTO comments (site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status,
                             moderated_at, moderated_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM commenters WHERE site_id = ?1 AND staff_id = ?7), ?8,
               'published', ?9, ?7, ?9, ?9)
       RETURNING id`,
      )
      .bind(r.siteId, r.storyId, r.parentId, r.replyToId, r.rootId, r.depth, r.staffId, r.body, r.now),
  );
}

/**
 * A staff reply answers the comment it replies to (not its siblings, not its thread): it leaves
 * the To answer queue, and its first answer time is kept for the figures. A comment that asked
 * nothing is left as it is.
 */
export function markAnswered(db: D1Database, a: { siteId: string; id: number; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET answer_status = 'answered', answered_at = coalesce(answered_at, ?1)
       WHERE id = ?2 AND site_id = ?3 AND answer_status IS NOT NULL`,
    )
    .bind(a.now, a.id, a.siteId);
}
