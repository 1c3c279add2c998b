// The figures of a member whose sites live in two databases (issue 14) are those of the same sites
// in one: counts summed, medians and 90th percentiles ranked over every duration (not a median of
// medians), the top stories chosen among all. Member `split` has A (DB) and B (DB_2); member `one`
// has copies of them, C and D, both in DB: their answers must be the same, figure for figure.
import { beforeAll, expect, it } from "vitest";
import type { StatsResponse } from "../../../worker/schemas/admin-views";
import { admin, seedTimedComments, seedTimedReports, signedIn, type TimedComment } from "../admin/support";
import { createSite, json, seedCommenter, seedStory } from "../support";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
let split: string;
let one: string;

/** A site's history: `shape` varies it, so the two sites of a member differ (else any merge would do). */
async function seedHistory(siteId: string, staffId: number, shape: number): Promise<void> {
  const now = Date.now();
  const authors = [await seedCommenter(siteId, "Ana"), await seedCommenter(siteId, "Bob")];
  const rows: TimedComment[] = [];
  for (let s = 0; s < 3; s++) {
    const storyId = await seedStory(siteId, `story-${s}`);
    for (let i = 0; i < 4 + shape * (s + 1); i++) {
      const createdAt = now - ((i % 5) + 1) * DAY + i * MIN;
      const held = i % 2 === 0;
      rows.push({
        storyId,
        authorId: authors[i % 2]!,
        createdAt,
        status: i % 7 === 3 ? "rejected" : "published",
        heldAt: held ? createdAt : null,
        moderatedAt: held ? createdAt + (i * 7 + shape * 13) * MIN : null,
        moderatedBy: held ? staffId : null,
        answeredAt: i % 3 === 0 ? createdAt + (i * 11 + shape * 5 + 1) * MIN : null,
      });
    }
  }
  const ids = await seedTimedComments(siteId, rows);
  await seedTimedReports(
    siteId,
    ids.slice(0, 3 + shape).map((commentId, i) => ({ commentId, createdAt: now - (i + 1) * DAY })),
  );
}

beforeAll(async () => {
  const a = await createSite({ id: "stats-a" });
  const b = await createSite({ id: "stats-b", db: "DB_2" });
  const c = await createSite({ id: "stats-c" });
  const d = await createSite({ id: "stats-d" });
  const s = await signedIn({ [a.id]: "admin", [b.id]: "admin" });
  const o = await signedIn({ [c.id]: "admin", [d.id]: "admin" });
  split = s.cookie;
  one = o.cookie;
  // moderated_by is a foreign key: B's database has its copy of the member's row, as a visit makes it.
  await admin(`/sites/${b.id}/queues/pending`, { cookie: split });
  await seedHistory(a.id, s.staff.id, 1);
  await seedHistory(b.id, s.staff.id, 3);
  await seedHistory(c.id, o.staff.id, 1);
  await seedHistory(d.id, o.staff.id, 3);
});

it("all sites: the same figures as the same sites in one database", async () => {
  const rename = (r: StatsResponse) => ({
    ...r,
    sites: r.sites.map((s) => s.id.replace("stats-c", "stats-a").replace("stats-d", "stats-b")),
    topStories: r.topStories.map((t) => ({ ...t, site: t.site.replace("stats-c", "stats-a").replace("stats-d", "stats-b") })),
  });
  const twoDatabases = await json<StatsResponse>(await admin("/stats?days=30", { cookie: split }));
  const oneDatabase = await json<StatsResponse>(await admin("/stats?days=30", { cookie: one }));
  expect(twoDatabases.totals.posted).toBeGreaterThan(40);
  expect(twoDatabases.totals.moderationMedianSeconds).not.toBeNull();
  expect(twoDatabases.totals.answerP90Seconds).not.toBeNull();
  expect(rename(twoDatabases)).toEqual(rename(oneDatabase));
});

it("one site of the member in DB_2: its own figures, from its database", async () => {
  const far = await json<StatsResponse>(await admin("/sites/stats-b/stats?days=30", { cookie: split }));
  const same = await json<StatsResponse>(await admin("/sites/stats-d/stats?days=30", { cookie: one }));
  expect(far.totals).toEqual(same.totals);
  expect(far.daily).toEqual(same.daily);
});
