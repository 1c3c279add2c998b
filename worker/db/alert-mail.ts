// SQL for the staff's alert-mail opt-in per site (migration 0006) and the mails' recipients.
import { typed, type Typed } from "./typed";

const AUDIT_INSERT = "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)";

export function selectAlertMail(db: D1Database, staffId: number, siteId: string): Typed<{ enabled: number }> {
  return typed(db.prepare("SELECT 1 AS enabled FROM alert_mail WHERE staff_id = ? AND site_id = ?").bind(staffId, siteId));
}

/**
 * Turns the member's alert mails for the site on or off, with its audit row only when that
 * changed something (changes() of the statement just before, same batch).
 */
export function setAlertMail(db: D1Database, a: { staffId: number; siteId: string; enabled: boolean; now: number }): D1PreparedStatement[] {
  const change = a.enabled
    ? db
        .prepare("INSERT INTO alert_mail (staff_id, site_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(a.staffId, a.siteId, a.now)
    : db.prepare("DELETE FROM alert_mail WHERE staff_id = ? AND site_id = ?").bind(a.staffId, a.siteId);
  return [
    change,
    db
      .prepare(`${AUDIT_INSERT} SELECT ?1, ?2, 'alert_mail', 'site', ?1, json_object('enabled', json(?3)), ?4 WHERE changes() = 1`)
      .bind(a.siteId, a.staffId, a.enabled ? "true" : "false", a.now),
  ];
}

export interface AlertRecipientRow {
  staff_id: number;
  email: string;
  name: string;
}

/** Who gets the site's alert mails: members who opted in and still hold a role on the site. */
export function selectAlertRecipients(db: D1Database, siteId: string): Typed<AlertRecipientRow> {
  return typed(
    db
      .prepare(
        `SELECT s.id AS staff_id, s.email, s.name FROM alert_mail m
       JOIN staff_roles r ON r.staff_id = m.staff_id AND r.site_id = m.site_id
       JOIN staff s ON s.id = m.staff_id
       WHERE m.site_id = ? ORDER BY s.id`,
      )
      .bind(siteId),
  );
}
