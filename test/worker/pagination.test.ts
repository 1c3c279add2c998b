// Cursor pagination over big threads: every comment exactly once, in order, while others arrive.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RepliesResponse, ThreadResponse } from "../../worker/schemas/views";
import {
  comment,
  createSite,
  getReplies,
  getThread,
  json,
  postOk,
  seedCommenter,
  seedComments,
  seedStory,
  type SeedComment,
  type TestSite,
} from "./support";

const STORY = "big-story";
const TOP_LEVEL = 500;
const THREAD_REPLIES = 250;

let site: TestSite;
/** published top-level comments of STORY, oldest first */
let tops: number[];
/** published replies of the first thread (tops[0]), oldest first */
let threadReplies: number[];
/** the story's featured comments, most recently featured first */
let featured: number[];

beforeAll(async () => {
  site = await createSite();
  const neighbour = await createSite();
  const [bigId, otherStoryId, neighbourBigId] = [
    await seedStory(site.id, STORY),
    await seedStory(site.id, "another-story"),
    await seedStory(neighbour.id, STORY),
  ];
  const authors = [await seedCommenter(site.id, "Ana"), await seedCommenter(site.id, "Bo")];
  const neighbourAuthor = await seedCommenter(neighbour.id, "Neighbour");

  // Ids are handed out in posting order; what must not show up is interleaved with what must:
  // other stories, another site's story of the same key, comments that are not published.
  const rows: SeedComment[] = [];
  const neighbourRows: SeedComment[] = [];
  let id = 1000;
  tops = [];
  for (let i = 0; tops.length < TOP_LEVEL; i++) {
    const authorId = authors[i % 2]!;
    if (i % 11 === 3) rows.push({ id: id++, storyId: otherStoryId, authorId });
    if (i % 13 === 5) neighbourRows.push({ id: id++, storyId: neighbourBigId, authorId: neighbourAuthor });
    if (i % 17 === 7) rows.push({ id: id++, storyId: bigId, authorId, status: "deleted" });
    if (i % 19 === 2) rows.push({ id: id++, storyId: bigId, authorId, status: "pending" });
    tops.push(id);
    rows.push({ id: id++, storyId: bigId, authorId });
  }

  // The first thread's replies (some nested, some not published), interleaved with the second's.
  const [first, second] = [tops[0]!, tops[1]!];
  threadReplies = [];
  let secondCount = 0;
  for (let i = 0; threadReplies.length < THREAD_REPLIES; i++) {
    const authorId = authors[i % 2]!;
    if (i % 7 === 0) {
      rows.push({ id: id++, storyId: bigId, authorId, rootId: second });
      secondCount++;
    }
    if (i % 23 === 4) rows.push({ id: id++, storyId: bigId, authorId, rootId: first, status: "deleted" });
    const previous = threadReplies[threadReplies.length - 1];
    const nested = i % 5 === 4 && previous !== undefined;
    threadReplies.push(id);
    rows.push({
      id: id++,
      storyId: bigId,
      authorId,
      rootId: first,
      parentId: nested ? previous : first,
      depth: nested ? 2 : 1,
    });
  }
  rows.find((r) => r.id === first)!.replyCount = THREAD_REPLIES;
  rows.find((r) => r.id === second)!.replyCount = secondCount;

  await seedComments(site.id, rows);
  await seedComments(neighbour.id, neighbourRows);
  // Two editors' picks, which come with the first page only, whatever the sort.
  featured = [tops[400]!, tops[5]!];
  await env.DB.batch(featured.map((id, i) => env.DB.prepare("UPDATE comments SET featured_at = ? WHERE id = ?").bind(1000 - i, id)));
});

interface Walk {
  ids: number[];
  pages: number;
}

/** Reads the whole story page by page, calling `meanwhile` between two page fetches. */
async function walkThread(
  sort: "newest" | "oldest",
  limit: number | undefined,
  meanwhile?: (page: number, seen: number[]) => Promise<void>,
): Promise<Walk> {
  const ids: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await getThread(site, { story: STORY, sort, limit, cursor });
    expect(res.status).toBe(200);
    const page = await json<ThreadResponse>(res);
    pages++;
    ids.push(...page.comments.map((c) => c.id));
    expect(page.featured.map((c) => c.id)).toEqual(pages === 1 ? featured : []);
    if (!page.nextCursor) break;
    // A page that is not the last is always full.
    expect(page.comments).toHaveLength(limit ?? 20);
    cursor = page.nextCursor;
    if (meanwhile) await meanwhile(pages, ids);
    if (pages > 1000) throw new Error("pagination does not end");
  }
  return { ids, pages };
}

/** Reads a thread's replies from a cursor (or the start) to the end. */
async function walkReplies(rootId: number, limit: number | undefined, cursor?: string, meanwhile?: () => Promise<void>): Promise<Walk> {
  const ids: number[] = [];
  let pages = 0;
  for (;;) {
    const res = await getReplies(site, rootId, { limit, cursor });
    expect(res.status).toBe(200);
    const page = await json<RepliesResponse>(res);
    pages++;
    ids.push(...page.replies.map((r) => r.id));
    if (!page.nextCursor) break;
    expect(page.replies).toHaveLength(limit ?? 20);
    cursor = page.nextCursor;
    if (meanwhile) await meanwhile();
    if (pages > 1000) throw new Error("pagination does not end");
  }
  return { ids, pages };
}

describe(`a story with ${TOP_LEVEL} top-level comments`, () => {
  it("reads newest first, 37 at a time: each exactly once, in order", async () => {
    const walk = await walkThread("newest", 37);
    expect(walk.ids).toEqual([...tops].reverse());
    expect(walk.pages).toBe(Math.ceil(TOP_LEVEL / 37));
  });

  it("reads oldest first, 37 at a time: each exactly once, in order", async () => {
    const walk = await walkThread("oldest", 37);
    expect(walk.ids).toEqual(tops);
    expect(walk.pages).toBe(Math.ceil(TOP_LEVEL / 37));
  });

  it("reads both ways with the default page size of 20", async () => {
    const newest = await walkThread("newest", undefined);
    expect(newest.ids).toEqual([...tops].reverse());
    expect(newest.pages).toBe(TOP_LEVEL / 20);
    const oldest = await walkThread("oldest", undefined);
    expect(oldest.ids).toEqual(tops);
  });

  it("reads it in 100s, the largest page", async () => {
    const walk = await walkThread("oldest", 100);
    expect(walk.ids).toEqual(tops);
    expect(walk.pages).toBe(5);
  });

  it("gives each thread its first 3 replies and the whole thread's reply count on every page", async () => {
    const page = await json<ThreadResponse>(await getThread(site, { story: STORY, sort: "oldest", limit: 3 }));
    const [first, second, third] = page.comments;
    expect(first!.replyCount).toBe(THREAD_REPLIES);
    expect(first!.replies.map((r) => r.id)).toEqual(threadReplies.slice(0, 3));
    expect(first!.repliesCursor).toEqual(expect.any(String));
    expect(second!.replies).toHaveLength(3);
    expect(second!.replies.every((r) => r.rootId === second!.id)).toBe(true);
    expect(third!.replies).toEqual([]);
    expect(third!.repliesCursor).toBeNull();
  });
});

describe("while new comments arrive between page fetches", () => {
  it("newest first: the pre-existing comments still come exactly once, in order, none skipped", async () => {
    const arrived: number[] = [];
    const walk = await walkThread("newest", 37, async (page) => {
      for (let i = 0; i < 2; i++) arrived.push((await postOk(site, comment(STORY, `newer ${page}.${i}`))).comment.id);
      // a reply to an already-read thread, which must not shift anything
      await postOk(site, comment(STORY, `reply during page ${page}`, "Cy", { parentId: tops[tops.length - 1] }));
    });
    // New comments are above the cursor: they belong to a fresh first page, not to the pages after it.
    expect(walk.ids).toEqual([...tops].reverse());
    expect(arrived.length).toBeGreaterThan(20);
    const fresh = await json<ThreadResponse>(await getThread(site, { story: STORY, limit: arrived.length }));
    expect(fresh.comments.map((c) => c.id)).toEqual([...arrived].reverse());
    tops.push(...arrived);
  });

  it("oldest first: the pre-existing ones once each, and the new ones at the end, in order", async () => {
    const before = [...tops];
    const arrived: number[] = [];
    const walk = await walkThread("oldest", 37, async (page) => {
      for (let i = 0; i < 3; i++) arrived.push((await postOk(site, comment(STORY, `later ${page}.${i}`))).comment.id);
    });
    expect(new Set(walk.ids).size).toBe(walk.ids.length);
    expect(walk.ids).toEqual([...before, ...arrived]);
    tops.push(...arrived);
  });

  it("a comment removed meanwhile leaves no gap and no repeat for the others", async () => {
    let removed = 0;
    const walk = await walkThread("oldest", 37, async (page, seen) => {
      if (page !== 2) return;
      // The next comment to read and one already read both disappear.
      removed = tops[seen.length]!;
      await env.DB.prepare("UPDATE comments SET status = 'deleted' WHERE id IN (?, ?)").bind(removed, seen[0]!).run();
    });
    try {
      expect(walk.ids).toEqual(tops.filter((id) => id !== removed));
    } finally {
      await env.DB.prepare("UPDATE comments SET status = 'published' WHERE id IN (?, ?)").bind(removed, tops[0]!).run();
    }
  });
});

describe(`a thread with ${THREAD_REPLIES} replies`, () => {
  it("reads the rest from the thread page's repliesCursor, 37 at a time: each once, oldest first", async () => {
    const page = await json<ThreadResponse>(await getThread(site, { story: STORY, sort: "oldest", limit: 1 }));
    const thread = page.comments[0]!;
    expect(thread.id).toBe(tops[0]);
    const rest = await walkReplies(thread.id, 37, thread.repliesCursor!);
    expect([...thread.replies.map((r) => r.id), ...rest.ids]).toEqual(threadReplies);
    expect(rest.pages).toBe(Math.ceil((THREAD_REPLIES - 3) / 37));
  });

  it("reads them all from the start with the default page size", async () => {
    const walk = await walkReplies(tops[0]!, undefined);
    expect(walk.ids).toEqual(threadReplies);
    expect(walk.pages).toBe(Math.ceil(THREAD_REPLIES / 20));
  });

  it("takes replies that arrive meanwhile at the end, with no repeat", async () => {
    const arrived: number[] = [];
    const walk = await walkReplies(tops[0]!, 37, undefined, async () => {
      arrived.push((await postOk(site, comment(STORY, "late reply", "Di", { parentId: tops[0] }))).comment.id);
      // nested under an early reply: still the same thread, still in id order
      arrived.push((await postOk(site, comment(STORY, "late nested", "Ed", { parentId: threadReplies[0] }))).comment.id);
    });
    expect(walk.ids).toEqual([...threadReplies, ...arrived]);
  });
});
