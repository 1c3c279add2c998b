// SQL of comments awaiting a staff answer: "no answer needed", and the time to first answer
// (median and 90th percentile, nearest rank, computed in SQL over an indexed range).
import { typed, type Typed } from "./typed";

/** What "No answer needed" checks of each comment named. */
export interface AnswerTargetRow {
  id: number;
  status: string;
  answer_status: "waiting" | "answered" | "dismissed" | null;
}

/** The comments named, as far as they belong to the site. */
export function selectAnswerTargets(db: D1Database, siteId: string, ids: number[]): Typed<AnswerTargetRow> {
  return typed(
    db
      .prepare(
        `SELECT id, status, answer_status FROM comments
       WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`,
      )
      .bind(JSON.stringify(ids), siteId),
  );
}

/**
 * "No answer needed", as two statements for one batch: one audit row per comment still waiting,
 * then the change itself, RETURNING the ids it dismissed. The audit rows are chosen by the same
 * condition, in the same transaction, just before the update: a comment answered meanwhile is
 * neither dismissed nor logged as dismissed (db/audit.ts's helpers write their rows unconditionally).
 */
export function dismissAnswers(
  db: D1Database,
  d: { siteId: string; staffId: number; ids: number[]; now: number },
): [D1PreparedStatement, Typed<{ id: number }>] {
  const ids = JSON.stringify(d.ids);
  return [
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'dismiss_answer', 'comment', CAST(c.id AS TEXT),
                json_object('waitingSince', c.created_at), ?3
         FROM comments c WHERE c.id IN (SELECT value FROM json_each(?4)) AND c.site_id = ?1 AND c.answer_status = 'waiting'
         ORDER BY c.id`,
      )
      .bind(d.siteId, d.staffId, d.now, ids),
    typed(
      db
        .prepare(
          `UPDATE comments SET answer_status = 'dismissed'
           WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2 AND answer_status = 'waiting'
           RETURNING id`,
        )
        .bind(ids, d.siteId),
    ),
  ];
}

/**
 * Nearest-rank percentiles over `n` values ranked 1..n by `k` (row_number() over the ordered
 * values): the value whose rank is ceil(p × n), in integer arithmetic (SQLite may lack ceil()).
 * Shared with the daily figures so both say the same thing by "median" and "p90".
 */
export const MEDIAN_RANK = "(n + 1) / 2";
export const P90_RANK = "(9 * n + 9) / 10";

export interface AnswerTimesRow {
  answered: number;
  waiting: number;
  median_ms: number | null;
  p90_ms: number | null;
}

/**
 * Time to first answer of the site's comments posted since `since` that awaited an answer: the
 * answered ones are one range scan of comments_answered (ranked by their answer time), those
 * still waiting (published, not deleted: the To answer queue) one range scan of
 * comments_site_created. Dismissed ones count in neither.
 */
export function selectAnswerTimes(db: D1Database, q: { siteId: string; since: number }): Typed<AnswerTimesRow> {
  return typed(
    db
      .prepare(
        `WITH answered AS (
         SELECT ms, row_number() OVER (ORDER BY ms) AS k, count(*) OVER () AS n FROM (
           SELECT answered_at - created_at AS ms FROM comments INDEXED BY comments_answered
           WHERE site_id = ?1 AND created_at >= ?2 AND answered_at IS NOT NULL AND answer_status = 'answered'))
       SELECT coalesce((SELECT max(n) FROM answered), 0) AS answered,
              (SELECT count(*) FROM comments INDEXED BY comments_site_created
               WHERE site_id = ?1 AND created_at >= ?2
                 AND answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL) AS waiting,
              (SELECT ms FROM answered WHERE k = ${MEDIAN_RANK}) AS median_ms,
              (SELECT ms FROM answered WHERE k = ${P90_RANK}) AS p90_ms`,
      )
      .bind(q.siteId, q.since),
  );
}
