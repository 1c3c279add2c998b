// SQL for sites and teams: owners, a site created by an owner, a site's identity, its members and
// their roles. Each rule that guards a write (the owner flag, the last admin) is a condition of
// the write's own statement, so that concurrent requests cannot slip past it.
import { typed, type Typed } from "./typed";
import { LIVES_HERE } from "./sites";
import type { StaffRole } from "../schemas/admin-views";

export function selectOwner(db: D1Database, staffId: number): Typed<{ owner: number }> {
  return typed(db.prepare("SELECT owner FROM staff WHERE id = ?").bind(staffId));
}

export interface NewSite {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: Record<string, unknown>;
  staffId: number;
  now: number;
}

/**
 * The site, its creator as its first admin and the audit row: only if the creator is an owner and
 * the id is free (the role and audit rows follow the insert's changes()).
 */
export function insertSiteByOwner(db: D1Database, s: NewSite): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO sites (id, name, allowed_origins, settings, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM staff WHERE id = ?6 AND owner = 1)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(s.id, s.name, JSON.stringify(s.allowedOrigins), JSON.stringify(s.settings), s.now, s.staffId),
    db.prepare("INSERT INTO staff_roles (staff_id, site_id, role) SELECT ?1, ?2, 'admin' WHERE changes() = 1").bind(s.staffId, s.id),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'site_create', 'site', ?1, ?3, ?4 WHERE changes() = 1`,
      )
      .bind(s.id, s.staffId, JSON.stringify({ name: s.name, allowedOrigins: s.allowedOrigins, ...s.settings }), s.now),
  ];
}

/**
 * A site's identity: a null keeps the stored value; `patch` is merged into the settings (RFC 7396,
 * as the settings screen does), so a concurrent save of other keys keeps them.
 */
export function updateSiteIdentity(
  db: D1Database,
  s: { id: string; name: string | null; allowedOrigins: string[] | null; patch: Record<string, unknown> },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE sites SET name = COALESCE(?1, name), allowed_origins = COALESCE(?2, allowed_origins),
         settings = json_patch(CASE WHEN json_valid(settings) AND json_type(settings) = 'object' THEN settings ELSE '{}' END, ?3)
       WHERE id = ?4`,
    )
    .bind(s.name, s.allowedOrigins === null ? null : JSON.stringify(s.allowedOrigins), JSON.stringify(s.patch), s.id);
}

export interface MemberRow {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
}

export function selectMembers(db: D1Database, siteId: string): Typed<MemberRow> {
  return typed(
    db
      .prepare(
        `SELECT s.id, s.name, s.email, r.role FROM staff_roles r JOIN staff s ON s.id = r.staff_id
       WHERE r.site_id = ? ORDER BY r.role, s.name COLLATE NOCASE, s.id`,
      )
      .bind(siteId),
  );
}

export function selectMember(db: D1Database, siteId: string, staffId: number): Typed<MemberRow> {
  return typed(
    db
      .prepare(
        "SELECT s.id, s.name, s.email, r.role FROM staff_roles r JOIN staff s ON s.id = r.staff_id WHERE r.site_id = ? AND r.staff_id = ?",
      )
      .bind(siteId, staffId),
  );
}

// The guard shared by a demotion and a removal: the member is no admin, or another admin stays.
const ANOTHER_ADMIN_STAYS = `(role <> 'admin' OR (SELECT COUNT(*) FROM staff_roles WHERE site_id = ?2 AND role = 'admin') > 1)`;

/** Changes a member's role, never leaving the site without an admin; the audit row follows changes() (LIVES_HERE). */
export function changeRole(
  db: D1Database,
  a: { siteId: string; staffId: number; memberId: number; role: StaffRole; from: StaffRole; now: number },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE staff_roles SET role = ?3 WHERE staff_id = ?1 AND site_id = ?2 AND role = ?4 AND role <> ?3
           AND (?3 = 'admin' OR ${ANOTHER_ADMIN_STAYS})`,
      )
      .bind(a.memberId, a.siteId, a.role, a.from),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'role_change', 'site', ?1, ?3, ?4 WHERE changes() = 1 AND ${LIVES_HERE}`,
      )
      .bind(a.siteId, a.staffId, JSON.stringify({ member: a.memberId, from: a.from, to: a.role }), a.now),
  ];
}

/** Removes a member from the site (never its last admin); the audit row follows changes() (LIVES_HERE). */
export function removeMember(
  db: D1Database,
  a: { siteId: string; staffId: number; member: MemberRow; now: number },
): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM staff_roles WHERE staff_id = ?1 AND site_id = ?2 AND ${ANOTHER_ADMIN_STAYS}`).bind(a.member.id, a.siteId),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'member_remove', 'site', ?1, ?3, ?4 WHERE changes() = 1 AND ${LIVES_HERE}`,
      )
      .bind(a.siteId, a.staffId, JSON.stringify({ member: a.member.id, email: a.member.email, role: a.member.role }), a.now),
  ];
}

export function selectPasswordHash(db: D1Database, staffId: number): Typed<{ password_hash: string }> {
  return typed(db.prepare("SELECT password_hash FROM staff WHERE id = ?").bind(staffId));
}

/**
 * A member's new password, only if the stored hash is still the one their current password was
 * checked against (two changes at once: one wins); then their other sessions end and each of their
 * sites' audit logs records it.
 */
export function changePassword(
  db: D1Database,
  a: { staffId: number; oldHash: string; newHash: string; keepSession: string; now: number },
): [...D1PreparedStatement[], Typed<{ changed: number }>] {
  return [
    db
      .prepare("UPDATE staff SET password_hash = ?1, updated_at = ?2 WHERE id = ?3 AND password_hash = ?4")
      .bind(a.newHash, a.now, a.staffId, a.oldHash),
    db
      .prepare(
        `UPDATE staff_sessions SET revoked_at = ?1 WHERE staff_id = ?2 AND revoked_at IS NULL AND token_hash <> ?3
           AND EXISTS (SELECT 1 FROM staff WHERE id = ?2 AND password_hash = ?4)`,
      )
      .bind(a.now, a.staffId, a.keepSession, a.newHash),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT r.site_id, ?1, 'password_change', 'site', r.site_id, '{}', ?2 FROM staff_roles r JOIN sites s ON s.id = r.site_id
         WHERE r.staff_id = ?1 AND s.db = 'DB' AND EXISTS (SELECT 1 FROM staff WHERE id = ?1 AND password_hash = ?3)`,
      )
      .bind(a.staffId, a.now, a.newHash),
    typed(db.prepare("SELECT password_hash = ?2 AS changed FROM staff WHERE id = ?1").bind(a.staffId, a.newHash)),
  ];
}
