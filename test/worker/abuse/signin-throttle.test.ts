// Issue 10, the staff sign-in throttle: a burst of 40-60 simultaneous sign-ins had 13-26 passwords
// checked against "5 then wait, 10 lock", and the burst locked the staff email for 15 minutes from
// anywhere. Now each attempt is counted per email and per network before its password is checked,
// in the statement that decides it: 50 simultaneous attempts check exactly 5 passwords, and a lock
// holds for the network it came from only (plus THROTTLE.emailLockAfter failures across networks).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { THROTTLE } from "../../../worker/auth/throttle";
import { api, BASE, errorOf } from "../support";
import { createStaff, sessionCookieOf } from "../admin/support";

function signInFrom(ip: string, email: string, password: string): Promise<Response> {
  return api("/api/admin/session", {
    method: "POST",
    origin: BASE,
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ email, password }),
  });
}

const rows = (email: string) =>
  env.DB.prepare("SELECT network, failures, locked_until FROM sign_in_attempts WHERE email = ? ORDER BY network")
    .bind(email.toLowerCase())
    .all<{ network: string; failures: number; locked_until: number | null }>()
    .then((r) => r.results);

/** Moves the email's attempts (and locks) into the past, as if time had passed. */
const age = (email: string, ms: number) =>
  env.DB.prepare("UPDATE sign_in_attempts SET last_failure_at = last_failure_at - ?1, locked_until = locked_until - ?1 WHERE email = ?2")
    .bind(ms, email.toLowerCase())
    .run();

/** Failures from one network up to the lock, waiting (by ageing the rows) as the throttle asks. */
async function lockFrom(ip: string, email: string): Promise<void> {
  for (let failure = 1; failure <= THROTTLE.lockAfter; failure++) {
    if (failure > THROTTLE.slowAfter) await age(email, THROTTLE.firstDelayMs * 2 ** (failure - 1 - THROTTLE.slowAfter));
    const res = await signInFrom(ip, email, `wrong ${failure}`);
    expect(res.status, `failure ${failure}`).toBe(failure < THROTTLE.slowAfter ? 401 : 429);
  }
}

describe("a burst of simultaneous sign-ins", () => {
  it("checks exactly 5 passwords out of 50 (4 wrong answers, then 429 for all)", async () => {
    const staff = await createStaff({}, { password: "the right password" });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => signInFrom("203.0.113.60", staff.email, `guess ${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.slowAfter - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - (THROTTLE.slowAfter - 1));
    // every attempt let in was counted before its check: the count is the number of passwords checked
    const mine = (await rows(staff.email)).find((r) => r.network !== "*")!;
    expect(mine.failures).toBe(THROTTLE.slowAfter);
    // the right password, in the same burst's wake, is not checked either
    expect((await signInFrom("203.0.113.60", staff.email, staff.password)).status).toBe(429);
  });

  it("10 simultaneous right passwords: at least 5 sign in, the rest wait (a success clears what it counted)", async () => {
    const staff = await createStaff({}, { password: "the right password" });
    const answers = await Promise.all(Array.from({ length: 10 }, () => signInFrom("203.0.113.61", staff.email, staff.password)));
    // each success clears the count it made; at most slowAfter attempts are in flight unchecked
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(THROTTLE.slowAfter);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
  });
});

describe("a lock", () => {
  it("holds for the network the failures came from only: the staff member signs in from elsewhere", async () => {
    const staff = await createStaff({}, { password: "the right password" });
    await lockFrom("203.0.113.62", staff.email);
    const locked = await signInFrom("203.0.113.62", staff.email, staff.password);
    expect(locked.status).toBe(429);
    expect(sessionCookieOf(locked)).toBeNull();

    const elsewhere = await signInFrom("198.51.100.62", staff.email, staff.password);
    expect(elsewhere.status).toBe(200);
    expect(sessionCookieOf(elsewhere)).not.toBeNull();
    // the attacker's network stays locked after the staff member's success
    expect((await signInFrom("203.0.113.62", staff.email, staff.password)).status).toBe(429);
  });

  it("answers 429 too_many_attempts with Retry-After and a message saying when to retry", async () => {
    const staff = await createStaff({}, { password: "the right password" });
    await lockFrom("203.0.113.63", staff.email);
    const res = await signInFrom("203.0.113.63", staff.email, staff.password);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(THROTTLE.lockMs / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE.lockMs / 1000);
    const error = await errorOf(res);
    expect(error.code).toBe("too_many_attempts");
    expect(error.details?.retryAfter).toBe(retryAfter);
    expect(error.message).toMatch(
      new RegExp(
        `^Too many failed sign-ins for this email from your network\\. Try again in ${retryAfter} seconds \\(at \\d\\d:\\d\\d UTC\\)\\.$`,
      ),
    );
    const [hh, mm] = error.message
      .match(/at (\d\d):(\d\d) UTC/)!
      .slice(1)
      .map(Number);
    const at = new Date(Date.now() + retryAfter * 1000);
    const minutes = (hh! * 60 + mm! - (at.getUTCHours() * 60 + at.getUTCMinutes()) + 1440) % 1440;
    expect(minutes === 0 || minutes === 1439 || minutes === 1).toBe(true);
  });

  it(`across networks: ${THROTTLE.emailLockAfter} failures from many networks lock the email everywhere, for ${THROTTLE.lockMs / 60000} minutes`, async () => {
    const staff = await createStaff({}, { password: "the right password" });
    const networks = Array.from({ length: THROTTLE.emailLockAfter / THROTTLE.slowAfter }, (_, i) => `10.20.${i}.1`);
    const answers = await Promise.all(
      networks.flatMap((ip) => Array.from({ length: THROTTLE.slowAfter }, (_, j) => signInFrom(ip, staff.email, `spread ${j}`))),
    );
    expect(answers.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect((await rows(staff.email)).find((r) => r.network === "*")).toMatchObject({ failures: THROTTLE.emailLockAfter });

    const fresh = await signInFrom("198.51.100.200", staff.email, staff.password);
    expect(fresh.status).toBe(429);
    const error = await errorOf(fresh);
    expect(error.message).toMatch(/^Too many failed sign-ins for this email\. Try again in \d+ seconds/);
    expect(Number(fresh.headers.get("Retry-After"))).toBeGreaterThan(THROTTLE.lockMs / 1000 - 60);

    // once the lock is over, the right password works and clears the count
    await age(staff.email, THROTTLE.lockMs + 1000);
    expect((await signInFrom("198.51.100.200", staff.email, staff.password)).status).toBe(200);
    expect((await rows(staff.email)).find((r) => r.network === "*")).toBeUndefined();
  });

  it("counts unknown emails the same way, per network", async () => {
    const email = `nobody-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => signInFrom("203.0.113.64", email, "guess")));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(THROTTLE.slowAfter - 1);
    expect((await signInFrom("198.51.100.64", email, "guess")).status).toBe(401);
  });
});
