// GET /api/v1/{site}/news and the thread's latestId: the "N new comments" banner announces exactly
// the comments a poll returns, from the newest id the reader was shown, whatever the sort.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readerCredential } from "../../../worker/auth/reader";
import { findSite } from "../../../worker/db/sites";
import type { NewsResponse, PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { NEWS_COUNT_MAX, NEWS_PAGE, readNews } from "../../../worker/services/news";
import {
  comment,
  createSite,
  errorOf,
  json,
  postOk,
  refusedWithoutWrite,
  seedCommenter,
  seedComments,
  seedStory,
  type TestSite,
} from "../support";
import { deleteComment, getAs, react } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"], floodMaxPerIp: 1000 } });
});

async function news(q: { story: string; after: number }, token?: string): Promise<NewsResponse> {
  const res = await getAs(site, "/news", q, { token });
  expect(res.status).toBe(200);
  return json<NewsResponse>(res);
}

async function thread(q: Record<string, string | number>): Promise<ThreadResponse> {
  const res = await getAs(site, "/thread", q);
  expect(res.status).toBe(200);
  return json<ThreadResponse>(res);
}

function reply(story: string, parentId: number, body: string, name = "Bea"): object {
  return { ...comment(story, body, name), parentId };
}

describe("the thread's latestId", () => {
  const story = "latest";
  let newest: PostCommentResponse;

  beforeAll(async () => {
    const first = await postOk(site, comment(story, "one"));
    await postOk(site, comment(story, "two"));
    await postOk(site, comment(story, "three"));
    // the story's newest comment is a reply under the oldest thread, on no first page but "oldest"
    newest = await postOk(site, reply(story, first.comment.id, "a late reply"));
    // a held comment is newer still, but nobody may read it yet
    expect((await postOk(site, comment(story, "un peu louche"))).comment.status).toBe("pending");
  });

  it("is the story's newest published id for every sort and every page", async () => {
    for (const sort of ["newest", "oldest", "top"]) {
      const page1 = await thread({ story, sort, limit: 2 });
      expect(page1.latestId, sort).toBe(newest.comment.id);
      expect(page1.nextCursor, sort).not.toBeNull();
      const page2 = await thread({ story, sort, limit: 2, cursor: page1.nextCursor! });
      expect(page2.latestId, sort).toBe(newest.comment.id);
    }
  });

  it("is 0 for a story without comments", async () => {
    expect((await thread({ story: "empty-story" })).latestId).toBe(0);
  });

  it("gives a poll with nothing posted since nothing to announce, whatever the sort read", async () => {
    const { latestId } = await thread({ story, sort: "oldest", limit: 2 });
    expect(await news({ story, after: latestId })).toEqual({
      newCount: 0,
      comments: [],
      more: false,
      latestId,
      commentCount: 4,
    });
  });
});

describe("news", () => {
  it("gives a new top-level comment and a new reply, oldest first, each placed in its thread", async () => {
    const story = "placed";
    const root = await postOk(site, comment(story, "root"));
    const { latestId } = await thread({ story, sort: "top" });
    expect(latestId).toBe(root.comment.id);

    const top = await postOk(site, comment(story, "new top", "Carl"));
    const answer = await postOk(site, reply(story, root.comment.id, "new reply", "Dora"));
    const body = await news({ story, after: latestId });
    expect(body).toMatchObject({ newCount: 2, more: false, latestId: answer.comment.id, commentCount: 3 });
    expect(body.comments).toEqual([
      expect.objectContaining({ id: top.comment.id, rootId: null, parentId: null, depth: 0, body: "new top" }),
      expect.objectContaining({
        id: answer.comment.id,
        rootId: root.comment.id,
        parentId: root.comment.id,
        depth: 1,
        body: "new reply",
        author: expect.objectContaining({ name: "Dora", staff: false }),
        status: "published",
        own: false,
        reacted: false,
      }),
    ]);
    // once shown, polling from the answer's latestId announces nothing more
    expect(await news({ story, after: body.latestId })).toMatchObject({ newCount: 0, comments: [], more: false });
  });

  it("announces a reply in a thread that is not on the reader's page once, not forever", async () => {
    const story = "off-page";
    const roots: PostCommentResponse[] = [];
    for (let i = 0; i < 4; i++) roots.push(await postOk(site, comment(story, `thread ${i}`)));
    const page = await thread({ story, sort: "oldest", limit: 2 });
    expect(page.comments.map((c) => c.id)).toEqual([roots[0]!.comment.id, roots[1]!.comment.id]);

    const late = await postOk(site, reply(story, roots[3]!.comment.id, "under the last thread"));
    const first = await news({ story, after: page.latestId });
    expect(first.newCount).toBe(1);
    expect(first.comments.map((c) => [c.id, c.rootId])).toEqual([[late.comment.id, roots[3]!.comment.id]]);
    expect((await news({ story, after: first.latestId })).newCount).toBe(0);
  });

  it("leaves out the reader's own comment, but moves latestId past it", async () => {
    const story = "own";
    const before = await postOk(site, comment(story, "before"));
    const mine = await postOk(site, comment(story, "mine", "Me"));
    const q = { story, after: before.comment.id };
    const asAuthor = await news(q, mine.commenterToken);
    expect(asAuthor).toMatchObject({ newCount: 0, comments: [], more: false, latestId: mine.comment.id });
    // anyone else is told of it
    expect((await news(q)).comments.map((c) => c.id)).toEqual([mine.comment.id]);
  });

  it("leaves out held and deleted comments", async () => {
    const story = "hidden";
    const before = await postOk(site, comment(story, "before"));
    const held = await postOk(site, comment(story, "un peu louche"));
    expect(held.comment.status).toBe("pending");
    const gone = await postOk(site, comment(story, "deleted soon"));
    expect((await deleteComment(site, gone.comment.id, { token: gone.commenterToken })).status).toBe(200);
    // a deleted comment kept as a placeholder (it has replies) is not news either
    const kept = await postOk(site, comment(story, "kept as a placeholder"));
    const answer = await postOk(site, reply(story, kept.comment.id, "an answer"));
    expect((await deleteComment(site, kept.comment.id, { token: kept.commenterToken })).status).toBe(200);

    const body = await news({ story, after: before.comment.id });
    expect(body.comments.map((c) => c.id)).toEqual([answer.comment.id]);
    expect(body.newCount).toBe(1);
  });

  it("marks what the reader reacted to, as the thread does", async () => {
    const story = "reacted";
    const before = await postOk(site, comment(story, "before"));
    const liked = await postOk(site, comment(story, "liked"));
    const reader = await postOk(site, comment("elsewhere", "the reader's own comment elsewhere"));
    expect((await react(site, liked.comment.id, { token: reader.commenterToken })).status).toBe(200);

    const q = { story, after: before.comment.id };
    expect((await news(q, reader.commenterToken)).comments).toEqual([
      expect.objectContaining({ id: liked.comment.id, reacted: true, reactions: 1, own: false }),
    ]);
    expect((await news(q)).comments).toEqual([expect.objectContaining({ id: liked.comment.id, reacted: false })]);
  });

  it("returns the first 50 of 120 new comments oldest first, more, and counts up to 100 only", async () => {
    expect([NEWS_PAGE, NEWS_COUNT_MAX]).toEqual([50, 100]);
    const storyId = await seedStory(site.id, "busy");
    const author = await seedCommenter(site.id, "Busy");
    const base = 700_000;
    await seedComments(
      site.id,
      Array.from({ length: 121 }, (_, i) => ({ id: base + i, storyId, authorId: author })),
    );
    const body = await news({ story: "busy", after: base });
    expect(body.comments.map((c) => c.id)).toEqual(Array.from({ length: 50 }, (_, i) => base + 1 + i));
    expect(body).toMatchObject({ newCount: 100, more: true, latestId: base + 120 });

    // the next poll from the last one returned; then the last 20, with an exact count
    const next = await news({ story: "busy", after: base + 50 });
    expect(next).toMatchObject({ newCount: 70, more: true });
    expect(next.comments[0]!.id).toBe(base + 51);
    const last = await news({ story: "busy", after: base + 100 });
    expect(last).toMatchObject({ newCount: 20, more: false });
    expect(last.comments.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => base + 101 + i));
  });
});

describe("news, conditionally", () => {
  it("answers 304 while unchanged and 200 with the new comment after a post", async () => {
    const story = "conditional";
    const first = await postOk(site, comment(story, "first"));
    const q = { story, after: first.comment.id };
    const res = await getAs(site, "/news", q);
    expect(res.status).toBe(200);
    const etag = res.headers.get("ETag")!;
    const again = await getAs(site, "/news", q, {}, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // another `after` or another reader is another answer
    expect((await getAs(site, "/news", { story, after: 0 }, {}, { "If-None-Match": etag })).status).toBe(200);
    const asAuthor = await getAs(site, "/news", q, { token: first.commenterToken }, { "If-None-Match": etag });
    expect(asAuthor.status).toBe(200);

    const second = await postOk(site, comment(story, "second"));
    const changed = await getAs(site, "/news", q, {}, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect((await json<NewsResponse>(changed)).comments.map((c) => c.id)).toEqual([second.comment.id]);
  });
});

/**
 * The real D1, counting the requests made to it: each batch, and each statement run on its own
 * (first, all, run, raw), is one round trip.
 */
function countingTrips(db: D1Database): { db: D1Database; trips: () => number } {
  let trips = 0;
  const counted = (s: D1PreparedStatement): D1PreparedStatement => {
    const { bind, first, all, run, raw } = s;
    const trip =
      <F extends (...a: never[]) => unknown>(f: F) =>
      (...a: Parameters<F>) => {
        trips++;
        return f.apply(s, a);
      };
    return Object.assign(s, {
      bind: (...values: unknown[]) => counted(bind.apply(s, values)),
      first: trip(first),
      all: trip(all),
      run: trip(run),
      raw: trip(raw),
    });
  };
  const wrapped = {
    prepare: (sql: string) => counted(db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      trips++;
      return db.batch(statements);
    },
  } as unknown as D1Database;
  return { db: wrapped, trips: () => trips };
}

describe("a poll's cost", () => {
  it("is one round trip to D1, with or without a credential, with or without news", async () => {
    const story = "one-trip";
    const first = await postOk(site, comment(story, "first"));
    const reader = await postOk(site, comment(story, "the reader"));
    const record = (await findSite(env.DB, site.id))!;
    const credential = await readerCredential(record, `Bearer ${reader.commenterToken}`, { strict: false, now: Date.now() });
    expect(credential).not.toBeNull();
    const ids = (...posts: PostCommentResponse[]) => posts.map((p) => p.comment.id);
    for (const [after, who, expected] of [
      [reader.comment.id, null, []],
      [reader.comment.id, credential, []],
      [0, null, ids(first, reader)],
      [0, credential, ids(first)],
    ] as const) {
      const { db, trips } = countingTrips(env.DB);
      const { body } = await readNews(db, record, { story, after }, who);
      expect(body.comments.map((c) => c.id)).toEqual(expected);
      expect(trips()).toBe(1);
    }
  });
});

describe("a bad after", () => {
  it.each(["-1", "abc", "1.5", "9007199254740993"])("after=%s is refused with validation_failed", async (after) => {
    const res = await refusedWithoutWrite(() => getAs(site, "/news", { story: "any", after }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.length).toBeGreaterThan(0);
    for (const issue of error.issues!) expect(issue.path).toEqual(["after"]);
  });

  it("polling an unknown story answers nothing and creates nothing", async () => {
    const res = await refusedWithoutWrite(() => getAs(site, "/news", { story: "never-created", after: 5 }));
    expect(await json<NewsResponse>(res)).toEqual({ newCount: 0, comments: [], more: false, latestId: 0, commentCount: 0 });
  });
});
