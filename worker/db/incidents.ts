// SQL for incidents (the alert rules' firings, migration 0006): the tick's upserts and
// resolutions, the notices' claims, the staff list and acknowledgement.
import { typed, type Typed } from "./typed";
import type { AlertRule } from "../schemas/alert-views";

export interface IncidentRow {
  id: number;
  site_id: string;
  rule: AlertRule;
  story_id: number | null;
  story_key: string | null;
  story_title: string | null;
  story_url: string | null;
  status: "open" | "resolved";
  figures: string;
  opened_at: number;
  updated_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: number | null;
  acknowledged_by_name: string | null;
}

const VIEW_SQL = `
  SELECT i.id, i.site_id, i.rule, i.story_id, st.key AS story_key, st.title AS story_title, st.url AS story_url,
         i.status, i.figures, i.opened_at, i.updated_at, i.resolved_at, i.acknowledged_at, i.acknowledged_by,
         sf.name AS acknowledged_by_name
  FROM incidents i
  LEFT JOIN stories st ON st.id = i.story_id
  LEFT JOIN staff sf ON sf.id = i.acknowledged_by`;

/** A firing measured by a tick: its scope is the story of a buzz, 0 for a site-wide rule. */
export interface Firing {
  rule: AlertRule;
  storyId: number | null;
  figures: Record<string, unknown> & { peak: number };
}

/**
 * Opens the incident, or updates the open one of the same rule and scope (incidents_open): one
 * statement, so concurrent ticks meet in the same row. The figures are replaced by the latest;
 * the peak keeps the highest seen.
 */
export function upsertIncident(db: D1Database, siteId: string, f: Firing, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO incidents (site_id, rule, story_id, scope, status, figures, opened_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?6)
       ON CONFLICT (site_id, rule, scope) WHERE status = 'open' DO UPDATE SET
         figures = json_set(excluded.figures, '$.peak',
           max(coalesce(json_extract(incidents.figures, '$.peak'), 0), json_extract(excluded.figures, '$.peak'))),
         updated_at = max(incidents.updated_at, excluded.updated_at)`,
    )
    .bind(siteId, f.rule, f.storyId, f.storyId ?? 0, JSON.stringify(f.figures), now);
}

/**
 * Resolves the open incidents of a rule whose scope no longer fires (all of them when none does).
 * A resolution notice is left to send only when the site asks for one.
 */
export function resolveIncidents(
  db: D1Database,
  q: { siteId: string; rule: AlertRule; firingScopes: number[]; noticeOnResolve: boolean; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE incidents SET status = 'resolved', resolved_at = ?4, updated_at = ?4,
         resolve_notice_at = CASE WHEN ?5 THEN NULL ELSE ?4 END
       WHERE site_id = ?1 AND status = 'open' AND rule = ?2 AND scope NOT IN (SELECT value FROM json_each(?3))`,
    )
    .bind(q.siteId, q.rule, JSON.stringify(q.firingScopes), q.now, q.noticeOnResolve ? 1 : 0);
}

export type NoticeKind = "opened" | "resolved";

/**
 * Claims the site's notices still to send (incidents_open_notices, incidents_resolve_notices): marks them sent-at-now and returns
 * them, so that a concurrent tick claims none of the same. The caller releases a claim whose
 * sending failed.
 */
export function claimNotices(
  db: D1Database,
  siteId: string,
  now: number,
): [Typed<{ id: number; kind: "opened" }>, Typed<{ id: number; kind: "resolved" }>] {
  return [
    typed(
      db
        .prepare(
          `UPDATE incidents SET open_notice_at = ?2 WHERE site_id = ?1 AND open_notice_at IS NULL
           RETURNING id, 'opened' AS kind`,
        )
        .bind(siteId, now),
    ),
    typed(
      db
        .prepare(
          `UPDATE incidents INDEXED BY incidents_resolve_notices SET resolve_notice_at = ?2
           WHERE site_id = ?1 AND status = 'resolved' AND resolve_notice_at IS NULL AND open_notice_at IS NOT NULL
           RETURNING id, 'resolved' AS kind`,
        )
        .bind(siteId, now),
    ),
  ];
}

/** Gives a claimed notice back for the next tick (its sending failed). */
export function releaseNotice(db: D1Database, id: number, kind: NoticeKind): D1PreparedStatement {
  const column = kind === "opened" ? "open_notice_at" : "resolve_notice_at";
  return db.prepare(`UPDATE incidents SET ${column} = NULL WHERE id = ?`).bind(id);
}

/** The named incidents of the site, by id (the `+` keeps SQLite from walking the site's list instead). */
export function selectIncidentsByIds(db: D1Database, siteId: string, ids: number[]): Typed<IncidentRow> {
  return typed(
    db.prepare(`${VIEW_SQL} WHERE i.id IN (SELECT value FROM json_each(?2)) AND +i.site_id = ?1`).bind(siteId, JSON.stringify(ids)),
  );
}

/**
 * The site's incidents, open first, then newest first (incidents_site_list: 'open' sorts before
 * 'resolved'), at most `rows`.
 */
export function selectIncidents(db: D1Database, q: { siteId: string; openOnly: boolean; rows: number }): Typed<IncidentRow> {
  return typed(
    db
      .prepare(
        `${VIEW_SQL.replace("FROM incidents i", "FROM incidents i INDEXED BY incidents_site_list")}
       WHERE i.site_id = ?1 ${q.openOnly ? "AND i.status = 'open'" : ""}
       ORDER BY i.status, i.id DESC LIMIT ?2`,
      )
      .bind(q.siteId, q.rows),
  );
}

const AUDIT_INSERT = "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)";

/**
 * A staff member acknowledges an incident of the site: the first acknowledgement stays (staff and
 * time), and its audit row is written only by the statement that set it (changes() of the
 * update just before, in the same batch), so a second acknowledgement writes nothing.
 */
export function acknowledgeIncident(
  db: D1Database,
  a: { siteId: string; id: number; staffId: number; now: number },
): [D1PreparedStatement, D1PreparedStatement, Typed<IncidentRow>] {
  return [
    db
      .prepare(
        `UPDATE incidents SET acknowledged_at = ?3, acknowledged_by = ?4
         WHERE id = ?1 AND site_id = ?2 AND acknowledged_at IS NULL`,
      )
      .bind(a.id, a.siteId, a.now, a.staffId),
    db
      .prepare(
        `${AUDIT_INSERT}
         SELECT ?1, ?2, 'acknowledge', 'incident', CAST(i.id AS TEXT),
                json_object('rule', i.rule, 'storyId', i.story_id, 'status', i.status), ?3
         FROM incidents i WHERE changes() = 1 AND i.id = ?4 AND i.site_id = ?1`,
      )
      .bind(a.siteId, a.staffId, a.now, a.id),
    selectIncidentsByIds(db, a.siteId, [a.id]),
  ];
}

/** Open incidents nobody acknowledged yet, of one site (incidents_unacknowledged). */
export const UNACKNOWLEDGED_COUNT_SQL = (site: string) =>
  `(SELECT count(*) FROM incidents INDEXED BY incidents_unacknowledged
    WHERE site_id = ${site} AND status = 'open' AND acknowledged_at IS NULL)`;
