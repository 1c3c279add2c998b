// SQL of the transparency export (DSA Art. 15, 24): a site's figures over a period [start, end),
// counted and their medians taken by SQLite, so an export of a busy year reads a few hundred
// grouped rows rather than every notice, statement and appeal. Parameters: ?1 site, ?2 start, ?3 end.
import { typed, type Typed } from "./typed";

/**
 * The median of `t` per key `k` of a source (SELECT k, t …), plus the key '*' over all rows: the
 * middle row, or the mean of the two middle rows, of each key's rows ordered by t.
 */
function medians(source: string): string {
  return `WITH h AS (${source}),
    g AS (SELECT k, t FROM h UNION ALL SELECT '*' AS k, t FROM h),
    r AS (SELECT k, t, row_number() OVER (PARTITION BY k ORDER BY t) AS n, count(*) OVER (PARTITION BY k) AS c FROM g)
  SELECT k, avg(t) AS median_ms FROM r WHERE n IN ((c + 1) / 2, (c + 2) / 2) GROUP BY k`;
}

export interface MedianRow {
  /** a ground, or '*' for all */
  k: string;
  median_ms: number;
}

export interface NoticeCountRow {
  ground: string;
  received: number;
  removed: number;
  removed_illegal: number;
  removed_terms: number;
  kept: number;
  open: number;
  automated: number;
}

// Notices received in the period (a site's notices are few: read through notices_open's site prefix).
const NOTICES_IN_PERIOD = "FROM notices WHERE site_id = ?1 AND created_at >= ?2 AND created_at < ?3";

/**
 * Notices received in the period per legal ground, and what became of them so far. A removal's
 * ground kind is its statement's: the 'notice' statement of the same comment taken in the same
 * batch (same time) as the notice's decision, which every notice decided with it shares.
 */
export function selectNoticeCounts(db: D1Database, siteId: string, start: number, end: number): Typed<NoticeCountRow> {
  return typed(
    db
      .prepare(
        `SELECT n.ground, count(*) AS received, sum(n.outcome = 'removed') AS removed,
              sum(n.outcome = 'removed' AND s.ground_kind = 'illegal') AS removed_illegal,
              sum(n.outcome = 'removed' AND s.ground_kind = 'terms') AS removed_terms,
              sum(n.outcome = 'kept') AS kept, sum(n.status = 'open') AS open,
              sum(n.status = 'decided' AND n.decided_by IS NULL) AS automated
       FROM notices n
       LEFT JOIN statements s ON s.comment_id = n.comment_id AND s.source = 'notice' AND s.created_at = n.decided_at AND s.site_id = n.site_id
       WHERE n.site_id = ?1 AND n.created_at >= ?2 AND n.created_at < ?3 GROUP BY n.ground`,
      )
      .bind(siteId, start, end),
  );
}

/** Median time from receipt to decision of the period's decided notices, per ground and overall. */
export function selectNoticeMedians(db: D1Database, siteId: string, start: number, end: number): Typed<MedianRow> {
  return typed(
    db
      .prepare(medians(`SELECT ground AS k, decided_at - created_at AS t ${NOTICES_IN_PERIOD} AND status = 'decided'`))
      .bind(siteId, start, end),
  );
}

export interface StatementCountRow {
  ground_kind: "illegal" | "terms";
  ground: string;
  decision: "removed" | "held" | "restricted" | "restored";
  source: "moderator" | "rule" | "reports" | "scoring" | "notice" | "appeal";
  automated_detection: number;
  automated_decision: number;
  n: number;
}

/** The period's statements of reasons (statements_site_time), counted per ground, decision, source and automation. */
export function selectStatementCounts(db: D1Database, siteId: string, start: number, end: number): Typed<StatementCountRow> {
  return typed(
    db
      .prepare(
        `SELECT ground_kind, ground, decision, source, automated_detection, automated_decision, count(*) AS n
       FROM statements WHERE site_id = ?1 AND created_at >= ?2 AND created_at < ?3
       GROUP BY ground_kind, ground, decision, source, automated_detection, automated_decision`,
      )
      .bind(siteId, start, end),
  );
}

export interface AppealCountRow {
  /** the ground of the decision appealed */
  ground: string;
  status: "open" | "upheld" | "reversed";
  n: number;
}

const APPEALS_IN_PERIOD =
  "FROM appeals a JOIN statements s ON s.id = a.statement_id WHERE a.site_id = ?1 AND a.created_at >= ?2 AND a.created_at < ?3";

/** Appeals received in the period, per ground of the decision appealed and outcome so far. */
export function selectAppealCounts(db: D1Database, siteId: string, start: number, end: number): Typed<AppealCountRow> {
  return typed(
    db.prepare(`SELECT s.ground, a.status, count(*) AS n ${APPEALS_IN_PERIOD} GROUP BY s.ground, a.status`).bind(siteId, start, end),
  );
}

/** Median time from lodging to decision of the period's decided appeals (key '*'; per ground too). */
export function selectAppealMedians(db: D1Database, siteId: string, start: number, end: number): Typed<MedianRow> {
  return typed(
    db
      .prepare(medians(`SELECT s.ground AS k, a.decided_at - a.created_at AS t ${APPEALS_IN_PERIOD} AND a.status <> 'open'`))
      .bind(siteId, start, end),
  );
}

export interface RestrictionRow {
  bans: number;
  suspensions: number;
  lifted: number;
}

/**
 * Bans (for good) and suspensions (for some hours) imposed in the period, and those lifted, as the
 * audit log recorded them (services/admin/bans.ts: detail.duration is "permanent" or { hours }).
 * Every ban writes one such row, ban-and-reject included; a ban replacing another counts again.
 */
export function selectRestrictions(db: D1Database, siteId: string, start: number, end: number): Typed<RestrictionRow> {
  return typed(
    db
      .prepare(
        `SELECT coalesce(sum(action = 'ban' AND json_extract(detail, '$.duration') = 'permanent'), 0) AS bans,
              coalesce(sum(action = 'ban' AND json_type(detail, '$.duration') = 'object'), 0) AS suspensions,
              coalesce(sum(action = 'unban'), 0) AS lifted
       FROM audit_log WHERE site_id = ?1 AND action IN ('ban', 'unban') AND created_at >= ?2 AND created_at < ?3`,
      )
      .bind(siteId, start, end),
  );
}
