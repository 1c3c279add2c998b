// GET /api/v1/{site}/counts: the refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf, type TestSite } from "../support";
import { getAs } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite();
});

describe("counts", () => {
  it("refuses more than 100 keys, none, or an empty one: 400 validation_failed", async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `k${i}`);
    for (const story of [tooMany, [], ["ok", ""]]) {
      const res = await getAs(site, "/counts", { story });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
  });

  it("refuses an unknown site: 404", async () => {
    const res = await getAs({ ...site, id: "no-such-site" }, "/counts", { story: "a" });
    expect(res.status).toBe(404);
  });
});
