// Sign-in refusals: wrong credentials, bad requests; none of them sets a cookie.
import { beforeAll, expect, it } from "vitest";
import { errorOf } from "../support";
import { admin, createStaff, sessionCookieOf, signInRequest, type TestStaff } from "./support";

let staff: TestStaff;

beforeAll(async () => {
  staff = await createStaff({});
});

it("refuses a wrong password and an unknown email alike: 401 invalid_credentials", async () => {
  for (const [email, password] of [
    [staff.email, "not the password"],
    ["nobody@palabre.test", staff.password],
  ] as const) {
    const res = await signInRequest(email, password);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("invalid_credentials");
    expect(sessionCookieOf(res)).toBeNull();
  }
});

it("refuses bodies that are not a sign-in: 400 with the field named", async () => {
  const cases: [unknown, string][] = [
    [{}, "email"],
    [{ email: staff.email }, "password"],
    [{ email: "", password: "x" }, "email"],
    [{ email: staff.email, password: "" }, "password"],
    [{ email: staff.email, password: 12345678901 }, "password"],
    [{ email: "x".repeat(300), password: "x" }, "email"],
    [{ email: staff.email, password: "x".repeat(2000) }, "password"],
  ];
  for (const [body, field] of cases) {
    const res = await admin("/session", { body });
    expect(res.status, JSON.stringify(body)).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.[0]?.path).toEqual([field]);
  }
});

it("refuses a body that is not JSON (415) or not parseable (400)", async () => {
  const form = await admin("/session", { body: `email=${staff.email}&password=x`, contentType: "application/x-www-form-urlencoded" });
  expect(form.status).toBe(415);
  expect((await errorOf(form)).code).toBe("unsupported_media_type");
  const broken = await admin("/session", { body: "{not json" });
  expect(broken.status).toBe(400);
  expect((await errorOf(broken)).code).toBe("invalid_json");
});

it("answers signing out without a session 401, and unknown staff paths 404", async () => {
  const out = await admin("/session", { method: "DELETE" });
  expect(out.status).toBe(401);
  expect((await errorOf(out)).code).toBe("unauthenticated");
  const nowhere = await admin("/nowhere");
  expect(nowhere.status).toBe(404);
  expect((await errorOf(nowhere)).code).toBe("not_found");
});
