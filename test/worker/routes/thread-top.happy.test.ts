// GET /api/v1/{site}/thread?sort=top: most reactions first, then newest, with cursor paging.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { createSite, errorOf, getThread, json, seedCommenter, seedComments, seedStory, type SeedComment, type TestSite } from "../support";

let site: TestSite;
const TOPS = 120;

beforeAll(async () => {
  site = await createSite();
  const storyId = await seedStory(site.id, "popular");
  const authorId = await seedCommenter(site.id, "Ana");
  const rows: SeedComment[] = [];
  for (let id = 1; id <= TOPS; id++) rows.push({ id, storyId, authorId });
  // replies (with reactions of their own) must not disturb the order of their threads
  rows.push({ id: 500, storyId, authorId, rootId: 7 }, { id: 501, storyId, authorId, rootId: 7 });
  rows.push({ id: 502, storyId, authorId, status: "pending" });
  await seedComments(site.id, rows);
  // Many ties: reaction counts 0…4, so each count is shared by 24 comments.
  await env.DB.prepare("UPDATE comments SET reaction_count = CASE WHEN root_id IS NULL THEN id % 5 ELSE 50 END WHERE site_id = ?")
    .bind(site.id)
    .run();
  await env.DB.prepare("UPDATE comments SET reaction_count = 99 WHERE id = 502").run();
});

function expectedOrder(): number[] {
  const ids = Array.from({ length: TOPS }, (_, i) => i + 1);
  return ids.sort((a, b) => (b % 5) - (a % 5) || b - a);
}

describe("sort top", () => {
  it.each([7, 20, 100])("walks every top-level comment exactly once, in order, with limit %i", async (limit) => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await getThread(site, { story: "popular", sort: "top", limit, cursor });
      expect(res.status).toBe(200);
      const thread = await json<ThreadResponse>(res);
      expect(thread.sort).toBe("top");
      seen.push(...thread.comments.map((c) => c.id));
      if (!thread.nextCursor) break;
      cursor = thread.nextCursor;
    }
    expect(seen).toEqual(expectedOrder());
  });

  it("carries each comment's reactions and keeps replies oldest first", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story: "popular", sort: "top", limit: 100 }));
    const seven = thread.comments.find((c) => c.id === 7)!;
    expect(seven.reactions).toBe(2);
    expect(seven.replies.map((r) => [r.id, r.reactions])).toEqual([
      [500, 50],
      [501, 50],
    ]);
  });

  it("refuses a cursor made for another sort", async () => {
    const newest = await json<ThreadResponse>(await getThread(site, { story: "popular", limit: 5 }));
    const res = await getThread(site, { story: "popular", sort: "top", cursor: newest.nextCursor! });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_cursor");
  });
});
