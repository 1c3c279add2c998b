// Signing staff in and out: the password check behind the throttle, and the session view.
import { newSession } from "../../auth/sessions";
import { THROTTLE, waitBeforeAttempt } from "../../auth/throttle";
import { verifyPassword } from "../../auth/password";
import {
  clearThrottle,
  forgetStaleThrottles,
  recordSignInFailure,
  selectThrottle,
  type ThrottleRow,
} from "../../db/sessions";
import { selectStaffByEmail, selectStaffSites, type StaffRow, type StaffSiteRow, type StaffWithHashRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import { readSiteSettings } from "../../schemas/site-settings";
import type { SignInInput } from "../../schemas/admin";
import type { SessionResponse } from "../../schemas/admin-views";

function tooManyAttempts(waitMs: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(
    429,
    "too_many_attempts",
    `Too many failed sign-ins for this email. Try again in ${retryAfter} seconds.`,
    undefined,
    { details: { retryAfter }, headers: { "Retry-After": String(retryAfter) } },
  );
}

function toSessionResponse(staff: StaffRow, sites: StaffSiteRow[]): SessionResponse {
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name },
    sites: sites.map((s) => ({ id: s.id, name: s.name, color: readSiteSettings(s.settings).color, role: s.role })),
  };
}

export async function sessionView(db: D1Database, staff: StaffRow): Promise<SessionResponse> {
  return toSessionResponse(staff, (await selectStaffSites(db, staff.id).all<StaffSiteRow>()).results);
}

/**
 * Checks the password unless the email must wait; an unknown email runs the same hash against a
 * decoy and is throttled the same way, so neither the answer nor its time tells it apart.
 */
export async function signIn(
  db: D1Database,
  input: SignInInput,
  now: number,
): Promise<{ token: string; expiresAt: number; session: SessionResponse }> {
  const email = input.email.toLowerCase();
  const [throttleResult, staffResult] = await db.batch<unknown>([selectThrottle(db, email), selectStaffByEmail(db, email)]);
  const throttle = (throttleResult!.results as ThrottleRow[])[0];
  const staff = (staffResult!.results as StaffWithHashRow[])[0];

  const wait = waitBeforeAttempt(throttle, now);
  if (wait > 0) throw tooManyAttempts(wait);

  const ok = await verifyPassword(input.password, staff?.password_hash ?? null);
  if (!ok || !staff) {
    const [, result] = await db.batch<ThrottleRow>([
      forgetStaleThrottles(db, now, THROTTLE.windowMs),
      recordSignInFailure(db, { email, now, ...THROTTLE }),
    ]);
    const counted = result!.results[0];
    const next = waitBeforeAttempt(counted, now);
    if (next > 0) throw tooManyAttempts(next);
    throw new ApiError(401, "invalid_credentials", "Wrong email or password.");
  }

  const session = await newSession(db, staff.id, now);
  const results = await db.batch<unknown>([
    ...(throttle ? [clearThrottle(db, email)] : []),
    ...session.statements,
    selectStaffSites(db, staff.id),
  ]);
  const sites = results[results.length - 1]!.results as StaffSiteRow[];
  const who = { id: staff.id, email: staff.email, name: staff.name };
  return { token: session.token, expiresAt: session.expiresAt, session: toSessionResponse(who, sites) };
}
