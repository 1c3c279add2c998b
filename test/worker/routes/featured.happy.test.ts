// GET /api/v1/{site}/featured and the thread's `featured`: the editors' picks readers are shown.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { FeaturedResponse, PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { api, comment, createSite, getThread, json, postAs, sitePath, type TestSite } from "../support";

let site: TestSite;
let other: TestSite;

async function posted(s: TestSite, body: object): Promise<PostCommentResponse> {
  const res = await postAs(s, body, {});
  expect(res.status).toBe(201);
  return json<PostCommentResponse>(res);
}

/** Features a comment as the staff API does: featured_at (and an optional note) on the row. */
async function feature(id: number, at: number, note: string | null = null): Promise<void> {
  await env.DB.prepare("UPDATE comments SET featured_at = ?, featured_note = ? WHERE id = ?").bind(at, note, id).run();
}

const getFeatured = (s: TestSite, query = "", origin: string | null = s.origin) => api(sitePath(s, `/featured${query}`), { origin });

const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);
const ids: Record<string, number> = {};

beforeAll(async () => {
  site = await createSite({ name: "Le Quotidien" });
  other = await createSite();
  for (const key of ["a", "b"]) {
    for (let i = 0; i < 3; i++)
      ids[`${key}${i}`] = (await posted(site, { ...comment(key, `${key} comment ${i}`), title: `Story ${key}` })).comment.id;
  }
  ids.reply = (await posted(site, comment("a", "a reply", "Bo", { parentId: ids.a0 }))).comment.id;
  ids.held = (await posted(site, comment("a", "held"))).comment.id;
  ids.elsewhere = (await posted(other, comment("a", "other site"))).comment.id;
  await feature(ids.a0!, T0 + 1000, "Un témoignage précieux");
  await feature(ids.b1!, T0 + 3000);
  await feature(ids.reply!, T0 + 2000);
  await feature(ids.held!, T0 + 5000);
  // held since (as a moderator would): no longer published nor counted
  await env.DB.batch([
    env.DB.prepare("UPDATE comments SET status = 'pending' WHERE id = ?").bind(ids.held),
    env.DB.prepare("UPDATE stories SET comment_count = comment_count - 1 WHERE site_id = ? AND key = 'a'").bind(site.id),
  ]);
  await feature(ids.elsewhere!, T0 + 9000);
});

describe("GET /featured", () => {
  it("lists the site's featured published comments across stories, latest featured first, each with its story", async () => {
    const res = await getFeatured(site);
    expect(res.status).toBe(200);
    const body = await json<FeaturedResponse>(res);
    expect(body.site).toEqual({
      id: site.id,
      name: "Le Quotidien",
      auth: { guests: true, sso: false, loginUrl: null },
      editWindowSeconds: 900,
      limits: { bodyMax: 5000, nameMax: 60 },
      charter: "",
      replyNotifications: true,
      turnstile: null,
    });
    expect(body.items.map((i) => i.id)).toEqual([ids.b1, ids.reply, ids.a0]);
    expect(body.items[2]).toEqual({
      id: ids.a0,
      parentId: null,
      rootId: null,
      depth: 0,
      replyTo: null,
      author: { name: "Ana", staff: false, avatar: null },
      body: "a comment 0",
      status: "published",
      createdAt: expect.any(String),
      replyCount: 1,
      featured: { note: "Un témoignage précieux", at: new Date(T0 + 1000).toISOString() },
      reactions: 0,
      reacted: false,
      own: false,
      editedAt: null,
      deleted: false,
      story: { key: "a", url: null, title: "Story a", status: "open", commentCount: 4 },
    });
    expect(body.items[0]!.story.key).toBe("b");
    expect(body.items[1]).toMatchObject({ rootId: ids.a0, featured: { note: null } });
  });

  it("follows limit, and reads without an Origin (a server rendering a home page)", async () => {
    const two = await json<FeaturedResponse>(await getFeatured(site, "?limit=2", null));
    expect(two.items.map((i) => i.id)).toEqual([ids.b1, ids.reply]);
  });

  it("keeps each site's picks apart", async () => {
    const body = await json<FeaturedResponse>(await getFeatured(other));
    expect(body.items.map((i) => i.id)).toEqual([ids.elsewhere]);
  });

  it("is empty for a site with no picks", async () => {
    const empty = await createSite();
    expect((await json<FeaturedResponse>(await getFeatured(empty))).items).toEqual([]);
  });
});

describe("the thread's featured", () => {
  it("lists the story's featured published comments on the first page, with featured on every view of them", async () => {
    const thread = await json<ThreadResponse>(await getThread(site, { story: "a", limit: 2 }));
    expect(thread.featured.map((c) => c.id)).toEqual([ids.reply, ids.a0]);
    expect(thread.featured[1]!.featured).toEqual({ note: "Un témoignage précieux", at: new Date(T0 + 1000).toISOString() });
    const page = thread.comments.concat(
      (await json<ThreadResponse>(await getThread(site, { story: "a", limit: 2, cursor: thread.nextCursor! }))).comments,
    );
    expect(page.find((c) => c.id === ids.a0)!.featured).toMatchObject({ note: "Un témoignage précieux" });
    expect(page.find((c) => c.id === ids.a1)!.featured).toBeNull();
  });

  it("is empty on later pages", async () => {
    const first = await json<ThreadResponse>(await getThread(site, { story: "a", limit: 1 }));
    const second = await json<ThreadResponse>(await getThread(site, { story: "a", limit: 1, cursor: first.nextCursor! }));
    expect(first.featured).not.toEqual([]);
    expect(second.featured).toEqual([]);
  });

  it("keeps at most 10, most recently featured first", async () => {
    const many: number[] = [];
    for (let i = 0; i < 12; i++) {
      const c = (await posted(site, comment("many", `pick ${i}`))).comment.id;
      await feature(c, T0 + i * 1000);
      many.push(c);
    }
    const thread = await json<ThreadResponse>(await getThread(site, { story: "many" }));
    expect(thread.featured.map((c) => c.id)).toEqual(many.slice(2).reverse());
  });
});

it("a staff member's comment says so (author.staff)", async () => {
  const staff = await env.DB.prepare(
    "INSERT INTO staff (email, name, password_hash, created_at, updated_at) VALUES (?, 'Rédaction', 'x', 0, 0) RETURNING id",
  )
    .bind(`${crypto.randomUUID()}@example.org`)
    .first<{ id: number }>();
  const c = (await posted(site, comment("staffed", "a reader"))).comment.id;
  await env.DB.prepare("UPDATE commenters SET staff_id = ? WHERE id = (SELECT author_id FROM comments WHERE id = ?)")
    .bind(staff!.id, c)
    .run();
  const thread = await json<ThreadResponse>(await getThread(site, { story: "staffed" }));
  expect(thread.comments[0]!.author).toEqual({ name: "Ana", staff: true, avatar: null });
});
