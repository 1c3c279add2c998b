// Stats isolation: figures of a site only for its staff, across sites only the member's own sites,
// and nothing without a session.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { StatsResponse } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, json, seedCommenter, seedStory } from "../support";
import { admin, seedTimedComments, seedTimedReports, signedIn } from "./support";

let siteA: string;
let siteB: string;
let cookieA: string;
let cookieBoth: string;
let cookieNone: string;
let staffAId: number;

beforeAll(async () => {
  siteA = (await createSite({ name: "A" })).id;
  siteB = (await createSite({ name: "B" })).id;
  const signedA = await signedIn({ [siteA]: "moderator" });
  cookieA = signedA.cookie;
  staffAId = signedA.staff.id;
  cookieBoth = (await signedIn({ [siteA]: "moderator", [siteB]: "moderator" })).cookie;
  cookieNone = (await signedIn({})).cookie;

  const now = Date.now();
  for (const [site, n] of [
    [siteA, 2],
    [siteB, 5],
  ] as const) {
    const story = await seedStory(site, `secret-story-of-${site}`);
    const author = await seedCommenter(site, "Reader");
    const ids = await seedTimedComments(
      site,
      Array.from({ length: n }, () => ({ storyId: story, authorId: author, createdAt: now - 3_600_000, answeredAt: now - 3_000_000 })),
    );
    await seedTimedReports(site, [{ commentId: ids[0]!, createdAt: now - 60_000 }]);
  }
});

async function statsOf(path: string, cookie: string): Promise<StatsResponse> {
  const res = await admin(path, { cookie });
  expect(res.status).toBe(200);
  return json<StatsResponse>(res);
}

it("never gives a site's figures to staff of another site, in JSON or CSV", async () => {
  for (const query of ["", "?format=csv", "?days=90&tz=60"]) {
    const res = await admin(`/sites/${siteB}/stats${query}`, { cookie: cookieA });
    expect(res.status, query).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  }
  const unknown = await admin(`/sites/no-such-site/stats`, { cookie: cookieA });
  expect(unknown.status).toBe(403);
});

it("gives a site's figures only, even to a member of several sites", async () => {
  const s = await statsOf(`/sites/${siteA}/stats?days=7`, cookieBoth);
  expect(s.sites.map((x) => x.id)).toEqual([siteA]);
  expect(s.totals).toMatchObject({ posted: 2, reports: 1, commenters: 1 });
  expect(s.topStories.map((t) => t.site)).toEqual([siteA]);
});

it("sums across sites only the member's own sites", async () => {
  const onlyA = await statsOf(`/stats?days=7`, cookieA);
  expect(onlyA.sites.map((x) => x.id)).toEqual([siteA]);
  expect(onlyA.totals).toMatchObject({ posted: 2, reports: 1 });
  expect(JSON.stringify(onlyA)).not.toContain(`secret-story-of-${siteB}`);

  const both = await statsOf(`/stats?days=7`, cookieBoth);
  expect(both.sites.map((x) => x.id).sort()).toEqual([siteA, siteB].sort());
  expect(both.totals).toMatchObject({ posted: 7, reports: 2, commenters: 2 });
});

it("forgets a site as soon as the member's role there is removed", async () => {
  await env.DB.prepare("INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?, ?, 'moderator')").bind(staffAId, siteB).run();
  expect((await statsOf(`/stats?days=7`, cookieA)).totals.posted).toBe(7);
  await env.DB.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND site_id = ?").bind(staffAId, siteB).run();
  expect((await statsOf(`/stats?days=7`, cookieA)).totals.posted).toBe(2);
  expect((await admin(`/sites/${siteB}/stats`, { cookie: cookieA })).status).toBe(403);
});

it("gives a member of no site empty figures, not everyone's", async () => {
  const s = await statsOf(`/stats?days=30`, cookieNone);
  expect(s.sites).toEqual([]);
  expect(s.daily).toHaveLength(30);
  expect(s.totals).toMatchObject({ posted: 0, reports: 0, commenters: 0, answerMedianSeconds: null });
  expect(s.topStories).toEqual([]);
});

it("answers 401 without a valid session, on one site and across sites", async () => {
  for (const path of [`/sites/${siteA}/stats`, `/stats`, `/stats?format=csv`]) {
    for (const cookie of [null, "forged-token-forged-token-forged-token-abcd"]) {
      const res = await admin(path, { cookie });
      expect(res.status, path).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
  }
});
