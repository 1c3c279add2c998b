// Staff password hashing, run inside workerd: PBKDF2-SHA256 at the iterations Workers allow.
import { describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from "../../../worker/auth/password";

describe("hashPassword", () => {
  it("writes pbkdf2-sha256$100000$<16-byte salt>$<32-byte hash> in base64", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, iterations, salt, hash, ...rest] = stored.split("$");
    expect(scheme).toBe("pbkdf2-sha256");
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(atob(salt!)).toHaveLength(16);
    expect(atob(hash!)).toHaveLength(32);
    expect(rest).toEqual([]);
  });

  it("salts every hash: the same password twice gives two different hashes that both verify", async () => {
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a.split("$")[2]).not.toBe(b.split("$")[2]);
    expect(a.split("$")[3]).not.toBe(b.split("$")[3]);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses any other", async () => {
    const stored = await hashPassword("Tr0ub4dor&3 ünïcode");
    expect(await verifyPassword("Tr0ub4dor&3 ünïcode", stored)).toBe(true);
    for (const wrong of ["Tr0ub4dor&3 ünïcodE", "Tr0ub4dor&3 ünïcode ", "", "tr0ub4dor&3 ünïcode"]) {
      expect(await verifyPassword(wrong, stored), wrong).toBe(false);
    }
  });

  it("matches composed and decomposed accents alike (NFC)", async () => {
    const stored = await hashPassword("café crème 2026");
    expect(await verifyPassword("cafe\u0301 cre\u0300me 2026", stored)).toBe(true);
  });

  it("never matches a malformed or foreign hash, nor a missing one", async () => {
    const good = await hashPassword("password 1234");
    const [, iterations, salt, hash] = good.split("$");
    const malformed = [
      "",
      "plain text",
      `bcrypt$${iterations}$${salt}$${hash}`,
      `pbkdf2-sha256$${iterations}$${salt}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      // more iterations than Workers allow could never be checked here
      `pbkdf2-sha256$100001$${salt}$${hash}`,
      `pbkdf2-sha256$${iterations}$${salt}$${hash!.slice(4)}`,
      `pbkdf2-sha256$${iterations}$***$${hash}`,
    ];
    for (const stored of malformed) expect(await verifyPassword("password 1234", stored), stored).toBe(false);
    expect(await verifyPassword("password 1234", null)).toBe(false);
  });
});
