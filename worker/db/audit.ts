// SQL for the audit log: who did what to which target of a site, when and why.
import { typed, type Typed } from "./typed";

export type AuditTargetType = "comment" | "commenter" | "site" | "story" | "template" | "incident" | "delivery";

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

/** The audit row of an action on a commenter, written only if the commenter is the site's. */
export function insertCommenterAudit(
  db: D1Database,
  a: Omit<AuditWrite, "targetType" | "targetId"> & { commenterId: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       SELECT site_id, ?, ?, 'commenter', CAST(id AS TEXT), ?, ? FROM commenters WHERE id = ? AND site_id = ?`,
    )
    .bind(a.staffId, a.action, JSON.stringify(a.detail), a.now, a.commenterId, a.siteId);
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
  /** a comment target as it is now (null when the target is no comment of the site) */
  comment_id: number | null;
  /** the start of its text (enough for an excerpt); '' once its author deleted it */
  comment_body: string | null;
  comment_author_id: number | null;
  comment_author_name: string | null;
  story_key: string | null;
  story_title: string | null;
  story_url: string | null;
  /** a commenter target */
  commenter_id: number | null;
  commenter_name: string | null;
}

/** Characters of a comment read for its excerpt: more than any excerpt shows, however it is formatted. */
const BODY_HEAD = 1000;

// Each entry with its staff member's name and, for a comment, the comment's start, author and
// story, for a commenter, their name: primary-key lookups per entry of the page. `from` names the
// audit_log table (aliased a), with the index to read it by where SQLite would pick another.
const entrySql = (from = "audit_log a") => `
  SELECT a.id, a.created_at, a.staff_id, s.name AS staff_name, a.action, a.target_type, a.target_id, a.detail,
         c.id AS comment_id, substr(c.body, 1, ${BODY_HEAD}) AS comment_body,
         ca.id AS comment_author_id, ca.name AS comment_author_name,
         st.key AS story_key, st.title AS story_title, st.url AS story_url,
         p.id AS commenter_id, p.name AS commenter_name
  FROM ${from}
  LEFT JOIN staff s ON s.id = a.staff_id
  LEFT JOIN comments c ON a.target_type = 'comment' AND c.id = CAST(a.target_id AS INTEGER) AND c.site_id = a.site_id
  LEFT JOIN commenters ca ON ca.id = c.author_id
  LEFT JOIN stories st ON st.id = c.story_id
  LEFT JOIN commenters p ON a.target_type = 'commenter' AND p.id = CAST(a.target_id AS INTEGER) AND p.site_id = a.site_id`;

export interface AuditFilter {
  siteId: string;
  /** exclusive: continue after (below) this id */
  beforeId: number;
  rows: number;
  action?: string;
  staffId?: number;
  /** inclusive start of the period (ms) */
  from?: number;
  /** exclusive end of the period (ms) */
  to?: number;
}

// The period becomes a range of ids, found by time in audit_log_site_created (ids and times grow
// together), so a filtered page is one range scan of its index between those ids, however far back
// the period; the times are checked on each row too (the `+` keeps them out of index choice).
// ?1 site, ?2 cursor id (exclusive), ?3 rows, ?4 action, ?5 staff, ?6 from (inclusive), ?7 to (exclusive).
// With a period, SQLite would rather range over audit_log_site by id than use the filter's index:
// INDEXED BY names the one that reads only the matching entries.
function auditPageSql(by: { action: boolean; staff: boolean; period: boolean }): string {
  const index = by.action ? "audit_log_site_action" : by.staff ? "audit_log_site_staff" : "audit_log_site";
  return `${entrySql(`audit_log a INDEXED BY ${index}`)}
  WHERE a.site_id = ?1 AND a.id < ?2
    ${by.action ? "AND a.action = ?4" : ""}
    ${by.staff ? (by.action ? "AND +a.staff_id = ?5" : "AND a.staff_id = ?5") : ""}
    ${
      by.period
        ? `AND a.id >= (SELECT id FROM audit_log WHERE site_id = ?1 AND created_at >= ?6 ORDER BY created_at, id LIMIT 1)
    AND a.id <= (SELECT id FROM audit_log WHERE site_id = ?1 AND created_at < ?7 ORDER BY created_at DESC, id DESC LIMIT 1)
    AND +a.created_at >= ?6 AND +a.created_at < ?7`
        : ""
    }
  ORDER BY a.id DESC LIMIT ?3`;
}

/**
 * A page of the site's log, newest first, filtered: one range scan of audit_log_site_action (by
 * action; a staff filter is then checked per row), audit_log_site_staff (by staff member) or
 * audit_log_site.
 */
export function selectAuditPage(db: D1Database, q: AuditFilter): Typed<AuditRow> {
  const by = { action: q.action !== undefined, staff: q.staffId !== undefined, period: q.from !== undefined || q.to !== undefined };
  // D1 wants exactly as many values as the highest parameter number used.
  const params: unknown[] = [q.siteId, q.beforeId, q.rows];
  if (by.action || by.staff || by.period) params.push(q.action ?? null);
  if (by.staff || by.period) params.push(q.staffId ?? null);
  if (by.period) params.push(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER);
  return typed(db.prepare(auditPageSql(by)).bind(...params));
}

/**
 * What staff and the system did to a person and to their comments, newest first: the entries
 * about the commenter, and about each of their comments (comments_author gives the ids, each one
 * lookup in audit_log_site_target); only those entries are sorted, never the site's whole log.
 */
export function selectPersonHistory(db: D1Database, q: { siteId: string; commenterId: number; rows: number }): Typed<AuditRow> {
  return typed(
    db
      .prepare(
        `WITH hits AS (
         SELECT id FROM audit_log WHERE site_id = ?1 AND target_type = 'commenter' AND target_id = ?2
         UNION ALL
         SELECT id FROM audit_log INDEXED BY audit_log_site_target WHERE site_id = ?1 AND target_type = 'comment'
           AND target_id IN (SELECT CAST(id AS TEXT) FROM comments WHERE author_id = ?3 AND +site_id = ?1)
       )
       ${entrySql()}
       WHERE a.id IN (SELECT id FROM hits ORDER BY id DESC LIMIT ?4)
       ORDER BY a.id DESC`,
      )
      .bind(q.siteId, String(q.commenterId), q.commenterId, q.rows),
  );
}
