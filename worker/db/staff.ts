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
        `SELECT s.id, s.name, s.settings, s.allowed_origins, r.role FROM staff_roles r JOIN sites s ON s.id = r.site_id
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
