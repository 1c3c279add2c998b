// Signing staff in: the attempt is counted per email and per network BEFORE its password is
// checked, in one statement that also decides whether the throttle lets it in (db/sessions.ts),
// so a burst of simultaneous attempts checks at most as many passwords as the rule allows.
import { newSession } from "./sessions";
import { ANY_NETWORK, emailLockWait, STAFF_NETWORK_SCOPE, THROTTLE, waitBeforeAttempt } from "./throttle";
import { verifyPassword } from "./password";
import { claimSignInAttempt, clearSignInAttempts, forgetStaleAttempts, selectSignInAttempts } from "../db/sessions";
import { selectStaffByEmail, selectStaffSites } from "../db/staff";
import { resultOf } from "../db/typed";
import { ApiError } from "../lib/errors";
import { ipHash, randomToken } from "../lib/hash";
import type { SignInInput } from "../schemas/admin";
import type { SessionResponse } from "../schemas/admin-views";
import { readSiteSettings } from "../schemas/site-settings";

/** The lock answer: Retry-After, and a message that says when (in seconds and as a UTC time). */
export function tooManyAttempts(waitMs: number, now: number, everywhere: boolean): ApiError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  const at = new Date(now + retryAfter * 1000).toISOString().slice(11, 16);
  const where = everywhere ? "for this email" : "for this email from your network";
  return new ApiError(
    429,
    "too_many_attempts",
    `Too many failed sign-ins ${where}. Try again in ${retryAfter} seconds (at ${at} UTC).`,
    undefined,
    { details: { retryAfter }, headers: { "Retry-After": String(retryAfter) } },
  );
}

export interface SignedIn {
  token: string;
  expiresAt: number;
  session: SessionResponse;
}

/**
 * Checks the password once the throttle has counted the attempt; an unknown email runs the same
 * hash against a decoy and is throttled the same way, so neither the answer nor its time tells it
 * apart. A refused attempt (429) checks no password and writes nothing.
 */
export async function signIn(db: D1Database, input: SignInInput, ip: string, now: number): Promise<SignedIn> {
  const email = input.email.toLowerCase();
  const network = await ipHash(STAFF_NETWORK_SCOPE, ip);
  const claim = randomToken();
  const attempts = selectSignInAttempts(db, email, network, ANY_NETWORK);
  const byEmail = selectStaffByEmail(db, email);
  const statements = [
    forgetStaleAttempts(db, now, THROTTLE.windowMs),
    ...claimSignInAttempt(db, { email, network, now, claim, anyNetwork: ANY_NETWORK }, THROTTLE),
    attempts,
    byEmail,
  ];
  const results = await db.batch(statements);
  const rows = resultOf(results, statements, attempts).results;
  const staff = resultOf(results, statements, byEmail).results[0];
  const mine = rows.find((r) => r.network === network);
  const everywhere = rows.find((r) => r.network === ANY_NETWORK);

  if (mine?.claim !== claim) {
    const locked = emailLockWait(everywhere, now);
    throw tooManyAttempts(Math.max(locked, waitBeforeAttempt(mine, now), 1000), now, locked > 0);
  }

  const ok = await verifyPassword(input.password, staff?.password_hash ?? null);
  if (!ok || !staff) {
    // The attempt is already counted: say how long the next one must wait, if it must.
    const locked = emailLockWait(everywhere, now);
    const next = Math.max(locked, waitBeforeAttempt(mine, now));
    if (next > 0) throw tooManyAttempts(next, now, locked > 0);
    throw new ApiError(401, "invalid_credentials", "Wrong email or password.");
  }

  const session = await newSession(db, staff.id, now);
  const staffSites = selectStaffSites(db, staff.id);
  const writes = [clearSignInAttempts(db, email, network, ANY_NETWORK), ...session.statements, staffSites];
  const sites = resultOf(await db.batch(writes), writes, staffSites).results;
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    session: {
      staff: { id: staff.id, email: staff.email, name: staff.name },
      sites: sites.map((s) => ({ id: s.id, name: s.name, color: readSiteSettings(s.settings).color, role: s.role })),
    },
  };
}
