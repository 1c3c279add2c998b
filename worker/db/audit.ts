// SQL for the audit log: who did what to which target of a site, when and why.

export type AuditTargetType = "comment" | "commenter" | "site" | "story";

export interface AuditWrite {
  siteId: string;
  /** null for the system (e.g. the report threshold hiding a comment) */
  staffId: number | null;
  action: string;
  targetType: AuditTargetType;
  targetId: string | number;
  detail: Record<string, unknown>;
  now: number;
}

export function insertAudit(db: D1Database, a: AuditWrite): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(a.siteId, a.staffId, a.action, a.targetType, String(a.targetId), JSON.stringify(a.detail), a.now);
}

/** One row per comment of a bulk action, each with its own detail, in one statement. */
export function insertCommentAudits(
  db: D1Database,
  a: { siteId: string; staffId: number; action: string; entries: { id: number; detail: object }[]; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       SELECT ?1, ?2, ?3, 'comment', CAST(json_extract(j.value, '$.id') AS TEXT), json_extract(j.value, '$.detail'), ?4
       FROM json_each(?5) AS j`,
    )
    .bind(a.siteId, a.staffId, a.action, a.now, JSON.stringify(a.entries));
}

/**
 * The audit row of a comment inserted by the statement just before it in the same batch
 * (its id is last_insert_rowid), e.g. a staff reply.
 */
export function insertAuditForLastComment(
  db: D1Database,
  a: { siteId: string; staffId: number; action: string; detail: object; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       VALUES (?, ?, ?, 'comment', CAST(last_insert_rowid() AS TEXT), ?, ?)`,
    )
    .bind(a.siteId, a.staffId, a.action, JSON.stringify(a.detail), a.now);
}

export interface AuditRow {
  id: number;
  created_at: number;
  staff_id: number | null;
  staff_name: string | null;
  action: string;
  target_type: AuditTargetType;
  target_id: string;
  detail: string;
}

/** A page of the site's log, newest first: audit_log_site. */
export function selectAuditPage(
  db: D1Database,
  q: { siteId: string; beforeId: number; rows: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT a.id, a.created_at, a.staff_id, s.name AS staff_name, a.action, a.target_type, a.target_id, a.detail
       FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
       WHERE a.site_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`,
    )
    .bind(q.siteId, q.beforeId, q.rows);
}
