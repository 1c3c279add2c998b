// GET /api/v1/{site}/comments/{id}/context: where a comment is, so that a permalink opens its page.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CommentContextResponse, RepliesResponse, ThreadResponse } from "../../../worker/schemas/views";
import {
  createSite,
  errorOf,
  getReplies,
  getThread,
  json,
  seedCommenter,
  seedComments,
  seedStory,
  type SeedComment,
  type TestSite,
} from "../support";
import { getAs } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite();
  const storyId = await seedStory(site.id, "long");
  const authorId = await seedCommenter(site.id, "Ana");
  const rows: SeedComment[] = [];
  for (let id = 1; id <= 100; id++) rows.push({ id, storyId, authorId, replyCount: id === 50 ? 40 : 0 });
  // thread 50 has 40 replies (ids 1001…1040), one of them held
  for (let i = 1; i <= 40; i++) rows.push({ id: 1000 + i, storyId, authorId, rootId: 50, status: i === 5 ? "pending" : "published" });
  await seedComments(site.id, rows);
  await env.DB.prepare("UPDATE comments SET reaction_count = id % 3 WHERE site_id = ? AND root_id IS NULL").bind(site.id).run();
});

async function contextOf(id: number, q: Record<string, string | number>): Promise<CommentContextResponse> {
  const res = await getAs(site, `/comments/${id}/context`, q);
  expect(res.status).toBe(200);
  return json<CommentContextResponse>(res);
}

describe("permalink context", () => {
  // Page 3 with limit 20 holds positions 40…59. Newest first: ids 60…41; oldest first: 41…60;
  // top (reactions id % 3, then newest): the 33 ids with 2 reactions, then 100, 97…, so 64 is 45th.
  it.each([
    ["newest", 50],
    ["oldest", 50],
    ["top", 64],
  ] as const)("gives the cursor of the thread page holding a comment on page 3 (limit 20, sort %s)", async (sort, target) => {
    const ctx = await contextOf(target, { sort, limit: 20 });
    expect(ctx).toMatchObject({ commentId: target, rootId: target });
    expect(ctx.threadCursor).toEqual(expect.any(String));
    const page = await json<ThreadResponse>(await getThread(site, { story: "long", sort, limit: 20, cursor: ctx.threadCursor! }));
    expect(page.comments.map((c) => c.id)).toContain(target);
    // and it is page 3: two pages before it
    const first = await json<ThreadResponse>(await getThread(site, { story: "long", sort, limit: 20 }));
    const second = await json<ThreadResponse>(await getThread(site, { story: "long", sort, limit: 20, cursor: first.nextCursor! }));
    expect(second.nextCursor).toBe(ctx.threadCursor);
  });

  it("answers a null cursor for a comment on the first page", async () => {
    expect(await contextOf(95, { sort: "newest", limit: 20 })).toEqual({
      commentId: 95,
      rootId: 95,
      threadCursor: null,
      repliesCursor: null,
    });
  });

  it("gives, for a deep reply, the thread's page and a replies cursor whose page holds it", async () => {
    const target = 1033;
    const ctx = await contextOf(target, { sort: "newest", limit: 20 });
    expect(ctx.rootId).toBe(50);
    expect(ctx.repliesCursor).toEqual(expect.any(String));
    const page = await json<ThreadResponse>(await getThread(site, { story: "long", limit: 20, cursor: ctx.threadCursor! }));
    const root = page.comments.find((c) => c.id === 50)!;
    const replies = await json<RepliesResponse>(await getReplies(site, 50, { cursor: ctx.repliesCursor!, limit: 20 }));
    expect(replies.replies.map((r) => r.id)).toContain(target);
    // the replies pages chain from the thread's own replies cursor
    const next = await json<RepliesResponse>(await getReplies(site, 50, { cursor: root.repliesCursor!, limit: 20 }));
    expect(next.nextCursor).toBe(ctx.repliesCursor);
  });

  it("answers no replies cursor for one of a thread's first replies", async () => {
    expect((await contextOf(1002, { sort: "oldest", limit: 20 })).repliesCursor).toBeNull();
  });

  it("refuses a held or unknown comment: 404", async () => {
    for (const id of [1005, 99_999]) {
      const res = await getAs(site, `/comments/${id}/context`, { sort: "newest", limit: 20 });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("comment_not_found");
    }
  });
});
