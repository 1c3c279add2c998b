// SQL of the alert rules' measures (worker/services/alerts/rules.ts). Each reads only the rows it
// counts through an index (migrations 0004 and 0006), never a site's whole history.
import type { SiteRow } from "./sites";
import { typed, type Typed } from "./typed";

export interface BuzzRow {
  story_id: number;
  /** the story's comments (every status) since `hourStart` */
  last_hour: number;
  /** its comments in [weekStart, hourStart) */
  history: number;
}

/**
 * Stories with at least `floor` comments since `hourStart` (comments_site_created: the site's last
 * hour), each with its comments of the 7 days before (comments_story_created); the factor is
 * applied by the caller.
 */
export function selectBuzzCandidates(
  db: D1Database,
  q: { siteId: string; hourStart: number; weekStart: number; floor: number },
): Typed<BuzzRow> {
  return typed(
    db
      .prepare(
        `WITH hot AS (
         SELECT story_id, count(*) AS last_hour FROM comments INDEXED BY comments_site_created
         WHERE site_id = ?1 AND created_at >= ?2
         GROUP BY story_id HAVING count(*) >= ?4
       )
       SELECT h.story_id, h.last_hour,
         (SELECT count(*) FROM comments c INDEXED BY comments_story_created
          WHERE c.story_id = h.story_id AND c.created_at >= ?3 AND c.created_at < ?2) AS history
       FROM hot h ORDER BY h.story_id`,
      )
      .bind(q.siteId, q.hourStart, q.weekStart, q.floor),
  );
}

/** Reports made on the site since `since` (reports_site_created). */
export function selectReportsSince(db: D1Database, siteId: string, since: number): Typed<{ n: number }> {
  return typed(
    db
      .prepare("SELECT count(*) AS n FROM reports INDEXED BY reports_site_created WHERE site_id = ? AND created_at >= ?")
      .bind(siteId, since),
  );
}

export interface WaitingRow {
  n: number;
  oldest: number | null;
}

/** Comments held for review since before `cutoff` (comments_pending_held). */
export function selectPendingBefore(db: D1Database, siteId: string, cutoff: number): Typed<WaitingRow> {
  return typed(
    db
      .prepare(
        `SELECT count(*) AS n, min(coalesce(held_at, created_at)) AS oldest FROM comments INDEXED BY comments_pending_held
       WHERE site_id = ? AND status = 'pending' AND coalesce(held_at, created_at) < ?`,
      )
      .bind(siteId, cutoff),
  );
}

/** Questions waiting for an answer, asked before `cutoff` (comments_to_answer_age). */
export function selectToAnswerBefore(db: D1Database, siteId: string, cutoff: number): Typed<WaitingRow> {
  return typed(
    db
      .prepare(
        `SELECT count(*) AS n, min(created_at) AS oldest FROM comments INDEXED BY comments_to_answer_age
       WHERE site_id = ? AND answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL AND created_at < ?`,
      )
      .bind(siteId, cutoff),
  );
}

/** Every site, for the tick (a few rows: one per newspaper). */
/** The sites that live in this database (`home`, its binding's name): not the registry's rows of sites that live elsewhere. */
export function selectAllSites(db: D1Database, home: string): Typed<SiteRow> {
  return typed(db.prepare("SELECT id, name, allowed_origins, settings, db, moving FROM sites WHERE db = ? ORDER BY id").bind(home));
}
