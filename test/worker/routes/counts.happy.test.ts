// GET /api/v1/{site}/counts?story=a&story=b…: many stories' comment counts in one request.
import { beforeAll, describe, expect, it } from "vitest";
import type { CountsResponse } from "../../../worker/schemas/views";
import { comment, createSite, json, postOk, type TestSite } from "../support";
import { getAs } from "../sso-support";

let site: TestSite;
let other: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"] } });
  other = await createSite();
  for (let i = 0; i < 3; i++) await postOk(site, comment("a", `a${i}`));
  await postOk(site, comment("b", "b0"));
  await postOk(site, comment("b", "held: louche"));
  await postOk(other, comment("a", "other site"));
});

describe("counts", () => {
  it("answers published comments per story; unknown stories count 0; duplicates are answered once", async () => {
    const res = await getAs(site, "/counts", { story: ["a", "b", "nope", "a"] });
    expect(res.status).toBe(200);
    expect(await json<CountsResponse>(res)).toEqual({ counts: { a: 3, b: 1, nope: 0 } });
  });

  it("keeps sites apart, reads without an Origin, and takes 100 keys", async () => {
    const keys = Array.from({ length: 100 }, (_, i) => (i === 0 ? "a" : `k${i}`));
    const body = await json<CountsResponse>(await getAs(other, "/counts", { story: keys }, { origin: null }));
    expect(Object.keys(body.counts)).toHaveLength(100);
    expect(body.counts.a).toBe(1);
  });

  it("treats a key such as __proto__ as a plain key", async () => {
    const body = await json<CountsResponse>(await getAs(site, "/counts", { story: ["__proto__", "a"] }));
    expect(Object.entries(body.counts)).toEqual([
      ["__proto__", 0],
      ["a", 3],
    ]);
  });
});
