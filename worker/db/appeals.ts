// SQL for appeals (DSA Art. 20, migration 0012): the author's appeal against the latest decision
// on their comment, decided in its insert (author, decision, window; once per decision by the
// UNIQUE statement_id), and a moderator's decision on it, guarded in its own UPDATE.
import { typed, type Typed } from "./typed";
import type { AppealStatus } from "../schemas/dsa-views";

// The comment's latest statement, when it is one an author may contest (it removed, held or
// restricted the comment, and the comment is still held or removed). ?c the comment, ?s the site.
const CONTESTABLE = (c: string, s: string) => `s.id = (SELECT max(id) FROM statements WHERE comment_id = ${c})
  AND s.site_id = ${s} AND s.decision IN ('removed', 'held', 'restricted')
  AND cm.id = s.comment_id AND cm.status IN ('pending', 'rejected') AND cm.deleted_at IS NULL`;

/**
 * The appeal, if the comment is the author's, its latest statement is contestable and still
 * within its window. A second appeal on the same statement fails the UNIQUE key (the batch rolls
 * back: the caller answers 409). Returns the id; no row when a rule said no.
 */
export function insertAppeal(
  db: D1Database,
  a: { siteId: string; commentId: number; authorId: number; body: string; now: number },
): Typed<{ id: number }> {
  return typed(
    db
      .prepare(
        `INSERT INTO appeals (site_id, comment_id, statement_id, body, created_at)
       SELECT s.site_id, s.comment_id, s.id, ?4, ?5
       FROM statements s, comments cm
       WHERE ${CONTESTABLE("?1", "?2")} AND cm.author_id = ?3 AND s.contest_until >= ?5
       RETURNING id`,
      )
      .bind(a.commentId, a.siteId, a.authorId, a.body, a.now),
  );
}

/**
 * The story's version moves on with the appeal just inserted (placed right after insertAppeal:
 * changes() is that insert's count), so that the author's thread read (its ETag) shows it.
 */
export function touchStoryOfAppeal(db: D1Database, a: { siteId: string; commentId: number }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stories SET version = version + 1
       WHERE id = (SELECT story_id FROM comments WHERE id = ?1 AND site_id = ?2) AND changes() > 0`,
    )
    .bind(a.commentId, a.siteId);
}

export interface AppealRow {
  id: number;
  site_id: string;
  comment_id: number;
  statement_id: number;
  body: string;
  status: AppealStatus;
  explanation: string | null;
  decided_by: number | null;
  decided_at: number | null;
  created_at: number;
  /** who took the decision appealed (null: automated) */
  statement_staff_id: number | null;
  /** the site's staff members */
  site_staff: number;
  comment_status: string;
  comment_deleted_at: number | null;
  story_id: number;
  root_id: number | null;
  author_id: number;
}

const SELECT_APPEAL = `SELECT a.id, a.site_id, a.comment_id, a.statement_id, a.body, a.status, a.explanation,
       a.decided_by, a.decided_at, a.created_at, s.staff_id AS statement_staff_id,
       (SELECT count(*) FROM staff_roles WHERE site_id = a.site_id) AS site_staff,
       c.status AS comment_status, c.deleted_at AS comment_deleted_at, c.story_id, c.root_id, c.author_id
  FROM appeals a JOIN statements s ON s.id = a.statement_id JOIN comments c ON c.id = a.comment_id`;

export function selectAppeal(db: D1Database, siteId: string, id: number): Typed<AppealRow> {
  return typed(db.prepare(`${SELECT_APPEAL} WHERE a.id = ?1 AND a.site_id = ?2`).bind(id, siteId));
}

// Open, and not decided by the moderator whose decision it contests while the site has another.
// ?1 appeal, ?2 site, ?3 the deciding staff member.
const DECIDABLE = `id = ?1 AND site_id = ?2 AND status = 'open'
  AND NOT (coalesce((SELECT staff_id FROM statements WHERE id = appeals.statement_id), 0) = ?3
           AND (SELECT count(*) FROM staff_roles WHERE site_id = ?2) > 1)`;

/**
 * The decision's guard (person_guards, migration 0010), first in its batch: the appeal is still
 * open and this staff member may decide it, or the guard's CHECK fails and the whole batch is
 * rolled back (db/identities failedGuard names it). Two decisions at once: one batch passes.
 */
export function insertDecisionGuard(db: D1Database, d: { siteId: string; id: number; staffId: number }): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO person_guards (target_ok) SELECT EXISTS (SELECT 1 FROM appeals WHERE ${DECIDABLE})`)
    .bind(d.id, d.siteId, d.staffId);
}

/** The decision itself, after its guard in the same batch. */
export function decideAppeal(
  db: D1Database,
  d: { siteId: string; id: number; staffId: number; status: "upheld" | "reversed"; explanation: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE appeals SET status = ?4, explanation = ?5, decided_by = ?3, decided_at = ?6
       WHERE ${DECIDABLE}`,
    )
    .bind(d.id, d.siteId, d.staffId, d.status, d.explanation, d.now);
}

/**
 * A reversal publishes the comment again (reports closed, its reasons dropped), unless the author
 * deleted it meanwhile. Counters follow (the recount statements of db/staff-comments).
 */
export function restoreComment(
  db: D1Database,
  r: { siteId: string; commentId: number; staffId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'published', open_reports = 0, moderated_at = ?3, moderated_by = ?2, updated_at = ?3,
              reasons = '[]'
       WHERE id = ?1 AND site_id = ?4 AND status IN ('pending', 'rejected') AND deleted_at IS NULL`,
    )
    .bind(r.commentId, r.staffId, r.now, r.siteId);
}

/** The story's version moves on with any decision (the author's `own` shows the outcome). */
export function touchStoryOfComment(db: D1Database, siteId: string, commentId: number): D1PreparedStatement {
  return db
    .prepare("UPDATE stories SET version = version + 1 WHERE id = (SELECT story_id FROM comments WHERE id = ?1 AND site_id = ?2)")
    .bind(commentId, siteId);
}
