// The statements issue 10 adds to every post, ban and rename stay bounded: index lookups and range
// scans (EXPLAIN QUERY PLAN of the real SQL), never a walk of a whole table or site.
import { describe, expect, it } from "vitest";
import { bumpStoriesOfRenamed } from "../../../worker/db/commenters";
import { checkPostStory, insertPostGuard } from "../../../worker/db/post-guards";
import { replaceReaderBans, selectCoveringBan } from "../../../worker/db/reader-bans";
import { explaining, planOf } from "../plans";

function tableScans(plan: string[]): string[] {
  return plan.filter(
    (d) => /^SCAN (comments|commenters|stories|reports|reader_bans|post_guards|[a-z]{1,2})\b/.test(d) && !/VIRTUAL TABLE/.test(d),
  );
}

async function expectBounded(statement: D1PreparedStatement, uses: RegExp[]): Promise<void> {
  const plan = await planOf(statement);
  const text = plan.join("\n");
  expect(tableScans(plan), text).toEqual([]);
  for (const pattern of uses)
    expect(
      plan.some((d) => pattern.test(d)),
      `${pattern}\n${text}`,
    ).toBe(true);
}

describe("the post's guard", () => {
  it("counts the author's and the network's windows by range, finds bans by value", async () => {
    const guard = insertPostGuard(explaining, {
      siteId: "s",
      tokenHash: "t",
      now: 1,
      banNetwork: "n",
      email: "e@x",
      ipHash: "n",
      floodSince: 0,
      maxPerAuthor: 5,
      maxPerIp: 20,
      duplicateSince: 0,
      bodyHash: "b",
    });
    await expectBounded(guard, [
      /SEARCH comments USING (COVERING )?INDEX comments_author_recent \(author_id=\? AND created_at>\?\)/,
      /SEARCH comments USING (COVERING )?INDEX comments_ip_recent \(site_id=\? AND ip_hash=\? AND created_at>\?\)/,
      /SEARCH b USING (COVERING )?INDEX reader_bans_value/,
      /SEARCH commenters USING INDEX commenters_token/,
    ]);
  });

  it("checks the story by its key", async () => {
    await expectBounded(checkPostStory(explaining, "s", "k"), [/SEARCH stories USING (COVERING )?INDEX sqlite_autoindex_stories_1/]);
  });

  it("reads the covering ban for a clear answer the same way", async () => {
    await expectBounded(selectCoveringBan(explaining, { siteId: "s", tokenHash: null, now: 1, network: "n", email: null }), [
      /SEARCH b USING (COVERING )?INDEX reader_bans_value/,
    ]);
  });
});

describe("bans and renames", () => {
  it("a ban reads the commenter's latest comments in comments_author", async () => {
    const statements = replaceReaderBans(explaining, {
      siteId: "s",
      commenterId: 1,
      until: 2,
      reason: "r",
      coverNetwork: true,
      unknownIpHash: "u",
      now: 1,
    });
    await expectBounded(statements[0]!, [/SEARCH reader_bans USING INDEX reader_bans_commenter/]);
    await expectBounded(statements[1]!, [/SEARCH comments USING INDEX comments_author \(author_id=\?\)/]);
    await expectBounded(statements[2]!, [/SEARCH commenters USING INTEGER PRIMARY KEY/]);
  });

  it("a rename moves the stories of the reader's comments, found in comments_author", async () => {
    await expectBounded(bumpStoriesOfRenamed(explaining, { siteId: "s", tokenHash: "t", name: "n", avatar: null }), [
      /SEARCH comments USING (COVERING )?INDEX comments_author/,
      /SEARCH stories USING INTEGER PRIMARY KEY/,
    ]);
  });
});
