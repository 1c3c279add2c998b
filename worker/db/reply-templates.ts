// SQL for reply templates ("réponses types"), per site, and the audit rows of their changes.
//
// Each write is a pair of statements for one batch: the change, scoped by site, and its audit row
// written only if that change happened (same transaction, decided by the rows themselves), so a
// refused or lost write leaves no audit row behind. db/audit.ts's helpers write unconditionally,
// hence these.
import { typed, type Typed } from "./typed";

export interface ReplyTemplateRow {
  id: number;
  title: string;
  body: string;
}

/** The site's templates, oldest first (reply_templates_site). */
export function selectTemplates(db: D1Database, siteId: string, max: number): Typed<ReplyTemplateRow> {
  return typed(db.prepare("SELECT id, title, body FROM reply_templates WHERE site_id = ? ORDER BY id LIMIT ?").bind(siteId, max));
}

const AUDIT_INSERT = "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)";

/**
 * A new template, unless the site already has `max`: the count and the insert are one statement,
 * so concurrent creations cannot overshoot. Returns no row when refused. The audit row follows
 * only when a row was inserted (changes() of the insert just before it).
 */
export function insertTemplate(
  db: D1Database,
  t: { siteId: string; staffId: number; title: string; body: string; max: number; now: number },
): [Typed<ReplyTemplateRow>, D1PreparedStatement] {
  return [
    typed(
      db
        .prepare(
          `INSERT INTO reply_templates (site_id, title, body, created_at, updated_at)
           SELECT ?1, ?2, ?3, ?4, ?4 WHERE (SELECT count(*) FROM reply_templates WHERE site_id = ?1) < ?5
           RETURNING id, title, body`,
        )
        .bind(t.siteId, t.title, t.body, t.now, t.max),
    ),
    db
      .prepare(
        `${AUDIT_INSERT}
         SELECT ?1, ?2, 'template_create', 'template', CAST(t.id AS TEXT), json_object('title', t.title), ?3
         FROM reply_templates t WHERE changes() = 1 AND t.id = last_insert_rowid() AND t.site_id = ?1`,
      )
      .bind(t.siteId, t.staffId, t.now),
  ];
}

/** Replaces a template of the site; returns no row when the site has no such template. */
export function updateTemplate(
  db: D1Database,
  t: { siteId: string; staffId: number; id: number; title: string; body: string; now: number },
): [Typed<ReplyTemplateRow>, D1PreparedStatement] {
  return [
    typed(
      db
        .prepare(
          `UPDATE reply_templates SET title = ?1, body = ?2, updated_at = ?3 WHERE id = ?4 AND site_id = ?5
           RETURNING id, title, body`,
        )
        .bind(t.title, t.body, t.now, t.id, t.siteId),
    ),
    db
      .prepare(
        `${AUDIT_INSERT}
         SELECT ?1, ?2, 'template_update', 'template', CAST(t.id AS TEXT), json_object('title', t.title), ?3
         FROM reply_templates t WHERE changes() = 1 AND t.id = ?4 AND t.site_id = ?1`,
      )
      .bind(t.siteId, t.staffId, t.now, t.id),
  ];
}

/** Deletes a template of the site, its audit row first (it keeps the title); the delete RETURNs the id. */
export function deleteTemplate(
  db: D1Database,
  t: { siteId: string; staffId: number; id: number; now: number },
): [D1PreparedStatement, Typed<{ id: number }>] {
  return [
    db
      .prepare(
        `${AUDIT_INSERT}
         SELECT ?1, ?2, 'template_delete', 'template', CAST(t.id AS TEXT), json_object('title', t.title), ?3
         FROM reply_templates t WHERE t.id = ?4 AND t.site_id = ?1`,
      )
      .bind(t.siteId, t.staffId, t.now, t.id),
    typed(db.prepare("DELETE FROM reply_templates WHERE id = ? AND site_id = ? RETURNING id").bind(t.id, t.siteId)),
  ];
}
