// The reads behind every thread view and every post's moderation stay index range scans:
// EXPLAIN QUERY PLAN of the real SQL.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  selectOwnPending,
  selectRepliesPage,
  selectSiteFeatured,
  selectStoryFeatured,
  selectThreadPage,
} from "../../../worker/db/comments";
import { selectAuthorWindow, selectIpWindow, selectLastDuplicate } from "../../../worker/db/comment-windows";
import {
  countRepliesBefore,
  countTopsBefore,
  selectNewComments,
  selectNews,
  selectReplyAt,
  selectStoryWithLatest,
  selectTopAt,
} from "../../../worker/db/thread-positions";
import { selectReaderReactions } from "../../../worker/db/own-comments";
import { selectCommenterByToken } from "../../../worker/db/commenters";
import { selectExistingReport } from "../../../worker/db/reports";
import { selectStoryCounts } from "../../../worker/db/stories";
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

function threadPlan(sort: "newest" | "oldest" | "top") {
  return planOf(
    selectThreadPage(explaining, { siteId: "s", storyKey: "k", sort, afterId: 1000, afterReactions: 0, rows: 21, firstReplies: 3 }),
  );
}

function repliesPlan() {
  return planOf(selectRepliesPage(explaining, { siteId: "s", rootId: 1, afterId: 0, rows: 21 }));
}

/** Any SCAN that is not over the page CTE itself (`page`, aliased `p`) reads a whole table. */
function fullScans(plan: string[]): string[] {
  return plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (page|p|same_group|lower_groups)\b/.test(d));
}

function expectIndexedPlans(plans: { newest: string[]; oldest: string[]; replies: string[] }) {
  for (const [sort, cmp] of [
    ["newest", "<"],
    ["oldest", ">"],
  ] as const) {
    const plan = plans[sort];
    expect(plan).toContain(`SEARCH comments USING INDEX comments_story_top (story_id=? AND status=? AND id${cmp}?)`);
    const firstReplies = /USING (COVERING )?INDEX comments_thread \(root_id=\? AND status=\?/;
    expect(
      plan.some((d) => firstReplies.test(d)),
      plan.join("\n"),
    ).toBe(true);
    expect(fullScans(plan), sort).toEqual([]);
    // the page comes out of the index in order: no sorting step
    expect(
      plan.filter((d) => d.includes("TEMP B-TREE")),
      sort,
    ).toEqual([]);
  }
  const repliesIndex = /^SEARCH c USING INDEX comments_thread \(root_id=\? AND status=\? AND id>\?\)/;
  expect(
    plans.replies.some((d) => repliesIndex.test(d)),
    plans.replies.join("\n"),
  ).toBe(true);
  expect(fullScans(plans.replies)).toEqual([]);
  expect(plans.replies.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
}

async function allPlans() {
  return { newest: await threadPlan("newest"), oldest: await threadPlan("oldest"), replies: await repliesPlan() };
}

/**
 * Sort "top": two range scans of comments_story_top_reactions, in the index's order: the rest of the
 * cursor's reaction group (reaction_count = ?, id < ?), then the groups below (reaction_count < ?).
 * Not the row value (reaction_count, id) < (?, ?): SQLite ranges it on reaction_count alone (id is
 * the rowid) and walks the cursor's whole group (test/worker/flat/plans.test.ts).
 */
async function expectTopPlan() {
  const plan = await threadPlan("top");
  expect(plan.join("\n")).toMatch(
    /SEARCH comments USING (COVERING )?INDEX comments_story_top_reactions \(story_id=\? AND status=\? AND (\(reaction_count,id\)<\(\?,\?\)|reaction_count<\?)\)/,
  );
  expect(
    plan.some((d) => /USING (COVERING )?INDEX comments_thread \(root_id=\? AND status=\?/.test(d)),
    plan.join("\n"),
  ).toBe(true);
  expect(fullScans(plan)).toEqual([]);
  expect(plan.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
}

/** The reads added with reactions, polling, permalinks and counts, each with the index step it must take. */
const READER_READS: [name: string, statement: () => D1PreparedStatement, index: RegExp][] = [
  [
    "reader's reactions on a page",
    () => selectReaderReactions(explaining, { siteId: "s", commenterId: 1, commentIds: [1, 2, 3] }),
    /^SEARCH reactions USING (COVERING )?INDEX reactions_reader \(site_id=\? AND reader_key=\? AND comment_id=\?\)/,
  ],
  [
    "news",
    () => selectNews(explaining, { siteId: "s", storyKey: "k", afterId: 10, tokenHash: "t", countMax: 100 }),
    /^SEARCH c USING INDEX comments_story_status \(story_id=\? AND status=\? AND rowid>\?\)/,
  ],
  [
    "news: the newest id",
    () => selectNews(explaining, { siteId: "s", storyKey: "k", afterId: 10, tokenHash: null, countMax: 100 }),
    /^SEARCH c USING (COVERING )?INDEX comments_story_status \(story_id=\? AND status=\?\)/,
  ],
  [
    "news: the new comments",
    () => selectNewComments(explaining, { siteId: "s", storyKey: "k", afterId: 10, tokenHash: "t", rows: 51 }),
    /^SEARCH c USING INDEX comments_story_status \(story_id=\? AND status=\? AND rowid>\?\)/,
  ],
  [
    "news: the reader's reactions to the new comments",
    () => selectNewComments(explaining, { siteId: "s", storyKey: "k", afterId: 10, tokenHash: "t", rows: 51 }),
    /^SEARCH r USING (COVERING )?INDEX sqlite_autoindex_reactions_1 \(comment_id=\? AND reader_key=\?\)/,
  ],
  [
    "thread: the story and its newest id",
    () => selectStoryWithLatest(explaining, "s", "k"),
    /^SEARCH c USING (COVERING )?INDEX comments_story_status \(story_id=\? AND status=\?\)/,
  ],
  [
    "counts",
    () => selectStoryCounts(explaining, "s", ["a", "b"]),
    /^SEARCH s USING INDEX sqlite_autoindex_stories_1 \(site_id=\? AND key=\?\)/,
  ],
  [
    "permalink: tops before (newest)",
    () => countTopsBefore(explaining, { storyId: 1, sort: "newest", id: 5, reactions: 0 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_story_top \(story_id=\? AND status=\? AND id>\?\)/,
  ],
  [
    "permalink: tops before (top)",
    () => countTopsBefore(explaining, { storyId: 1, sort: "top", id: 5, reactions: 2 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_story_top_reactions \(story_id=\? AND status=\? AND (\(reaction_count,id\)>\(\?,\?\)|reaction_count>\?)\)/,
  ],
  [
    "permalink: top at a position (top)",
    () => selectTopAt(explaining, { storyId: 1, sort: "top", offset: 19 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_story_top_reactions \(story_id=\? AND status=\?\)/,
  ],
  [
    "permalink: top at a position (oldest)",
    () => selectTopAt(explaining, { storyId: 1, sort: "oldest", offset: 19 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_story_top \(story_id=\? AND status=\?\)/,
  ],
  [
    "permalink: replies before",
    () => countRepliesBefore(explaining, { rootId: 1, id: 9 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_thread \(root_id=\? AND status=\? AND id<\?\)/,
  ],
  [
    "permalink: reply at a position",
    () => selectReplyAt(explaining, { rootId: 1, offset: 22 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_thread \(root_id=\? AND status=\?\)/,
  ],
];

async function expectReaderPlans() {
  await expectTopPlan();
  for (const [name, statement, index] of READER_READS) {
    const plan = await planOf(statement());
    expect(
      plan.some((d) => index.test(d)),
      `${name}:\n${plan.join("\n")}`,
    ).toBe(true);
    // json_each's few ids, and news's bounded sub-selects (a count's LIMIT, a page `n`), are the
    // only rows read through
    expect(
      fullScans(plan).filter((d) => !/^SCAN (json_each|j|n|CONSTANT ROW|\(subquery-\d+\))(\s|$)/.test(d)),
      name,
    ).toEqual([]);
    expect(
      plan.filter((d) => d.includes("TEMP B-TREE")),
      name,
    ).toEqual([]);
  }
}

/**
 * The moderation pipeline's facts, the thread's extras and the site's featured list: each with the
 * index step it must take (and none that reads a table through, nor a sort step).
 */
const MODERATION_READS: [name: string, statement: () => D1PreparedStatement, index: RegExp][] = [
  [
    "author flood window",
    () => selectAuthorWindow(explaining, { siteId: "s", tokenHash: "t", since: 1, nth: 5 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_author_recent \(author_id=\? AND created_at>\?\)/,
  ],
  [
    "IP flood window",
    () => selectIpWindow(explaining, { siteId: "s", ipHash: "i", since: 1, nth: 20 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_ip_recent \(site_id=\? AND ip_hash=\? AND created_at>\?\)/,
  ],
  [
    "duplicate lookup",
    () => selectLastDuplicate(explaining, { siteId: "s", tokenHash: "t", bodyHash: "b", since: 1 }),
    /^SEARCH comments USING (COVERING )?INDEX comments_author_recent \(author_id=\? AND created_at>\?\)/,
  ],
  [
    "commenter by token",
    () => selectCommenterByToken(explaining, "s", "t"),
    /^SEARCH commenters USING INDEX commenters_token \(token_hash=\?\)/,
  ],
  [
    "story's featured comments",
    () => selectStoryFeatured(explaining, { siteId: "s", storyKey: "k", limit: 10 }),
    /^SEARCH c USING INDEX comments_story_featured \(story_id=\?/,
  ],
  [
    "reader's own pending comments",
    () => selectOwnPending(explaining, { siteId: "s", storyKey: "k", tokenHash: "t", limit: 50 }),
    /^SEARCH c USING INDEX comments_author \(author_id=\?\)/,
  ],
  [
    "site's featured comments",
    () => selectSiteFeatured(explaining, { siteId: "s", limit: 10 }),
    /^SEARCH c USING INDEX comments_featured \(site_id=\?/,
  ],
  [
    "existing report",
    () => selectExistingReport(explaining, { siteId: "s", commentId: 1, tokenHash: null, ipHash: "i" }),
    /^SEARCH reports USING (COVERING )?INDEX sqlite_autoindex_reports_1 \(comment_id=\? AND reporter_key=\?\)/,
  ],
];

async function expectModerationPlans() {
  for (const [name, statement, index] of MODERATION_READS) {
    const plan = await planOf(statement());
    expect(
      plan.some((d) => index.test(d)),
      `${name}:\n${plan.join("\n")}`,
    ).toBe(true);
    // `f` is the site featured list's own page of at most `limit` rows, read once to join its stories
    expect(
      fullScans(plan).filter((d) => !/^SCAN (f|CONSTANT ROW)\b/.test(d)),
      name,
    ).toEqual([]);
    expect(
      plan.filter((d) => d.includes("TEMP B-TREE")),
      name,
    ).toEqual([]);
  }
}

describe("EXPLAIN QUERY PLAN", () => {
  it("uses comments_story_top for the thread page and comments_thread for replies, with no full scan (no statistics)", async () => {
    expectIndexedPlans(await allPlans());
  });

  it("reads the moderation facts, featured and own comments through their indexes (no statistics)", async () => {
    await expectModerationPlans();
  });

  it("reads sort top, news, counts, permalinks and the reader's reactions through their indexes (no statistics)", async () => {
    await expectReaderPlans();
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
    // What moderation fills in: IP and body hashes, spread-out times, a few featured and held comments.
    await env.DB.prepare(
      `UPDATE comments SET ip_hash = 'ip' || (id % 50), body_hash = 'b' || (id % 300), created_at = created_at - id * 1000,
              featured_at = CASE WHEN id % 97 = 0 THEN id END,
              status = CASE WHEN id % 31 = 0 THEN 'pending' ELSE status END,
              reaction_count = id % 7`,
    ).run();
    await env.DB.prepare("UPDATE commenters SET token_hash = 'token-' || id WHERE site_id = ?").bind(site.id).run();
    await env.DB.prepare("ANALYZE").run();
    const stats = await env.DB.prepare("SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'comments'").first<{
      n: number;
    }>();
    expect(stats!.n).toBeGreaterThan(0);
    expectIndexedPlans(await allPlans());
    await expectModerationPlans();
    await expectReaderPlans();
  });
});
