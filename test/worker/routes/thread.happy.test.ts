// GET /api/v1/{site}/thread and /comments/{id}/replies: what a reader is promised.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RepliesResponse, ThreadResponse } from "../../../worker/schemas/views";
import { asWrite } from "../../../worker/lib/write-epoch";
import { BASE, api, comment, createSite, getReplies, getThread, json, postOk, sitePath, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ name: "Le Journal", origins: ["https://journal.example"] });
});

describe("the story", () => {
  it("is created on first read from an allowed origin, with its url and title", async () => {
    const res = await getThread(site, {
      story: "article-1",
      url: "https://journal.example/2026/article-1",
      title: "Un titre",
    });
    expect(res.status).toBe(200);
    const thread = await json<ThreadResponse>(res);
    expect(thread).toEqual({
      site: {
        id: site.id,
        name: "Le Journal",
        auth: { guests: true, sso: false, loginUrl: null },
        editWindowSeconds: 900,
        limits: { bodyMax: 5000, nameMax: 60 },
        charter: "",
        replyNotifications: true,
        turnstile: null,
      },
      story: {
        key: "article-1",
        url: "https://journal.example/2026/article-1",
        title: "Un titre",
        status: "open",
        commentCount: 0,
      },
      sort: "newest",
      featured: [],
      comments: [],
      nextCursor: null,
      latestId: 0,
      own: [],
      viewer: null,
    });
    const row = await env.DB.prepare("SELECT site_id, url, title FROM stories WHERE key = ?").bind("article-1").first();
    expect(row).toEqual({ site_id: site.id, url: "https://journal.example/2026/article-1", title: "Un titre" });
  });

  it("keeps its first url and title when read again with others", async () => {
    await getThread(site, { story: "article-2", url: "https://journal.example/a2", title: "First" });
    const thread = await json<ThreadResponse>(
      await getThread(site, { story: "article-2", url: "https://journal.example/other", title: "Second" }),
    );
    expect(thread.story).toMatchObject({ url: "https://journal.example/a2", title: "First" });
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM stories WHERE key = 'article-2'").first<{
      n: number;
    }>())!;
    expect(n).toBe(1);
  });

  it("NFC-normalises the title and reads a key with surrounding spaces as the same story", async () => {
    await getThread(site, { story: "article-3", title: "Cafe\u0301" });
    const thread = await json<ThreadResponse>(await getThread(site, { story: "  article-3  " }));
    expect(thread.story).toMatchObject({ key: "article-3", title: "Café" });
  });

  it("is created on first read from a page the Palabre server serves itself (same origin: no Origin header)", async () => {
    // Browsers send no Origin on a same-origin GET, only Sec-Fetch-Site; the site lists the server's origin.
    const own = await createSite({ origins: [BASE] });
    const res = await api(sitePath(own, `/thread?story=same-origin-page&url=${encodeURIComponent(`${BASE}/page`)}`), {
      origin: null,
      headers: { "Sec-Fetch-Site": "same-origin" },
    });
    expect(res.status).toBe(200);
    expect((await json<ThreadResponse>(res)).story).toMatchObject({ key: "same-origin-page", url: `${BASE}/page` });
  });

  it("can be read without an Origin once it exists (servers, crawlers), without a CORS grant", async () => {
    await postOk(site, comment("article-4", "Bonjour"));
    const res = await getThread(site, { story: "article-4" }, null);
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const thread = await json<ThreadResponse>(res);
    expect(thread.comments.map((c) => c.body)).toEqual(["Bonjour"]);
    expect(thread.story.commentCount).toBe(1);
  });
});

describe("a page of comments", () => {
  const story = "threads";
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // Three threads: A with 5 replies (one nested), B with 2, C with none.
    for (const name of ["A", "B", "C"]) {
      ids[name] = (await postOk(site, comment(story, `top ${name}`, `author ${name}`))).comment.id;
    }
    for (let i = 1; i <= 4; i++) {
      ids[`A${i}`] = (await postOk(site, comment(story, `A reply ${i}`, `r${i}`, { parentId: ids.A }))).comment.id;
    }
    ids.A1a = (await postOk(site, comment(story, "A1 answered", "nested", { parentId: ids.A1 }))).comment.id;
    ids.B1 = (await postOk(site, comment(story, "B reply 1", "b1", { parentId: ids.B }))).comment.id;
    ids.B2 = (await postOk(site, comment(story, "B reply 2", "b2", { parentId: ids.B }))).comment.id;
  });

  it("lists top-level comments newest first by default, each with its first 3 replies oldest first", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story }));
    expect(thread.sort).toBe("newest");
    expect(thread.story.commentCount).toBe(10);
    expect(thread.comments.map((c) => c.id)).toEqual([ids.C, ids.B, ids.A]);

    const [c, b, a] = thread.comments;
    expect(a!.replies.map((r) => r.id)).toEqual([ids.A1, ids.A2, ids.A3]);
    expect(a!.replyCount).toBe(5);
    expect(a!.repliesCursor).toEqual(expect.any(String));
    expect(b!.replies.map((r) => r.body)).toEqual(["B reply 1", "B reply 2"]);
    expect(b!.replyCount).toBe(2);
    expect(b!.repliesCursor).toBeNull();
    expect(c!.replies).toEqual([]);
    expect(c!.replyCount).toBe(0);
    expect(c!.repliesCursor).toBeNull();
    expect(thread.nextCursor).toBeNull();
  });

  it("answers comments in the documented shape", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story, sort: "oldest" }));
    const a = thread.comments[0]!;
    expect(a).toEqual({
      id: ids.A,
      parentId: null,
      rootId: null,
      depth: 0,
      replyTo: null,
      author: { name: "author A", staff: false, avatar: null },
      body: "top A",
      status: "published",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      replyCount: 5,
      featured: null,
      reactions: 0,
      reacted: false,
      own: false,
      editedAt: null,
      deleted: false,
      replies: expect.any(Array),
      repliesCursor: expect.any(String),
    });
    expect(Math.abs(Date.parse(a.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(a.replies[0]).toEqual({
      id: ids.A1,
      parentId: ids.A,
      rootId: ids.A,
      depth: 1,
      replyTo: null,
      author: { name: "r1", staff: false, avatar: null },
      body: "A reply 1",
      status: "published",
      createdAt: expect.any(String),
      replyCount: 0,
      featured: null,
      reactions: 0,
      reacted: false,
      own: false,
      editedAt: null,
      deleted: false,
    });
  });

  it("sorts oldest first on request", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story, sort: "oldest" }));
    expect(thread.sort).toBe("oldest");
    expect(thread.comments.map((c) => c.id)).toEqual([ids.A, ids.B, ids.C]);
  });

  it("gives the rest of a thread's replies from repliesCursor, nested ones included, oldest first", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story, sort: "oldest" }));
    const a = thread.comments[0]!;
    const rest = await json<RepliesResponse>(await getReplies(site, a.id, { cursor: a.repliesCursor! }));
    expect(rest.replies.map((r) => r.id)).toEqual([ids.A4, ids.A1a]);
    expect(rest.replies[1]).toMatchObject({ parentId: ids.A1, rootId: ids.A, depth: 2, body: "A1 answered" });
    expect(rest.nextCursor).toBeNull();
  });

  it("lists a thread's replies from the start without a cursor, a limited page at a time", async () => {
    const first = await json<RepliesResponse>(await getReplies(site, ids.A!, { limit: 2 }));
    expect(first.replies.map((r) => r.id)).toEqual([ids.A1, ids.A2]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json<RepliesResponse>(await getReplies(site, ids.A!, { limit: 2, cursor: first.nextCursor! }));
    expect(second.replies.map((r) => r.id)).toEqual([ids.A3, ids.A4]);
    const third = await json<RepliesResponse>(await getReplies(site, ids.A!, { limit: 2, cursor: second.nextCursor! }));
    expect(third.replies.map((r) => r.id)).toEqual([ids.A1a]);
    expect(third.nextCursor).toBeNull();
  });

  it("leaves out comments that are not published, and their place in the first replies", async () => {
    // Written in this isolate as the Worker's own writes are (lib/write-epoch.ts): the copy of the page
    // an earlier test read is then not used, as it would not be after a moderation.
    await asWrite(() => env.DB.prepare("UPDATE comments SET status = 'deleted' WHERE id IN (?, ?)").bind(ids.C, ids.A2).run());
    try {
      const thread = await json<ThreadResponse>(await getThread(site, { story }));
      expect(thread.comments.map((c) => c.id)).toEqual([ids.B, ids.A]);
      expect(thread.comments[1]!.replies.map((r) => r.id)).toEqual([ids.A1, ids.A3, ids.A4]);
      const all = await json<RepliesResponse>(await getReplies(site, ids.A!));
      expect(all.replies.map((r) => r.id)).toEqual([ids.A1, ids.A3, ids.A4, ids.A1a]);
    } finally {
      await asWrite(() => env.DB.prepare("UPDATE comments SET status = 'published' WHERE id IN (?, ?)").bind(ids.C, ids.A2).run());
    }
  });
});

describe("page size", () => {
  const story = "page-size";

  beforeAll(async () => {
    for (let i = 0; i < 101; i++) await postOk(site, comment(story, `n° ${i}`));
  });

  it("is 20 by default, with a cursor to the next page", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story }));
    expect(thread.comments).toHaveLength(20);
    expect(thread.comments[0]!.body).toBe("n° 100");
    expect(thread.nextCursor).toEqual(expect.any(String));
  });

  it("follows limit up to 100", async () => {
    const three = await json<ThreadResponse>(await getThread(site, { story, limit: 3, sort: "oldest" }));
    expect(three.comments.map((c) => c.body)).toEqual(["n° 0", "n° 1", "n° 2"]);
    const hundred = await json<ThreadResponse>(await getThread(site, { story, limit: 100, sort: "oldest" }));
    expect(hundred.comments).toHaveLength(100);
    const last = await json<ThreadResponse>(await getThread(site, { story, limit: 100, sort: "oldest", cursor: hundred.nextCursor! }));
    expect(last.comments.map((c) => c.body)).toEqual(["n° 100"]);
    expect(last.nextCursor).toBeNull();
  });

  it("gives no next cursor when the page is exactly the last one", async () => {
    const one = await json<ThreadResponse>(await getThread(site, { story: "article-4", limit: 1 }));
    expect(one.comments).toHaveLength(1);
    expect(one.nextCursor).toBeNull();
  });
});
