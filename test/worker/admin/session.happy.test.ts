// Signing in, asking who is signed in, signing out: the dashboard's session.
import { beforeAll, expect, it } from "vitest";
import type { SessionResponse } from "../../../worker/schemas/admin-views";
import { createSite, json, type TestSite } from "../support";
import { admin, createStaff, sessionCookieOf, signInRequest, type TestStaff } from "./support";

let journal: TestSite;
let band: TestSite;
let staff: TestStaff;

beforeAll(async () => {
  journal = await createSite({ name: "Le Quotidien", settings: { color: "#a4161a" } });
  band = await createSite({ name: "The Velvet Owls" });
  await createSite({ name: "Not theirs" });
  staff = await createStaff({ [journal.id]: "admin", [band.id]: "moderator" }, { name: "Ana Costa" });
});

it("signs in with email and password and lists the staff member's sites with role and colour", async () => {
  const res = await signInRequest(staff.email, staff.password);
  expect(res.status).toBe(200);
  expect(sessionCookieOf(res)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await json<SessionResponse>(res)).toEqual({
    staff: { id: staff.id, email: staff.email, name: "Ana Costa" },
    sites: [
      { id: journal.id, name: "Le Quotidien", color: "#a4161a", role: "admin" },
      // a site without a colour shows the default one
      { id: band.id, name: "The Velvet Owls", color: "#3b5bdb", role: "moderator" },
    ],
  });
});

it("takes the email in any case, with surrounding spaces", async () => {
  const res = await signInRequest(`  ${staff.email.toUpperCase()} `, staff.password);
  expect(res.status).toBe(200);
});

it("answers who is signed in, then signs out", async () => {
  const cookie = sessionCookieOf(await signInRequest(staff.email, staff.password))!;
  const me = await admin("/session", { cookie });
  expect(me.status).toBe(200);
  const session = await json<SessionResponse>(me);
  expect(session.staff.email).toBe(staff.email);
  expect(session.sites.map((s) => s.id)).toEqual([journal.id, band.id]);

  expect((await admin("/session", { method: "DELETE", cookie })).status).toBe(204);
  expect((await admin("/session", { cookie })).status).toBe(401);
});

it("lets a staff member with no site yet sign in, with an empty list", async () => {
  const loner = await createStaff({});
  const res = await signInRequest(loner.email, loner.password);
  expect(res.status).toBe(200);
  expect((await json<SessionResponse>(res)).sites).toEqual([]);
});
