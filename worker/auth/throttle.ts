// Sign-in throttle rules: after a few failures for one email each attempt must wait longer, then the
// email is locked for a while. Unknown emails are counted the same way, so the answers never tell
// whether an account exists.
import type { ThrottleRow } from "../db/sessions";

export const THROTTLE = {
  /** failures older than this (since the last one) are forgotten */
  windowMs: 15 * 60 * 1000,
  /** from this many failures on, each attempt waits; the wait doubles with every failure */
  slowAfter: 5,
  firstDelayMs: 15 * 1000,
  /** this many failures lock the email, even against the right password */
  lockAfter: 10,
  lockMs: 15 * 60 * 1000,
} as const;

/** Milliseconds to wait before the next attempt may be checked at all; 0 when it may be. */
export function waitBeforeAttempt(row: ThrottleRow | null | undefined, now: number): number {
  if (!row) return 0;
  if (row.locked_until !== null && row.locked_until > now) return row.locked_until - now;
  if (now - row.last_failure_at > THROTTLE.windowMs || row.failures < THROTTLE.slowAfter) return 0;
  const delay = THROTTLE.firstDelayMs * 2 ** (row.failures - THROTTLE.slowAfter);
  return Math.max(0, row.last_failure_at + delay - now);
}
