// SQL for staff accounts and their role per site.
import { typed, type Typed } from "./typed";
import type { StaffRole } from "../schemas/admin-views";

export interface StaffRow {
  id: number;
  email: string;
  name: string;
}

export interface StaffWithHashRow extends StaffRow {
  password_hash: string;
}

export interface StaffSiteRow {
  id: string;
  name: string;
  settings: string;
  /** JSON array, as stored */
  allowed_origins: string;
  role: StaffRole;
  /** the database holding the site's data (sites.db) */
  db: string;
}

/** Emails are compared without case (the column is COLLATE NOCASE; callers pass them lowercased). */
export function selectStaffByEmail(db: D1Database, email: string): Typed<StaffWithHashRow> {
  return typed(db.prepare("SELECT id, email, name, password_hash FROM staff WHERE email = ?").bind(email));
}

/** A staff member's identity by id (no password hash: for a session's answer). */
export function selectStaffById(db: D1Database, staffId: number): Typed<StaffRow> {
  return typed(db.prepare("SELECT id, email, name FROM staff WHERE id = ?").bind(staffId));
}

/** Every site the staff member belongs to, with their role there. */
export function selectStaffSites(db: D1Database, staffId: number): Typed<StaffSiteRow> {
  return typed(
    db
      .prepare(
        `SELECT s.id, s.name, s.settings, s.allowed_origins, r.role, s.db FROM staff_roles r JOIN sites s ON s.id = r.site_id
       WHERE r.staff_id = ? ORDER BY s.name, s.id`,
      )
      .bind(staffId),
  );
}

export async function findStaffRole(db: D1Database, staffId: number, siteId: string): Promise<StaffRole | null> {
  const row = await typed<{ role: StaffRole }>(
    db.prepare("SELECT role FROM staff_roles WHERE staff_id = ? AND site_id = ?").bind(staffId, siteId),
  ).first();
  return row?.role ?? null;
}

// ---- copies in a site's own database (issue 14) ----
// A site that lives in another database than the registry (DB) has there copies of the staff rows
// and roles its rows refer to: foreign keys (moderated_by, notes, alert mail…) and the few rules
// that count a site's team (an appeal's second pair of eyes). Never a password: nobody signs in
// there, and the registry decides every access. lib/staff-copies.ts keeps them.

export function upsertStaffCopy(db: D1Database, s: StaffRow, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff (id, email, name, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, '', ?4, ?4)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, updated_at = excluded.updated_at
       WHERE email IS NOT excluded.email OR name IS NOT excluded.name`,
    )
    .bind(s.id, s.email, s.name, now);
}

export function upsertRoleCopy(db: D1Database, r: { staffId: number; siteId: string; role: StaffRole }): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?1, ?2, ?3)
       ON CONFLICT (staff_id, site_id) DO UPDATE SET role = excluded.role WHERE role IS NOT excluded.role`,
    )
    .bind(r.staffId, r.siteId, r.role);
}

export function deleteRoleCopy(db: D1Database, staffId: number, siteId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND site_id = ?").bind(staffId, siteId);
}
