// Sign-in throttle, from one network: slowed after 5 failures, locked after 10 (even for the right
// password), reset by a success; unknown emails behave exactly alike. (Per network and under
// bursts: test/worker/abuse/signin-*.test.ts.)
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support";
import { createStaff, sessionCookieOf, signInRequest } from "../admin/support";

async function attempt(email: string, password: string) {
  const res = await signInRequest(email, password);
  const body = res.status === 200 ? null : await errorOf(res);
  return { status: res.status, code: body?.code ?? null, retryAfter: res.headers.get("Retry-After"), cookie: sessionCookieOf(res) };
}

/** Moves the email's last failure (and lock) into the past, as if time had passed. */
async function age(email: string, ms: number): Promise<void> {
  await env.DB.prepare(
    "UPDATE sign_in_attempts SET last_failure_at = last_failure_at - ?1, locked_until = locked_until - ?1 WHERE email = ?2",
  )
    .bind(ms, email.toLowerCase())
    .run();
}

async function throttleRow(email: string) {
  return env.DB.prepare("SELECT failures, locked_until FROM sign_in_attempts WHERE email = ? AND network <> '*'")
    .bind(email.toLowerCase())
    .first<{ failures: number; locked_until: number | null }>();
}

describe.each([
  ["a staff member's email", true],
  ["an unknown email", false],
])("repeated failures for %s", (_label, exists) => {
  it("answer 401 four times, then 429 with a Retry-After that grows, then lock the email for 15 minutes", async () => {
    const email = `throttled-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    if (exists) await createStaff({}, { email, password: "the right password" });

    for (let i = 1; i <= 4; i++) expect(await attempt(email, `wrong ${i}`)).toMatchObject({ status: 401, code: "invalid_credentials" });

    // 5th failure: from now on every attempt waits, 15 s then twice as long after each failure
    const fifth = await attempt(email, "wrong 5");
    expect(fifth).toMatchObject({ status: 429, code: "too_many_attempts", retryAfter: "15" });
    // while waiting even the right password is not checked
    expect(await attempt(email, "the right password")).toMatchObject({ status: 429, code: "too_many_attempts", cookie: null });
    expect((await throttleRow(email))!.failures).toBe(5);

    const delays: string[] = [];
    for (let failure = 6; failure <= 9; failure++) {
      await age(email, 1000 * 2 ** (failure - 6) * 15);
      const res = await attempt(email, `wrong ${failure}`);
      expect(res.status).toBe(429);
      delays.push(res.retryAfter!);
    }
    expect(delays).toEqual(["30", "60", "120", "240"]);

    // the 10th failure locks the email for 15 minutes
    await age(email, 240_000);
    expect(await attempt(email, "wrong 10")).toMatchObject({ status: 429, code: "too_many_attempts", retryAfter: "900" });
    await age(email, 10 * 60_000);
    const locked = await attempt(email, "the right password");
    expect(locked).toMatchObject({ status: 429, code: "too_many_attempts", cookie: null });
    expect(Number(locked.retryAfter)).toBeGreaterThan(290);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(300);

    // once the lock is over, the right password works and clears the count; a wrong one starts again at 1
    await age(email, 5 * 60_000 + 1000);
    if (exists) {
      const ok = await attempt(email, "the right password");
      expect(ok.status).toBe(200);
      expect(ok.cookie).not.toBeNull();
      expect(await throttleRow(email)).toBeNull();
    } else {
      expect(await attempt(email, "the right password")).toMatchObject({ status: 401, code: "invalid_credentials" });
      expect((await throttleRow(email))!.failures).toBe(1);
    }
  });
});

describe("the throttle", () => {
  it("forgets failures after 15 quiet minutes", async () => {
    const email = `quiet-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    for (let i = 0; i < 4; i++) await attempt(email, "wrong");
    await age(email, 15 * 60_000 + 1);
    expect(await attempt(email, "wrong")).toMatchObject({ status: 401 });
    expect((await throttleRow(email))!.failures).toBe(1);
  });

  it("is reset by a success, so earlier failures do not count toward the next lock", async () => {
    const staff = await createStaff({}, { password: "right password 42" });
    for (let i = 0; i < 4; i++) await attempt(staff.email, "wrong");
    expect((await attempt(staff.email, "right password 42")).status).toBe(200);
    expect(await throttleRow(staff.email)).toBeNull();
    for (let i = 0; i < 4; i++) expect((await attempt(staff.email, "wrong")).status).toBe(401);
  });

  it("counts an email whatever its case or surrounding spaces", async () => {
    const staff = await createStaff({}, { password: "right password 42" });
    for (let i = 0; i < 4; i++) await attempt(staff.email.toUpperCase(), "wrong");
    expect((await attempt(`  ${staff.email}  `, "wrong")).status).toBe(429);
  });

  it("drops other emails' failures once they no longer count, but keeps running locks", async () => {
    const stale = `stale-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    const locked = `locked-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    await attempt(stale, "wrong");
    await age(stale, 15 * 60_000 + 1);
    // A lock still running although its last failure is older than the window.
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO sign_in_attempts (email, network, failures, last_failure_at, locked_until, claim) VALUES (?, 'n', 10, ?, ?, 'c')",
    )
      .bind(locked, now - 20 * 60_000, now + 5 * 60_000)
      .run();
    await attempt(`other-${crypto.randomUUID().slice(0, 8)}@palabre.test`, "wrong");
    expect(await throttleRow(stale)).toBeNull();
    expect((await throttleRow(locked))!.locked_until).not.toBeNull();
  });

  it("keeps one email's failures from slowing another", async () => {
    const a = `a-${crypto.randomUUID().slice(0, 8)}@palabre.test`;
    const b = await createStaff({}, { password: "right password 42" });
    for (let i = 0; i < 6; i++) await attempt(a, "wrong");
    expect((await attempt(b.email, "right password 42")).status).toBe(200);
  });

  it("answers an unknown email and a wrong password with the same body", async () => {
    const staff = await createStaff({}, { password: "right password 42" });
    const known = await signInRequest(staff.email, "wrong password");
    const unknown = await signInRequest(`nobody-${crypto.randomUUID().slice(0, 8)}@palabre.test`, "wrong password");
    expect(known.status).toBe(unknown.status);
    // Everything but the request's own id (every error body carries one) is the same.
    const withoutId = async (res: Response) => {
      const body = (await res.json()) as { error: { requestId?: string } };
      expect(body.error.requestId).toMatch(/\S/);
      delete body.error.requestId;
      return JSON.stringify(body);
    };
    expect(await withoutId(known)).toBe(await withoutId(unknown));
  });
});
