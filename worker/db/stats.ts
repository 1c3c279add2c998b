// SQL of the figures (stats): one period of a staff member's sites, each statement a range scan
// of a (site_id, created_at) index, so the cost of a request never grows with a site's history.
import { typed, type Typed } from "./typed";
import { MEDIAN_RANK, P90_RANK } from "./answers";

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every statement binds the same three parameters: ?1 the sites counted (a JSON array of ids), ?2
 * the start of the period and ?3 its end (exclusive), in epoch ms. The sites are the member's roles
 * as the registry holds them (services/admin/stats.ts), never the request's alone, and only those
 * living in the database the statement runs in (issue 14: a database per large tenant).
 */
export interface StatsScope {
  siteIds: string[];
  from: number;
  to: number;
}

const SITES = "(SELECT value FROM json_each(?1))";
/** Readers only: staff replies (commenters standing for a staff member) are no figure of the community. */
const BY_READERS = `author_id NOT IN (SELECT id FROM commenters INDEXED BY commenters_staff
                                      WHERE site_id IN ${SITES} AND staff_id IS NOT NULL)`;
const IN_PERIOD = `site_id IN ${SITES} AND created_at >= ?2 AND created_at < ?3`;
/**
 * The day of the period (0 = its first) a time falls on; ?2 is a midnight in the asked offset.
 * D1 binds JS numbers as REAL, hence the cast (times in the period are never before ?2).
 */
const DAY = `CAST((created_at - ?2) / ${DAY_MS} AS INTEGER)`;

function statement(db: D1Database, sql: string, s: StatsScope): D1PreparedStatement {
  return db.prepare(sql).bind(JSON.stringify(s.siteIds), s.from, s.to);
}

/** day NULL: the whole period (its distinct commenters are not the sum of the days'). */
export interface StatsCountsRow {
  day: number | null;
  posted: number;
  published: number;
  held: number;
  rejected: number;
  commenters: number;
}

/** Readers' comments posted each day, by what became of them, and over the period. */
export function selectStatsCounts(db: D1Database, s: StatsScope): Typed<StatsCountsRow> {
  const figures = `count(*) AS posted, coalesce(sum(status = 'published'), 0) AS published,
    coalesce(sum(held_at IS NOT NULL), 0) AS held, coalesce(sum(status = 'rejected'), 0) AS rejected,
    count(DISTINCT author_id) AS commenters
    FROM comments INDEXED BY comments_site_created WHERE ${IN_PERIOD} AND ${BY_READERS}`;
  return typed(statement(db, `SELECT ${DAY} AS day, ${figures} GROUP BY day UNION ALL SELECT NULL AS day, ${figures}`, s));
}

export interface StatsReportsRow {
  day: number;
  reports: number;
}

/** Reports made each day (on any comment). */
export function selectStatsReports(db: D1Database, s: StatsScope): Typed<StatsReportsRow> {
  return typed(
    statement(
      db,
      `SELECT ${DAY} AS day, count(*) AS reports FROM reports INDEXED BY reports_site_created
     WHERE ${IN_PERIOD} GROUP BY day`,
      s,
    ),
  );
}

/** day NULL: over the whole period (a median of the period, not a median of the days' medians). */
export interface StatsDurationsRow {
  day: number | null;
  median_ms: number | null;
  p90_ms: number | null;
}

/**
 * Nearest-rank median and 90th percentile of `durations` (rows of day, ms), per day and over
 * the period, ranked by window functions in SQL: only the two chosen values come back.
 */
function percentiles(durations: string): string {
  return `WITH t AS (${durations}),
    by_day AS (SELECT day, ms, row_number() OVER (PARTITION BY day ORDER BY ms) AS k,
                      count(*) OVER (PARTITION BY day) AS n FROM t),
    whole AS (SELECT ms, row_number() OVER (ORDER BY ms) AS k, count(*) OVER () AS n FROM t)
    SELECT day, max(CASE WHEN k = ${MEDIAN_RANK} THEN ms END) AS median_ms,
           max(CASE WHEN k = ${P90_RANK} THEN ms END) AS p90_ms
    FROM by_day GROUP BY day
    UNION ALL
    SELECT NULL, max(CASE WHEN k = ${MEDIAN_RANK} THEN ms END), max(CASE WHEN k = ${P90_RANK} THEN ms END) FROM whole`;
}

/**
 * Time to moderation: from the first hold for review to a staff member's decision, for the
 * readers' comments held then moderated (by the day they were posted). A comment approved and
 * held again later by reports, not yet re-moderated, is not counted.
 */
const MODERATION_DURATIONS = `SELECT ${DAY} AS day, moderated_at - held_at AS ms FROM comments INDEXED BY comments_site_created
       WHERE ${IN_PERIOD} AND ${BY_READERS}
         AND held_at IS NOT NULL AND moderated_by IS NOT NULL AND moderated_at >= held_at`;

/** Time to first staff answer, for the readers' comments answered (by the day they were posted). */
const ANSWER_DURATIONS = `SELECT ${DAY} AS day, answered_at - created_at AS ms FROM comments INDEXED BY comments_answered
       WHERE ${IN_PERIOD} AND answered_at IS NOT NULL AND ${BY_READERS}`;

export function selectModerationTimes(db: D1Database, s: StatsScope): Typed<StatsDurationsRow> {
  return typed(statement(db, percentiles(MODERATION_DURATIONS), s));
}

export function selectAnswerTimesByDay(db: D1Database, s: StatsScope): Typed<StatsDurationsRow> {
  return typed(statement(db, percentiles(ANSWER_DURATIONS), s));
}

export interface StatsDurationRow {
  day: number;
  ms: number;
}

/**
 * The durations themselves, for figures of sites in several databases (issue 14): a percentile of
 * the whole is not one of the databases' percentiles, so each sends its durations and the Worker
 * ranks them all (services/admin/stats-merge.ts), as percentiles() does in SQL for one database.
 */
export function selectModerationDurations(db: D1Database, s: StatsScope): Typed<StatsDurationRow> {
  return typed(statement(db, MODERATION_DURATIONS, s));
}

export function selectAnswerDurations(db: D1Database, s: StatsScope): Typed<StatsDurationRow> {
  return typed(statement(db, ANSWER_DURATIONS, s));
}

export interface StatsStoryRow {
  site: string;
  key: string;
  title: string | null;
  url: string | null;
  comments: number;
}

export const TOP_STORIES = 10;

/** The stories readers commented most in the period (ties: the oldest story first). */
export function selectTopStories(db: D1Database, s: StatsScope): Typed<StatsStoryRow> {
  return typed(
    statement(
      db,
      `SELECT st.site_id AS site, st.key, st.title, st.url, top.comments
     FROM (SELECT story_id, count(*) AS comments FROM comments INDEXED BY comments_site_created
           WHERE ${IN_PERIOD} AND ${BY_READERS}
           GROUP BY story_id ORDER BY comments DESC, story_id LIMIT ${TOP_STORIES}) AS top
     JOIN stories st ON st.id = top.story_id
     ORDER BY top.comments DESC, top.story_id`,
      s,
    ),
  );
}
