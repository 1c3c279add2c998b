// Sign-in throttle rules, per email AND per network (the keyed hash of the IP): after a few
// failures for one email from one network each attempt must wait longer, then the email is locked
// for that network for a while. Other networks keep their own count, so a burst from one place
// cannot lock a staff member out from everywhere; only a much higher count across all networks
// (a spread-out attack) locks the email everywhere. Unknown emails are counted the same way, so
// the answers never tell whether an account exists. An attempt is counted before its password is
// checked (db/sessions.ts claimSignInAttempt), so a burst checks no more passwords than allowed.
import type { ThrottleRow } from "../db/sessions";

export const THROTTLE = {
  /** attempts older than this (since the last one) are forgotten */
  windowMs: 15 * 60 * 1000,
  /** from this many failures on, each attempt waits; the wait doubles with every failure */
  slowAfter: 5,
  firstDelayMs: 15 * 1000,
  /** this many failures lock the email for the network, even against the right password */
  lockAfter: 10,
  lockMs: 15 * 60 * 1000,
  /** this many failures from all networks together lock the email everywhere for lockMs */
  emailLockAfter: 50,
} as const;

/** The network row's key for the email across every network. */
export const ANY_NETWORK = "*";

/** The network a sign-in comes from, as stored: keyed like the readers' (no site: staff are global). */
export const STAFF_NETWORK_SCOPE = "(staff sign-in)";

/** Milliseconds to wait before the next attempt from this network may be checked at all; 0 when it may be. */
export function waitBeforeAttempt(row: ThrottleRow | null | undefined, now: number): number {
  if (!row) return 0;
  if (row.locked_until !== null && row.locked_until > now) return row.locked_until - now;
  if (now - row.last_failure_at > THROTTLE.windowMs || row.failures < THROTTLE.slowAfter) return 0;
  const delay = THROTTLE.firstDelayMs * 2 ** (row.failures - THROTTLE.slowAfter);
  return Math.max(0, row.last_failure_at + delay - now);
}

/** Milliseconds the email stays locked everywhere (the across-networks row); 0 when it is not. */
export function emailLockWait(row: ThrottleRow | null | undefined, now: number): number {
  return row?.locked_until != null && row.locked_until > now ? row.locked_until - now : 0;
}
