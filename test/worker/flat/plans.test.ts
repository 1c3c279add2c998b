// Issue 13 point 3, "flat everywhere": /news after an old id, the permalink lookup and deep "top"
// pages at 100 000 comments read index ranges only (EXPLAIN QUERY PLAN of the real SQL: no SCAN of a
// table, no temporary B-tree to sort), and read about as many rows as they return (D1's own
// rows_read), where the row value the "top" page used before reads the whole reaction group.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { selectComment, selectThreadPage } from "../../../worker/db/comments";
import {
  countRepliesBefore,
  countTopsBefore,
  selectNewComments,
  selectNews,
  selectReplyAt,
  selectThreadRootOf,
  selectTopAt,
} from "../../../worker/db/thread-positions";
import { NEWS_COUNT_MAX, NEWS_PAGE } from "../../../worker/services/news";
import { CONTEXT_ALIGNED_MAX, FIRST_REPLIES } from "../../../worker/services/threads";
import { explaining, planOf } from "../plans";
import { BASE, inOrder, seedBigStory, STORY, type BigStory } from "./big-story";

let big: BigStory;

beforeAll(async () => {
  big = await seedBigStory();
});

// SCAN of the statement's own subqueries and CTEs (a few rows each), never of a table
const OWN_SUBQUERY = /^SCAN (same_group|lower_groups|page|p|n|g|own|\(subquery-\d+\)|CONSTANT ROW)$/;

function expectIndexRangesOnly(plan: string[]): void {
  const text = plan.join("\n");
  expect(plan.length, text).toBeGreaterThan(0);
  expect(
    plan.filter((d) => /^SCAN /.test(d) && !OWN_SUBQUERY.test(d)),
    text,
  ).toEqual([]);
  expect(
    plan.filter((d) => d.includes("TEMP B-TREE")),
    text,
  ).toEqual([]);
  for (const d of plan.filter((d) => /^SEARCH /.test(d)))
    expect(d, text).toMatch(/USING (COVERING )?INDEX \S+ \(|USING INTEGER PRIMARY KEY \(rowid=\?\)/);
}

async function rowsRead(statement: D1PreparedStatement): Promise<{ rows: unknown[]; read: number }> {
  const result = await statement.all();
  return { rows: result.results, read: result.meta.rows_read };
}

const TOP_REACTIONS = "SEARCH comments USING INDEX comments_story_top_reactions";

/** A cursor deep in the group of comments without reaction: 80 000 comments before it. */
function deepTopCursor() {
  const at = inOrder(big.tops, "top")[80_000]!;
  expect(at.reactions).toBe(0);
  return { afterId: at.id, afterReactions: at.reactions };
}

const PLANS: [name: string, check: () => Promise<void>][] = [
  [
    "a deep 'top' page: the rest of the cursor's reaction group, then the groups below, each a range",
    async () => {
      const q = {
        siteId: big.site.id,
        storyKey: STORY,
        sort: "top" as const,
        rows: 21,
        firstReplies: FIRST_REPLIES + 1,
        ...deepTopCursor(),
      };
      for (const v of [{}, { tokenHash: "t" }, { unlessVersion: 3 }, { tokenHash: "t", unlessVersion: 3 }]) {
        const plan = await planOf(selectThreadPage(explaining, { ...q, ...v }));
        expectIndexRangesOnly(plan);
        expect(plan).toContain(`${TOP_REACTIONS} (story_id=? AND status=? AND reaction_count=? AND id<?)`);
        expect(plan).toContain(`${TOP_REACTIONS} (story_id=? AND status=? AND reaction_count<?)`);
      }
    },
  ],
  [
    "news after an old id: a range of the story's published comments from that id",
    async () => {
      for (const tokenHash of [null, "t"]) {
        const where = { siteId: big.site.id, storyKey: STORY, afterId: 1, tokenHash };
        for (const statement of [
          selectNews(explaining, { ...where, countMax: NEWS_COUNT_MAX }),
          selectNewComments(explaining, { ...where, rows: NEWS_PAGE + 1 }),
        ]) {
          const plan = await planOf(statement);
          expectIndexRangesOnly(plan);
          expect(plan.join("\n")).toMatch(/SEARCH c USING INDEX comments_story_status \(story_id=\? AND status=\? AND rowid>\?\)/);
        }
      }
    },
  ],
  [
    "the permalink lookup: LIMIT-ed ranges of the sort's index and of the thread",
    async () => {
      const root = { storyId: big.storyId, id: BASE + 10, reactions: 0, max: CONTEXT_ALIGNED_MAX };
      for (const sort of ["newest", "oldest", "top"] as const) {
        expectIndexRangesOnly(await planOf(countTopsBefore(explaining, { ...root, sort })));
        expectIndexRangesOnly(await planOf(selectTopAt(explaining, { storyId: big.storyId, sort, offset: CONTEXT_ALIGNED_MAX - 1 })));
      }
      expect(await planOf(countTopsBefore(explaining, { ...root, sort: "top" }))).toEqual(
        expect.arrayContaining([
          `${TOP_REACTIONS} (story_id=? AND status=? AND reaction_count=? AND id>?)`,
          `${TOP_REACTIONS} (story_id=? AND status=? AND reaction_count>?)`,
        ]),
      );
      expectIndexRangesOnly(
        await planOf(countRepliesBefore(explaining, { rootId: big.rootId, id: BASE + 99_000, max: CONTEXT_ALIGNED_MAX })),
      );
      expectIndexRangesOnly(await planOf(selectReplyAt(explaining, { rootId: big.rootId, offset: CONTEXT_ALIGNED_MAX - 1 })));
      expectIndexRangesOnly(await planOf(selectComment(explaining, big.site.id, BASE + 99_000)));
      expectIndexRangesOnly(await planOf(selectThreadRootOf(explaining, big.site.id, BASE + 99_000)));
    },
  ],
];

describe("query plans at 100 000 comments: index ranges only", () => {
  for (const [name, check] of PLANS) it(name, check);
});

describe("rows read at 100 000 comments (D1's rows_read)", () => {
  it("a deep 'top' page reads about a page; the row value it replaces read the whole group", async () => {
    const cursor = deepTopCursor();
    const page = await rowsRead(
      selectThreadPage(env.DB, { siteId: big.site.id, storyKey: STORY, sort: "top", rows: 21, firstReplies: 4, ...cursor }),
    );
    expect(page.rows).toHaveLength(21);
    // 21 top-level comments, their first replies and authors: 192 rows read when written
    expect(page.read).toBeLessThan(400);
    // the statement before issue 13's point 3, for the same cursor: the control that this can fail
    const before = await rowsRead(
      env.DB.prepare(
        `SELECT id FROM comments INDEXED BY comments_story_top_reactions
         WHERE story_id = ?1 AND root_id IS NULL AND status = 'published' AND (reaction_count, id) < (?2, ?3)
         ORDER BY reaction_count DESC, id DESC LIMIT 21`,
      ).bind(big.storyId, cursor.afterReactions, cursor.afterId),
    );
    expect(before.rows).toHaveLength(21);
    expect(before.read).toBeGreaterThan(50_000);
  });

  it("news after id 1 reads what it counts and returns, not the story", async () => {
    const where = { siteId: big.site.id, storyKey: STORY, afterId: 1, tokenHash: null };
    const counted = await rowsRead(selectNews(env.DB, { ...where, countMax: NEWS_COUNT_MAX }));
    expect(counted.rows).toEqual([expect.objectContaining({ new_count: NEWS_COUNT_MAX })]);
    expect(counted.read).toBeLessThan(3 * NEWS_COUNT_MAX);
    const listed = await rowsRead(selectNewComments(env.DB, { ...where, rows: NEWS_PAGE + 1 }));
    expect(listed.rows).toHaveLength(NEWS_PAGE + 1);
    expect(listed.read).toBeLessThan(6 * (NEWS_PAGE + 1));
  });

  it("the permalink's positions are counted up to CONTEXT_ALIGNED_MAX only, whatever the comment's place", async () => {
    const max = CONTEXT_ALIGNED_MAX;
    for (const sort of ["newest", "oldest", "top"] as const) {
      const deep = inOrder(big.tops, sort)[60_000]!;
      const counted = await rowsRead(countTopsBefore(env.DB, { storyId: big.storyId, sort, id: deep.id, reactions: deep.reactions, max }));
      expect(counted.rows, sort).toEqual([{ n: max }]);
      expect(counted.read, sort).toBeLessThan(2 * max + 10);
      const at = await rowsRead(selectTopAt(env.DB, { storyId: big.storyId, sort, offset: max - 1 }));
      expect(at.read, sort).toBeLessThan(max + 10);
    }
    // the count before issue 13's point 3 (every comment before it): the control that this can fail
    const deep = inOrder(big.tops, "newest")[60_000]!;
    const uncapped = await rowsRead(
      env.DB.prepare(
        `SELECT count(*) AS n FROM comments INDEXED BY comments_story_top
         WHERE story_id = ?1 AND root_id IS NULL AND status = 'published' AND id > ?2`,
      ).bind(big.storyId, deep.id),
    );
    expect(uncapped.rows).toEqual([{ n: 60_000 }]);
    expect(uncapped.read).toBeGreaterThan(50_000);
    const reply = big.replies[9_000]!;
    const replies = await rowsRead(countRepliesBefore(env.DB, { rootId: big.rootId, id: reply, max }));
    expect(replies.rows).toEqual([{ n: max }]);
    expect(replies.read).toBeLessThan(max + 10);
  });
});

// Last: ANALYZE gives SQLite the tables' statistics for the rest of this file's storage.
describe("query plans at 100 000 comments once analysed: index ranges still", () => {
  beforeAll(async () => {
    await env.DB.prepare("ANALYZE").run();
  });
  for (const [name, check] of PLANS) it(name, check);
});
