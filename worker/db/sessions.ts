// SQL for staff sessions (only the SHA-256 of each cookie token is stored) and the sign-in throttle.
import type { StaffRow } from "./staff";

export function insertSession(
  db: D1Database,
  s: { tokenHash: string; staffId: number; now: number; expiresAt: number },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .bind(s.tokenHash, s.staffId, s.now, s.expiresAt);
}

/** Sessions of this staff member that can no longer be used: kept out of the table's way. */
export function deleteDeadSessions(db: D1Database, staffId: number, now: number): D1PreparedStatement {
  return db
    .prepare("DELETE FROM staff_sessions WHERE staff_id = ? AND (expires_at <= ? OR revoked_at IS NOT NULL)")
    .bind(staffId, now);
}

/** The staff member behind a live session: not expired, not revoked. */
export function selectSessionStaff(db: D1Database, tokenHash: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.id, s.email, s.name FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
       WHERE x.token_hash = ? AND x.expires_at > ? AND x.revoked_at IS NULL`,
    )
    .bind(tokenHash, now);
}

export async function findSessionStaff(db: D1Database, tokenHash: string, now: number): Promise<StaffRow | null> {
  return selectSessionStaff(db, tokenHash, now).first<StaffRow>();
}

export function revokeSession(db: D1Database, tokenHash: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
    .bind(now, tokenHash);
}

export interface ThrottleRow {
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

export function selectThrottle(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE email = ?").bind(email);
}

/**
 * Counts one failure atomically: a failure after a quiet window starts the count again, and the
 * failure that reaches `lockAfter` locks the email until now + lockMs. Returns the new row.
 */
export function recordSignInFailure(
  db: D1Database,
  f: { email: string; now: number; windowMs: number; lockAfter: number; lockMs: number },
): D1PreparedStatement {
  // In an UPDATE every expression reads the row as it was before, hence the repeated CASE.
  return db
    .prepare(
      `INSERT INTO login_throttle (email, failures, last_failure_at, locked_until) VALUES (?1, 1, ?2, NULL)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN ?2 - last_failure_at > ?3 THEN 1 ELSE failures + 1 END,
         last_failure_at = ?2,
         locked_until = CASE WHEN (CASE WHEN ?2 - last_failure_at > ?3 THEN 1 ELSE failures + 1 END) >= ?4
                             THEN ?2 + ?5 ELSE NULL END
       RETURNING failures, last_failure_at, locked_until`,
    )
    .bind(f.email, f.now, f.windowMs, f.lockAfter, f.lockMs);
}

/**
 * Forgets failures that no longer count (quiet for longer than the window, no lock running), so
 * sign-in attempts on made-up emails do not pile up rows.
 */
export function forgetStaleThrottles(db: D1Database, now: number, windowMs: number): D1PreparedStatement {
  return db
    .prepare("DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)")
    .bind(now - windowMs, now);
}

export function clearThrottle(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare("DELETE FROM login_throttle WHERE email = ?").bind(email);
}
