// SQL for staff sessions (only the SHA-256 of each cookie token is stored) and the sign-in throttle.
import { typed, type Typed } from "./typed";
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
  return db.prepare("DELETE FROM staff_sessions WHERE staff_id = ? AND (expires_at <= ? OR revoked_at IS NOT NULL)").bind(staffId, now);
}

/** The staff member behind a live session: not expired, not revoked. */
export function selectSessionStaff(db: D1Database, tokenHash: string, now: number): Typed<StaffRow> {
  return typed(
    db
      .prepare(
        `SELECT s.id, s.email, s.name FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
       WHERE x.token_hash = ? AND x.expires_at > ? AND x.revoked_at IS NULL`,
      )
      .bind(tokenHash, now),
  );
}

export async function findSessionStaff(db: D1Database, tokenHash: string, now: number): Promise<StaffRow | null> {
  return selectSessionStaff(db, tokenHash, now).first();
}

export function revokeSession(db: D1Database, tokenHash: string, now: number): D1PreparedStatement {
  return db.prepare("UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL").bind(now, tokenHash);
}

export interface ThrottleRow {
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

export interface AttemptRow extends ThrottleRow {
  network: string;
  claim: string;
}

// Parameters of a claim: ?1 email (lower case), ?2 network, ?3 now, ?4 the attempt's random claim
// id, ?5 window, ?6 slowAfter, ?7 firstDelayMs, ?8 lockAfter, ?9 lockMs, ?10 the across-networks
// key, ?11 emailLockAfter. In an UPDATE every expression reads the row as it was before.
const RESTARTS = "?3 - last_failure_at > ?5";
const COUNTED = `CASE WHEN ${RESTARTS} THEN 1 ELSE failures + 1 END`;
// The network's row lets one more attempt in: no lock running, and past the wait its failures ask for.
const MAY_TRY = `(locked_until IS NULL OR locked_until <= ?3)
  AND (${RESTARTS} OR failures < ?6 OR ?3 >= last_failure_at + ?7 * (1 << min(failures - ?6, 20)))`;
const NOT_LOCKED_EVERYWHERE = `NOT EXISTS (SELECT 1 FROM sign_in_attempts WHERE email = ?1 AND network = ?10 AND locked_until > ?3)`;

/**
 * Counts one sign-in attempt for the email from the network, before its password is checked, if
 * the throttle lets it in (then the row carries this attempt's claim id); otherwise writes nothing.
 * The attempt counts as a failure until the password proves right (clearSignInAttempts). Then the
 * email's count across networks, only when this attempt was let in. Read both back with
 * selectSignInAttempts in the same batch.
 */
export function claimSignInAttempt(
  db: D1Database,
  a: { email: string; network: string; now: number; claim: string; anyNetwork: string },
  t: { windowMs: number; slowAfter: number; firstDelayMs: number; lockAfter: number; lockMs: number; emailLockAfter: number },
): D1PreparedStatement[] {
  const params = [
    a.email,
    a.network,
    a.now,
    a.claim,
    t.windowMs,
    t.slowAfter,
    t.firstDelayMs,
    t.lockAfter,
    t.lockMs,
    a.anyNetwork,
    t.emailLockAfter,
  ];
  return [
    db
      .prepare(
        `INSERT INTO sign_in_attempts (email, network, failures, last_failure_at, locked_until, claim)
         SELECT ?1, ?2, 1, ?3, CASE WHEN 1 >= ?8 THEN ?3 + ?9 END, ?4 WHERE ${NOT_LOCKED_EVERYWHERE}
         ON CONFLICT (email, network) DO UPDATE SET
           failures = ${COUNTED},
           last_failure_at = ?3,
           locked_until = CASE WHEN ${COUNTED} >= ?8 THEN ?3 + ?9 END,
           claim = ?4
         WHERE ${MAY_TRY} AND ${NOT_LOCKED_EVERYWHERE}`,
      )
      .bind(...params.slice(0, 10)),
    db
      .prepare(
        `INSERT INTO sign_in_attempts (email, network, failures, last_failure_at, locked_until, claim)
         SELECT ?1, ?10, 1, ?3, CASE WHEN 1 >= ?11 THEN ?3 + ?9 END, ?4
         WHERE EXISTS (SELECT 1 FROM sign_in_attempts WHERE email = ?1 AND network = ?2 AND claim = ?4)
         ON CONFLICT (email, network) DO UPDATE SET
           failures = ${COUNTED},
           last_failure_at = ?3,
           locked_until = CASE WHEN ${COUNTED} >= ?11 THEN ?3 + ?9 END,
           claim = ?4`,
      )
      .bind(...params),
  ];
}

/** The email's rows for this network and across networks, after the claim. */
export function selectSignInAttempts(db: D1Database, email: string, network: string, anyNetwork: string): Typed<AttemptRow> {
  return typed(
    db
      .prepare(
        "SELECT network, failures, last_failure_at, locked_until, claim FROM sign_in_attempts WHERE email = ?1 AND network IN (?2, ?3)",
      )
      .bind(email, network, anyNetwork),
  );
}

/**
 * A right password: the email's failures from this network are forgotten, and the count across
 * networks too (the staff member is in; what is left of a spread-out attack starts again).
 */
export function clearSignInAttempts(db: D1Database, email: string, network: string, anyNetwork: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sign_in_attempts WHERE email = ?1 AND network IN (?2, ?3)").bind(email, network, anyNetwork);
}

/**
 * Forgets attempts that no longer count (quiet for longer than the window, no lock running), so
 * sign-in attempts on made-up emails do not pile up rows.
 */
export function forgetStaleAttempts(db: D1Database, now: number, windowMs: number): D1PreparedStatement {
  return db
    .prepare("DELETE FROM sign_in_attempts WHERE last_failure_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)")
    .bind(now - windowMs, now);
}
