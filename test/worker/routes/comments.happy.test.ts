// POST /api/v1/{site}/comments: what a commenter is promised (saved, published, normalised, nested).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { api, comment, createSite, getThread, json, post, postAs, postOk, sitePath, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite();
});

interface StoredComment {
  id: number;
  site_id: string;
  parent_id: number | null;
  reply_to_id: number | null;
  root_id: number | null;
  depth: number;
  body: string;
  status: string;
  reply_count: number;
  author_name: string;
  author_site: string;
}

function stored(id: number): Promise<StoredComment | null> {
  return env.DB.prepare(
    `SELECT c.id, c.site_id, c.parent_id, c.reply_to_id, c.root_id, c.depth, c.body, c.status, c.reply_count,
            a.name AS author_name, a.site_id AS author_site
     FROM comments c JOIN commenters a ON a.id = c.author_id WHERE c.id = ?`,
  )
    .bind(id)
    .first<StoredComment>();
}

describe("a top-level comment", () => {
  it("is answered 201 with the published comment and its story, created with url and title", async () => {
    const res = await post(site, {
      story: "first-story",
      url: `${site.origin}/first`,
      title: "First story",
      body: "Hello there",
      author: { name: "Ana" },
    });
    expect(res.status).toBe(201);
    const saved = await json<PostCommentResponse>(res);
    expect(saved).toEqual({
      comment: {
        id: expect.any(Number),
        parentId: null,
        rootId: null,
        depth: 0,
        replyTo: null,
        author: { name: "Ana", staff: false, avatar: null },
        body: "Hello there",
        status: "published",
        createdAt: expect.stringMatching(/Z$/),
        replyCount: 0,
        featured: null,
        reactions: 0,
        reacted: false,
        own: true,
        editedAt: null,
        deleted: false,
      },
      story: { key: "first-story", url: `${site.origin}/first`, title: "First story", status: "open", commentCount: 1 },
      reasons: [],
      // a new guest identity: 32 random bytes, base64url
      commenterToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(await stored(saved.comment.id)).toMatchObject({
      site_id: site.id,
      parent_id: null,
      root_id: null,
      depth: 0,
      body: "Hello there",
      status: "published",
      author_name: "Ana",
      author_site: site.id,
    });
  });

  it("is readable in the thread right away, and counts on its story", async () => {
    const before = await json<ThreadResponse>(await getThread(site, { story: "counted" }));
    const saved = await postOk(site, comment("counted", "one"));
    expect(saved.story.commentCount).toBe(before.story.commentCount + 1);
    const second = await postOk(site, comment("counted", "two", "Bo"));
    expect(second.story.commentCount).toBe(before.story.commentCount + 2);
    const thread = await json<ThreadResponse>(await getThread(site, { story: "counted" }));
    expect(thread.comments.map((c) => [c.id, c.body, c.author.name])).toEqual([
      [second.comment.id, "two", "Bo"],
      [saved.comment.id, "one", "Ana"],
    ]);
    expect(thread.story.commentCount).toBe(2);
  });

  it("leaves an existing story's url and title as they were", async () => {
    // Both URLs are on the site's origin (a new story's URL must be): the first one stays.
    await postOk(site, { ...comment("kept", "a"), url: `${site.origin}/kept`, title: "Kept" });
    const again = await postOk(site, { ...comment("kept", "b"), url: `${site.origin}/other`, title: "Other" });
    expect(again.story).toMatchObject({ url: `${site.origin}/kept`, title: "Kept", commentCount: 2 });
  });

  it("accepts a JSON content type with parameters", async () => {
    const res = await api(sitePath(site, "/comments"), {
      method: "POST",
      origin: site.origin,
      headers: { "Content-Type": "Application/JSON; charset=UTF-8" },
      body: JSON.stringify(comment("ct", "typed")),
    });
    expect(res.status).toBe(201);
  });
});

describe("text", () => {
  it("is NFC-normalised before it is saved", async () => {
    const saved = await postOk(site, comment("text", "Caf\u0065\u0301 cr\u0065\u0300me", "Ame\u0301lie"));
    expect(saved.comment.body).toBe("Café crème");
    expect(saved.comment.author.name).toBe("Amélie");
    const row = await stored(saved.comment.id);
    expect(row!.body).toBe("Caf\u00e9 cr\u00e8me");
    expect(row!.author_name).toBe("Am\u00e9lie");
  });

  it("keeps newlines and tabs, unifies \\r\\n and \\r to \\n, and trims the ends", async () => {
    const saved = await postOk(site, comment("text", "  \r\nline one\r\n\tline two\rline three \n ", "  Bo  "));
    expect(saved.comment.body).toBe("line one\n\tline two\nline three");
    expect(saved.comment.author.name).toBe("Bo");
    expect((await stored(saved.comment.id))!.body).toBe("line one\n\tline two\nline three");
  });

  it("keeps what looks like markup as plain text", async () => {
    const body = `<script>alert("x")</script> & <b>bold</b>`;
    const saved = await postOk(site, comment("text", body));
    expect(saved.comment.body).toBe(body);
    expect((await stored(saved.comment.id))!.body).toBe(body);
  });

  it("counts length in code points: 5000 emoji and a 60-emoji name fit", async () => {
    const body = "😀".repeat(5000); // 10 000 UTF-16 units
    const name = "👍🏽".repeat(30); // 30 × 2 code points
    const saved = await postOk(site, comment("lengths", body, name));
    expect(saved.comment.body).toBe(body);
    expect(saved.comment.author.name).toBe(name);
    expect((await stored(saved.comment.id))!.body).toBe(body);
  });

  it("measures length after normalisation and trimming", async () => {
    const decomposed = "e\u0301".repeat(5000); // 10 000 code points, 5000 once composed
    const saved = await postOk(site, comment("lengths", `   ${decomposed}   `));
    expect(saved.comment.body).toBe("é".repeat(5000));
    const name = await postOk(site, comment("lengths", "x", `  ${"n".repeat(60)}  `));
    expect(name.comment.author.name).toBe("n".repeat(60));
  });

  it("accepts the shortest comment: one character", async () => {
    const saved = await postOk(site, comment("lengths", "k", "Z"));
    expect(saved.comment.body).toBe("k");
  });
});

describe("replies", () => {
  const story = "replies";
  let root: PostCommentResponse["comment"];

  beforeAll(async () => {
    root = (await postOk(site, comment(story, "root", "Root"))).comment;
  });

  it("nest under their parent, in their thread, and count on the root", async () => {
    const r1 = (await postOk(site, comment(story, "first reply", "One", { parentId: root.id }))).comment;
    expect(r1).toMatchObject({ parentId: root.id, rootId: root.id, depth: 1, replyTo: null, status: "published" });
    const r2 = await postOk(site, comment(story, "reply to reply", "Two", { parentId: r1.id }));
    expect(r2.comment).toMatchObject({ parentId: r1.id, rootId: root.id, depth: 2, replyTo: null });
    expect(r2.story.commentCount).toBe(3);
    expect(await stored(r2.comment.id)).toMatchObject({ parent_id: r1.id, reply_to_id: r1.id, root_id: root.id, depth: 2 });
    expect((await stored(root.id))!.reply_count).toBe(2);

    const thread = await json<ThreadResponse>(await getThread(site, { story }));
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]!.replyCount).toBe(2);
    expect(thread.comments[0]!.replies.map((r) => [r.id, r.parentId, r.depth])).toEqual([
      [r1.id, root.id, 1],
      [r2.comment.id, r1.id, 2],
    ]);
  });

  it("are capped at depth 3: an answer to a depth-3 comment goes beside it and names whom it answers", async () => {
    const top = (await postOk(site, comment("deep", "depth 0", "D0"))).comment;
    const d1 = (await postOk(site, comment("deep", "depth 1", "D1", { parentId: top.id }))).comment;
    const d2 = (await postOk(site, comment("deep", "depth 2", "D2", { parentId: d1.id }))).comment;
    const d3 = (await postOk(site, comment("deep", "depth 3", "D3", { parentId: d2.id }))).comment;
    expect(d3).toMatchObject({ parentId: d2.id, depth: 3, replyTo: null });

    const d4 = (await postOk(site, comment("deep", "would be depth 4", "D4", { parentId: d3.id }))).comment;
    expect(d4).toMatchObject({ parentId: d2.id, rootId: top.id, depth: 3, replyTo: { id: d3.id, authorName: "D3" } });
    expect(await stored(d4.id)).toMatchObject({ parent_id: d2.id, reply_to_id: d3.id, root_id: top.id, depth: 3 });

    // Answering the answer stays at depth 3 too, beside it, and names D4.
    const d5 = (await postOk(site, comment("deep", "and again", "D5", { parentId: d4.id }))).comment;
    expect(d5).toMatchObject({ parentId: d2.id, depth: 3, replyTo: { id: d4.id, authorName: "D4" } });

    // Read back the same way, from the thread and the replies endpoint.
    const thread = await json<ThreadResponse>(await getThread(site, { story: "deep" }));
    const t = thread.comments[0]!;
    expect(t.replyCount).toBe(5);
    expect(t.replies.map((r) => r.id)).toEqual([d1.id, d2.id, d3.id]);
    const rest = await api(sitePath(site, `/comments/${top.id}/replies?cursor=${t.repliesCursor}`), { origin: site.origin });
    const { replies } = await json<{ replies: ThreadResponse["comments"] }>(rest);
    expect(replies.map((r) => [r.id, r.parentId, r.depth, r.replyTo])).toEqual([
      [d4.id, d2.id, 3, { id: d3.id, authorName: "D3" }],
      [d5.id, d2.id, 3, { id: d4.id, authorName: "D4" }],
    ]);
  });
});

describe("the commenter token", () => {
  async function sha256Hex(text: string): Promise<string> {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  const authorOf = async (id: number) =>
    (await env.DB.prepare(
      "SELECT a.id, a.name, a.comment_count, a.token_hash FROM comments c JOIN commenters a ON a.id = c.author_id WHERE c.id = ?",
    )
      .bind(id)
      .first<{ id: number; name: string; comment_count: number; token_hash: string }>())!;

  it("is given once with a new guest identity; only its SHA-256 is stored", async () => {
    const first = await postOk(site, comment("tokens", "first"));
    const token = first.commenterToken!;
    const author = await authorOf(first.comment.id);
    expect(author.token_hash).toBe(await sha256Hex(token));
    const row = JSON.stringify(await env.DB.prepare("SELECT * FROM commenters WHERE id = ?").bind(author.id).first());
    expect(row).not.toContain(token);
    // Without the token, the next post is someone new.
    const second = await postOk(site, comment("tokens", "second"));
    expect(second.commenterToken).not.toBe(token);
    expect((await authorOf(second.comment.id)).id).not.toBe(author.id);
  });

  it("with Authorization: Bearer, posts as the same commenter, renamed to the name given", async () => {
    const first = await postOk(site, comment("tokens", "as Ana", "Ana"));
    const token = first.commenterToken!;
    const res = await postAs(site, comment("tokens", "as Ana Lopez", "Ana Lopez"), { token });
    expect(res.status).toBe(201);
    const again = await json<PostCommentResponse>(res);
    expect(again.commenterToken).toBeUndefined();
    expect(again.comment.author).toEqual({ name: "Ana Lopez", staff: false, avatar: null });
    const author = await authorOf(again.comment.id);
    expect(author.id).toBe((await authorOf(first.comment.id)).id);
    expect(author).toMatchObject({ name: "Ana Lopez", comment_count: 2 });
    // Her earlier comment is shown under her current name.
    const thread = await json<ThreadResponse>(await getThread(site, { story: "tokens", sort: "oldest" }));
    expect(thread.comments.find((c) => c.id === first.comment.id)!.author.name).toBe("Ana Lopez");
  });
});
