// Stats refusals: the period and the offset are checked and named; a bad query is a 400, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, signedIn } from "./support";

let siteId: string;
let cookie: string;

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
});

const paths = () => [`/sites/${siteId}/stats`, `/stats`];

describe.each([
  ["days=31", "days", "days must be 7, 30 or 90"],
  ["days=0", "days", "days must be 7, 30 or 90"],
  ["days=thirty", "days", "days must be 7, 30 or 90"],
  ["days=", "days", "days must be 7, 30 or 90"],
  ["days=7&days=30", "days", "days must be 7, 30 or 90"],
  ["tz=841", "tz", "tz must be from -840 to 840 minutes"],
  ["tz=-841", "tz", "tz must be from -840 to 840 minutes"],
  ["tz=1.5", "tz", "tz must be a whole number of minutes east of UTC"],
  ["tz=Europe/Paris", "tz", "tz must be a whole number of minutes east of UTC"],
  ["tz=", "tz", "tz must be a whole number of minutes east of UTC"],
  ["tz=1e2", "tz", "tz must be a whole number of minutes east of UTC"],
  ["format=xlsx", "format", "format must be json or csv"],
])("?%s", (query, field, message) => {
  it("is refused 400 validation_failed naming the field, on one site and across sites", async () => {
    for (const path of paths()) {
      const res = await admin(`${path}?${query}`, { cookie });
      expect(res.status, path).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual([field]);
      expect(error.issues?.[0]?.message).toBe(message);
      expect(error.message).toContain(`${field}:`);
    }
  });
});

it("accepts the widest offsets and an explicit +", async () => {
  for (const tz of ["840", "-840", "%2B330", "0"]) {
    const res = await admin(`/sites/${siteId}/stats?days=7&tz=${tz}`, { cookie });
    expect(res.status, tz).toBe(200);
  }
});

it("has no stats route for writes", async () => {
  const res = await admin(`/sites/${siteId}/stats`, { method: "POST", cookie, body: {} });
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("not_found");
});
