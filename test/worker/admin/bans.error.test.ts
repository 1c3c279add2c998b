// Ban refusals: an unknown commenter, a duration or reason that is not one.
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

const ban = (id: number | string, body: unknown) =>
  refusedUnchanged(() => admin(`/sites/${siteId}/commenters/${id}/ban`, { cookie, body }));

it("refuses an unknown commenter: 404 commenter_not_found", async () => {
  const res = await ban(424_242, { duration: "permanent", reason: "x" });
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("commenter_not_found");
});

it("refuses a bad duration or reason: 400 naming the field", async () => {
  const cases: [unknown, string][] = [
    [{ reason: "x" }, "duration"],
    [{ duration: "forever", reason: "x" }, "duration"],
    [{ duration: { hours: 0 }, reason: "x" }, "duration"],
    [{ duration: { hours: 1.5 }, reason: "x" }, "duration"],
    [{ duration: { hours: 24 * 366 }, reason: "x" }, "duration"],
    [{ duration: "permanent" }, "reason"],
    [{ duration: "permanent", reason: "   " }, "reason"],
    [{ duration: "permanent", reason: "x".repeat(501) }, "reason"],
  ];
  for (const [body, field] of cases) {
    const res = await ban(s.bob, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path[0]).toBe(field);
  }
  expect((await ban("nope", { duration: "permanent", reason: "x" })).status).toBe(400);
});
