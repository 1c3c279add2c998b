// Staff sessions: a random token in an HttpOnly cookie, only its SHA-256 in D1; 12 h, revocable.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { deleteDeadSessions, findSessionStaff, insertSession, revokeSession } from "../db/sessions";
import type { StaffRow } from "../db/staff";
import { randomToken, sha256Hex } from "../lib/hash";

export const SESSION_COOKIE = "palabre_session";
/** A working day: long enough for a shift, short enough that a forgotten session dies overnight. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// randomToken(): 32 bytes as base64url. Anything else in the cookie is not ours: no lookup at all.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface NewSession {
  token: string;
  expiresAt: number;
  statements: D1PreparedStatement[];
}

/** A new session's token and the statements that store it (run them in the sign-in batch). */
export async function newSession(db: D1Database, staffId: number, now: number): Promise<NewSession> {
  const token = randomToken();
  const expiresAt = now + SESSION_TTL_MS;
  return {
    token,
    expiresAt,
    statements: [deleteDeadSessions(db, staffId, now), insertSession(db, { tokenHash: await sha256Hex(token), staffId, now, expiresAt })],
  };
}

/** The hash of the request's session token, or null when it carries none of the right shape. */
export async function requestTokenHash(c: Context): Promise<string | null> {
  const token = getCookie(c, SESSION_COOKIE);
  return token && TOKEN_SHAPE.test(token) ? sha256Hex(token) : null;
}

export async function sessionStaff(db: D1Database, tokenHash: string, now: number): Promise<StaffRow | null> {
  return findSessionStaff(db, tokenHash, now);
}

export async function endSession(db: D1Database, tokenHash: string, now: number): Promise<void> {
  await db.batch([revokeSession(db, tokenHash, now)]);
}

/** Secure + SameSite=Strict: never sent over plain HTTP (localhost aside) nor by another site's page. */
export function setSessionCookie(c: Context, token: string, maxAgeMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  setSessionCookie(c, "", 0);
}
