// PATCH /api/admin/sites/{site}/story refusals: unknown story, nothing to change, bad values.
import { beforeAll, expect, it } from "vitest";
import { comment, createSite, errorOf, postOk, type TestSite } from "../support";
import { admin, refusedUnchanged, signedIn } from "./support";

let site: TestSite;
let cookie: string;

beforeAll(async () => {
  site = await createSite();
  ({ cookie } = await signedIn({ [site.id]: "moderator" }));
  await postOk(site, comment("known", "Hello"));
});

const patch = (body: unknown) => admin(`/sites/${site.id}/story`, { method: "PATCH", cookie, body });

it("answers 404 for a story the site does not have, changing nothing", async () => {
  const res = await refusedUnchanged(() => patch({ story: "unknown", status: "closed" }));
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("story_not_found");
});

it("refuses a request that changes nothing, or with values it does not know", async () => {
  for (const body of [
    { story: "known" },
    { story: "known", status: "archived" },
    { story: "known", premoderation: true },
    { status: "closed" },
    { story: "", status: "closed" },
  ]) {
    const res = await refusedUnchanged(() => patch(body));
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  }
});
