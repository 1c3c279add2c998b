// Staff reply refusals: the comment answered must be a published comment of the site; the text
// follows the readers' rules.
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

const reply = (body: unknown) => refusedUnchanged(() => admin(`/sites/${siteId}/replies`, { cookie, body }));

it("refuses a parent that is unknown, pending or rejected: 404 parent_not_found", async () => {
  for (const parentId of [555_555, s.pendingTop, s.rejectedTop]) {
    const res = await reply({ parentId, body: "Hello" });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("parent_not_found");
  }
});

it("refuses a missing parent or an empty, too long or broken body: 400", async () => {
  const cases: [unknown, string][] = [
    [{ body: "Hello" }, "parentId"],
    [{ parentId: "1", body: "Hello" }, "parentId"],
    [{ parentId: s.top }, "body"],
    [{ parentId: s.top, body: "   " }, "body"],
    [{ parentId: s.top, body: "x".repeat(5001) }, "body"],
    [{ parentId: s.top, body: "null\u0000byte" }, "body"],
  ];
  for (const [body, field] of cases) {
    const res = await reply(body);
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toEqual([field]);
  }
});
