// The one-batch reads' statements as a reader with a token or a page in hand sends them (the
// reader's reactions read with the rows, the page read only when the story moved on) keep the
// plain statements' index searches and read no table whole: EXPLAIN QUERY PLAN of the real SQL.
import { describe, expect, it } from "vitest";
import { selectRepliesPage, selectStoryFeatured, selectThreadPage } from "../../../worker/db/comments";
import { selectOwnHeldOrRemoved } from "../../../worker/db/own-comments";
import { explaining, planOf } from "../plans";

const VARIANTS = [{ tokenHash: "t" }, { unlessVersion: 3 }, { tokenHash: "t", unlessVersion: 3 }];

/** Steps that read a whole table: a SCAN of anything but a subquery of the statement itself. */
function fullScans(plan: string[]): string[] {
  return plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (page|p|n|g|own|same_group|lower_groups|CONSTANT ROW)$/.test(d));
}

function searches(plan: string[]): string[] {
  return plan.filter((d) => /^SEARCH /.test(d));
}

async function expectAsPlain(plain: D1PreparedStatement, variant: D1PreparedStatement) {
  const [before, after] = [await planOf(plain), await planOf(variant)];
  expect(before.length).toBeGreaterThan(0);
  for (const step of searches(before)) expect(after, `${step}\n---\n${after.join("\n")}`).toContain(step);
  expect(fullScans(after), after.join("\n")).toEqual([]);
  return after;
}

describe("query plans of the one-batch reads", () => {
  for (const sort of ["newest", "oldest", "top"] as const) {
    it(`a thread page (${sort})`, async () => {
      const q = { siteId: "s", storyKey: "k", sort, afterId: 1000, afterReactions: 5, rows: 21, firstReplies: 3 };
      for (const v of VARIANTS) {
        const plan = await expectAsPlain(selectThreadPage(explaining, q), selectThreadPage(explaining, { ...q, ...v }));
        // the page still comes out of its index in order; the reader's reactions are key lookups
        expect(
          plan.filter((d) => d.includes("TEMP B-TREE")),
          plan.join("\n"),
        ).toEqual([]);
        if ("tokenHash" in v)
          expect(plan).toContain("SEARCH r USING COVERING INDEX sqlite_autoindex_reactions_1 (comment_id=? AND reader_key=?)");
        if ("unlessVersion" in v) expect(plan).toContain("SEARCH stories USING INDEX sqlite_autoindex_stories_1 (site_id=? AND key=?)");
      }
    });
  }

  it("the story's editors' picks and the reader's own held comments", async () => {
    const featured = { siteId: "s", storyKey: "k", limit: 10 };
    for (const v of VARIANTS)
      await expectAsPlain(selectStoryFeatured(explaining, featured), selectStoryFeatured(explaining, { ...featured, ...v }));
    const own = { siteId: "s", storyKey: "k", tokenHash: "t", limit: 50 };
    const plain = selectOwnHeldOrRemoved(explaining, own);
    await expectAsPlain(plain, selectOwnHeldOrRemoved(explaining, { ...own, unlessVersion: 3 }));
  });

  it("a replies page with the reader's reactions", async () => {
    const q = { siteId: "s", rootId: 1, afterId: 0, rows: 21 };
    const plan = await expectAsPlain(selectRepliesPage(explaining, q), selectRepliesPage(explaining, { ...q, tokenHash: "t" }));
    expect(
      plan.filter((d) => d.includes("TEMP B-TREE")),
      plan.join("\n"),
    ).toEqual([]);
  });
});
