// What the flat reads answer deep in a story of 100 000 comments, through the API: a "top" page
// far into the group of comments without reaction and across groups, news after id 1 (newCount
// capped), and permalinks of comments far down the thread or a 10 000-reply thread opening the
// page that holds them (the query plans and rows read: ./plans.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { encodePairCursor } from "../../../worker/lib/cursor";
import type { CommentContextResponse, NewsResponse, RepliesResponse, ThreadResponse } from "../../../worker/schemas/views";
import { NEWS_COUNT_MAX, NEWS_PAGE } from "../../../worker/services/news";
import { CONTEXT_ALIGNED_MAX, FIRST_REPLIES } from "../../../worker/services/threads";
import { getReplies, getThread, json } from "../support";
import { getAs } from "../sso-support";
import { inOrder, seedBigStory, STORY, type BigStory, type Top } from "./big-story";

let big: BigStory;

beforeAll(async () => {
  big = await seedBigStory();
});

const LIMIT = 20;

async function page(sort: "newest" | "oldest" | "top", cursor?: string): Promise<ThreadResponse> {
  const res = await getThread(big.site, { story: STORY, sort, limit: LIMIT, cursor });
  expect(res.status).toBe(200);
  return json<ThreadResponse>(res);
}

const ids = (list: { id: number }[]) => list.map((c) => c.id);
const topCursor = (t: Top) => encodePairCursor("top", t.reactions, t.id);

describe("a deep 'top' page at 100 000 comments", () => {
  it("continues after a cursor 80 000 comments down the group without reaction, and chains on", async () => {
    const order = inOrder(big.tops, "top");
    const first = await page("top", topCursor(order[80_000]!));
    expect(ids(first.comments)).toEqual(ids(order.slice(80_001, 80_001 + LIMIT)));
    const second = await page("top", first.nextCursor!);
    expect(ids(second.comments)).toEqual(ids(order.slice(80_001 + LIMIT, 80_001 + 2 * LIMIT)));
  });

  it("crosses from one reaction group into the next, and ends on the last page", async () => {
    const order = inOrder(big.tops, "top");
    const lastWithOne = order.findLastIndex((t) => t.reactions === 1);
    expect(order[lastWithOne + 1]!.reactions).toBe(0);
    const across = await page("top", topCursor(order[lastWithOne - 5]!));
    expect(ids(across.comments)).toEqual(ids(order.slice(lastWithOne - 4, lastWithOne - 4 + LIMIT)));
    const last = await page("top", topCursor(order[order.length - 10]!));
    expect(ids(last.comments)).toEqual(ids(order.slice(-9)));
    expect(last.nextCursor).toBeNull();
  });
});

describe("news after id 1 at 100 000 comments", () => {
  it("counts up to NEWS_COUNT_MAX and returns the first page of what is new", async () => {
    const res = await getAs(big.site, "/news", { story: STORY, after: 1 });
    expect(res.status).toBe(200);
    const news = await json<NewsResponse>(res);
    expect(news.newCount).toBe(NEWS_COUNT_MAX);
    expect(ids(news.comments)).toEqual(ids(big.tops.slice(0, NEWS_PAGE)));
    expect(news.more).toBe(true);
    expect(news.latestId).toBe(big.replies[big.replies.length - 1]);
    // and near the end, the exact count
    const near = await json<NewsResponse>(await getAs(big.site, "/news", { story: STORY, after: big.replies[big.replies.length - 31]! }));
    expect(near.newCount).toBe(30);
    expect(ids(near.comments)).toEqual(big.replies.slice(-30));
  });
});

async function contextOf(id: number, sort: "newest" | "oldest" | "top"): Promise<CommentContextResponse> {
  const res = await getAs(big.site, `/comments/${id}/context`, { sort, limit: LIMIT });
  expect(res.status).toBe(200);
  return json<CommentContextResponse>(res);
}

describe("a permalink deep in 100 000 comments", () => {
  for (const sort of ["newest", "oldest", "top"] as const) {
    it(`opens the page that starts at a comment 60 000 places down (sort ${sort})`, async () => {
      const target = inOrder(big.tops, sort)[60_000]!;
      const ctx = await contextOf(target.id, sort);
      expect(ctx).toMatchObject({ commentId: target.id, rootId: target.id, repliesCursor: null });
      const opened = await page(sort, ctx.threadCursor!);
      expect(opened.comments[0]!.id).toBe(target.id);
      expect(ids(opened.comments)).toEqual(ids(inOrder(big.tops, sort).slice(60_000, 60_000 + LIMIT)));
    });

    it(`opens the page of the grid read from the first within the first ${CONTEXT_ALIGNED_MAX} places (sort ${sort})`, async () => {
      const order = inOrder(big.tops, sort);
      const at = CONTEXT_ALIGNED_MAX - 10;
      const ctx = await contextOf(order[at]!.id, sort);
      const opened = await page(sort, ctx.threadCursor!);
      const start = at - (at % LIMIT);
      expect(ids(opened.comments)).toEqual(ids(order.slice(start, start + LIMIT)));
    });
  }

  it("opens, for a reply 9 000 deep in a thread of 10 000, its thread's page and the replies page starting at it", async () => {
    const target = big.replies[9_000]!;
    const ctx = await contextOf(target, "newest");
    expect(ctx.rootId).toBe(big.rootId);
    const opened = await page("newest", ctx.threadCursor!);
    expect(opened.comments.map((c) => c.id)).toContain(big.rootId);
    const replies = await json<RepliesResponse>(await getReplies(big.site, big.rootId, { cursor: ctx.repliesCursor!, limit: LIMIT }));
    expect(replies.replies.map((r) => r.id)).toEqual(big.replies.slice(9_000, 9_000 + LIMIT));
  });

  it("keeps a reply among the first thousand on the replies pages chained from the thread's own cursor", async () => {
    const target = big.replies[500]!;
    const ctx = await contextOf(target, "oldest");
    expect(ctx.threadCursor).toBeNull(); // the thread's root is the story's first comment
    const first = (await page("oldest")).comments[0]!;
    expect(first.id).toBe(big.rootId);
    const start = FIRST_REPLIES + (500 - FIRST_REPLIES) - ((500 - FIRST_REPLIES) % LIMIT);
    const replies = await json<RepliesResponse>(await getReplies(big.site, big.rootId, { cursor: ctx.repliesCursor!, limit: LIMIT }));
    expect(replies.replies.map((r) => r.id)).toEqual(big.replies.slice(start, start + LIMIT));
  });
});
