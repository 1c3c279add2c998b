// Staff sessions: the cookie's attributes, only a hash stored, expiry, revocation on sign-out.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, createStaff, sessionCookieOf, signIn, signInRequest, type TestStaff } from "../admin/support";

let staff: TestStaff;

beforeAll(async () => {
  const site = await createSite();
  staff = await createStaff({ [site.id]: "moderator" });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("the session cookie", () => {
  it("is HttpOnly, Secure, SameSite=Strict, Path=/ and lasts 12 hours", async () => {
    const res = await signInRequest(staff.email, staff.password);
    expect(res.status).toBe(200);
    const header = res.headers.get("Set-Cookie")!;
    const attributes = header.split(";").map((p) => p.trim());
    expect(attributes[0]).toMatch(/^palabre_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Strict", "Path=/", `Max-Age=${12 * 3600}`]));
  });

  it("holds a random token of which only the SHA-256 is stored", async () => {
    const a = await signIn(staff);
    const b = await signIn(staff);
    expect(a).not.toBe(b);
    const rows = await env.DB.prepare("SELECT token_hash, expires_at - created_at AS ttl FROM staff_sessions WHERE staff_id = ?")
      .bind(staff.id)
      .all<{ token_hash: string; ttl: number }>();
    const hashes = rows.results.map((r) => r.token_hash);
    expect(hashes).toContain(await sha256Hex(a));
    expect(hashes).toContain(await sha256Hex(b));
    expect(hashes).not.toContain(a);
    expect(rows.results.every((r) => r.ttl === 12 * 3600 * 1000)).toBe(true);
  });
});

describe("a session", () => {
  it("is refused once expired", async () => {
    const token = await signIn(staff);
    expect((await admin("/session", { cookie: token })).status).toBe(200);
    await env.DB.prepare("UPDATE staff_sessions SET expires_at = ? WHERE token_hash = ?")
      .bind(Date.now() - 1, await sha256Hex(token))
      .run();
    const res = await admin("/session", { cookie: token });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  });

  it("is revoked by signing out: the same cookie is refused afterwards, other sessions live on", async () => {
    const token = await signIn(staff);
    const other = await signIn(staff);
    const out = await admin("/session", { method: "DELETE", cookie: token });
    expect(out.status).toBe(204);
    // the browser is told to drop the cookie
    expect(out.headers.get("Set-Cookie")).toMatch(/^palabre_session=;.*Max-Age=0/);
    const row = await env.DB.prepare("SELECT revoked_at FROM staff_sessions WHERE token_hash = ?")
      .bind(await sha256Hex(token))
      .first<{ revoked_at: number | null }>();
    expect(row!.revoked_at).toBeGreaterThan(0);

    for (const path of ["/session", "/sites/anything/queues/pending"]) {
      const res = await admin(path, { cookie: token });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
    expect((await admin("/session", { method: "DELETE", cookie: token })).status).toBe(401);
    expect((await admin("/session", { cookie: other })).status).toBe(200);
  });

  it("is not found from a made-up or malformed cookie", async () => {
    for (const cookie of ["A".repeat(43), "not a token", "x".repeat(500)]) {
      const res = await admin("/session", { cookie });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
    // the stored hash itself is not a token
    const token = await signIn(staff);
    expect((await admin("/session", { cookie: await sha256Hex(token) })).status).toBe(401);
  });

  it("sets no cookie when sign-in fails", async () => {
    const res = await signInRequest(staff.email, "wrong password!");
    expect(res.status).toBe(401);
    expect(sessionCookieOf(res)).toBeNull();
  });
});
