// The reads behind every thread view stay index range scans: EXPLAIN QUERY PLAN of the real SQL.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { selectRepliesPage, selectThreadPage } from "../../../worker/db/comments";
import { createSite, seedCommenter, seedComments, seedStory, type SeedComment } from "../support";

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/**
 * A D1Database whose statements are the EXPLAIN QUERY PLAN of what the builder prepares, bound the
 * same way: the plan is SQLite's for the exact SQL the worker runs.
 */
const explaining = {
  prepare: (sql: string) => env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`),
} as unknown as D1Database;

async function planOf(statement: D1PreparedStatement): Promise<string[]> {
  const { results } = await statement.all<PlanRow>();
  expect(results.length).toBeGreaterThan(0);
  return results.map((r) => r.detail);
}

function threadPlan(sort: "newest" | "oldest") {
  return planOf(
    selectThreadPage(explaining, { siteId: "s", storyKey: "k", sort, afterId: 1000, rows: 21, firstReplies: 3 }),
  );
}

function repliesPlan() {
  return planOf(selectRepliesPage(explaining, { siteId: "s", rootId: 1, afterId: 0, rows: 21 }));
}

/** Any SCAN that is not over the page CTE itself (`page`, aliased `p`) reads a whole table. */
function fullScans(plan: string[]): string[] {
  return plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (page|p)\b/.test(d));
}

function expectIndexedPlans(plans: { newest: string[]; oldest: string[]; replies: string[] }) {
  for (const [sort, cmp] of [["newest", "<"], ["oldest", ">"]] as const) {
    const plan = plans[sort];
    expect(plan).toContain(`SEARCH comments USING INDEX comments_story_top (story_id=? AND status=? AND id${cmp}?)`);
    const firstReplies = /USING (COVERING )?INDEX comments_thread \(root_id=\? AND status=\?/;
    expect(plan.some((d) => firstReplies.test(d)), plan.join("\n")).toBe(true);
    expect(fullScans(plan), sort).toEqual([]);
    // the page comes out of the index in order: no sorting step
    expect(plan.filter((d) => d.includes("TEMP B-TREE")), sort).toEqual([]);
  }
  const repliesIndex = /^SEARCH c USING INDEX comments_thread \(root_id=\? AND status=\? AND id>\?\)/;
  expect(plans.replies.some((d) => repliesIndex.test(d)), plans.replies.join("\n")).toBe(true);
  expect(fullScans(plans.replies)).toEqual([]);
  expect(plans.replies.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
}

async function allPlans() {
  return { newest: await threadPlan("newest"), oldest: await threadPlan("oldest"), replies: await repliesPlan() };
}

describe("EXPLAIN QUERY PLAN", () => {
  it("uses comments_story_top for the thread page and comments_thread for replies, with no full scan (no statistics)", async () => {
    expectIndexedPlans(await allPlans());
  });

  it("still does once the tables are filled and analysed", async () => {
    const site = await createSite();
    const stories = [await seedStory(site.id, "a"), await seedStory(site.id, "b"), await seedStory(site.id, "c")];
    const authors: number[] = [];
    for (let i = 0; i < 40; i++) authors.push(await seedCommenter(site.id, `author ${i}`));
    const rows: SeedComment[] = [];
    const roots: number[] = [];
    for (let id = 1; id <= 1500; id++) {
      const storyId = stories[id % 3]!;
      const authorId = authors[id % 40]!;
      const root = roots.length > 10 && id % 3 !== 0 ? roots[(id * 7) % roots.length] : undefined;
      const sameStoryRoot = root !== undefined && rows.find((r) => r.id === root)!.storyId === storyId ? root : undefined;
      if (sameStoryRoot === undefined) roots.push(id);
      rows.push({ id, storyId, authorId, rootId: sameStoryRoot, status: id % 29 === 0 ? "deleted" : "published" });
    }
    await seedComments(site.id, rows);
    await env.DB.prepare("ANALYZE").run();
    const stats = await env.DB.prepare("SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'comments'").first<{
      n: number;
    }>();
    expect(stats!.n).toBeGreaterThan(0);
    expectIndexedPlans(await allPlans());
  });
});
