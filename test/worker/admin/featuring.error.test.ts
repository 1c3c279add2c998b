// Featuring refusals: only published comments of the site, notes of at most 280 characters.
import { beforeAll, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, seedScene, signedIn, type Scene } from "./support";

let siteId: string;
let cookie: string;
let s: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
  s = await seedScene(siteId, 100);
});

const feature = (id: number | string, body: unknown = {}) =>
  refusedUnchanged(() => admin(`/sites/${siteId}/comments/${id}/feature`, { cookie, body }));

it("refuses a comment that is not published: 409 comment_not_published", async () => {
  for (const id of [s.pendingTop, s.rejectedTop]) {
    const res = await feature(id);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("comment_not_published");
  }
});

it("refuses an unknown comment: 404", async () => {
  const res = await feature(987_654);
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("comment_not_found");
  const un = await refusedUnchanged(() => admin(`/sites/${siteId}/comments/987654/feature`, { method: "DELETE", cookie }));
  expect(un.status).toBe(404);
});

it("refuses a bad id or note: 400", async () => {
  expect((await feature("abc")).status).toBe(400);
  for (const note of ["x".repeat(281), 42, "bell\u0007"]) {
    const res = await feature(s.top, { note });
    expect(res.status, String(note)).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toEqual(["note"]);
  }
  // 280 characters, counted as code points, is fine
  const ok = await admin(`/sites/${siteId}/comments/${s.top}/feature`, { cookie, body: { note: "é".repeat(280) } });
  expect(ok.status).toBe(200);
});
