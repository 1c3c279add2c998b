// ETags on /thread and /news: 304 while nothing a reader could see changed, 200 with a new ETag after.
import { beforeAll, describe, expect, it } from "vitest";
import type { NewsResponse, PostCommentResponse } from "../../../worker/schemas/views";
import { comment, createSite, json, postOk, report, type TestSite } from "../support";
import { admin, signedIn, sitePath as adminPath } from "../admin/support";
import { deleteComment, editComment, getAs, react } from "../sso-support";

let site: TestSite;
let first: PostCommentResponse;

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"] } });
  first = await postOk(site, comment("live", "Premier"));
});

/** The thread's ETag now, checking that asking with it again is answered 304 without a body. */
async function settledEtag(path: "/thread" | "/news", q: Record<string, string | number>, token?: string): Promise<string> {
  const res = await getAs(site, path, q, { token });
  expect(res.status).toBe(200);
  const etag = res.headers.get("ETag")!;
  expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
  const again = await getAs(site, path, q, { token }, { "If-None-Match": etag });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect(again.headers.get("ETag")).toBe(etag);
  return etag;
}

async function expectChanged(path: "/thread" | "/news", q: Record<string, string | number>, before: string) {
  const res = await getAs(site, path, q, {}, { "If-None-Match": before });
  expect(res.status).toBe(200);
  expect(res.headers.get("ETag")).not.toBe(before);
}

describe("conditional requests", () => {
  const thread = { story: "live" };

  it("answer 304 while unchanged and 200 with a new ETag after a post, an edit, a reaction, a deletion", async () => {
    let etag = await settledEtag("/thread", thread);
    const second = await postOk(site, comment("live", "Deuxième"));
    await expectChanged("/thread", thread, etag);

    etag = await settledEtag("/thread", thread);
    await editComment(site, second.comment.id, { body: "Deuxième, corrigé" }, { token: second.commenterToken });
    await expectChanged("/thread", thread, etag);

    etag = await settledEtag("/thread", thread);
    await react(site, first.comment.id, { token: second.commenterToken });
    await expectChanged("/thread", thread, etag);

    // the same reaction again changes nothing: still 304
    etag = await settledEtag("/thread", thread);
    await react(site, first.comment.id, { token: second.commenterToken });
    expect((await getAs(site, "/thread", thread, {}, { "If-None-Match": etag })).status).toBe(304);

    await deleteComment(site, second.comment.id, { token: second.commenterToken });
    await expectChanged("/thread", thread, etag);
  });

  it("answer 200 with a new ETag after a moderator approves a held comment", async () => {
    const held = await postOk(site, comment("live", "Un peu louche"));
    expect(held.comment.status).toBe("pending");
    const etag = await settledEtag("/thread", thread);
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    const res = await admin(adminPath(site.id, "/moderation"), { cookie, body: { action: "approve", ids: [held.comment.id] } });
    expect(res.status).toBe(200);
    await expectChanged("/thread", thread, etag);
  });

  it("answer 200 with a new ETag once readers' reports hide a comment", async () => {
    const target = await postOk(site, comment("reported", "Contesté"));
    const q = { story: "reported" };
    let etag = await settledEtag("/thread", q);
    for (let i = 0; i < 3; i++) {
      const res = await report(site, target.comment.id, { reason: "spam" }, { ip: `10.0.0.${i}` });
      expect(res.status).toBe(201);
      if (i < 2) etag = await settledEtag("/thread", q);
    }
    const after = await getAs(site, "/thread", q, {}, { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect((await json<{ comments: unknown[] }>(after)).comments).toEqual([]);
  });

  it("differ per reader and per page parameters", async () => {
    const anonymous = (await getAs(site, "/thread", thread)).headers.get("ETag");
    const reader = (await getAs(site, "/thread", thread, { token: first.commenterToken })).headers.get("ETag");
    const oldest = (await getAs(site, "/thread", { ...thread, sort: "oldest" })).headers.get("ETag");
    expect(new Set([anonymous, reader, oldest]).size).toBe(3);
  });
});

describe("news", () => {
  it("gives newer published comments not written by the reader, with the same 304s", async () => {
    const story = "news-story";
    const a = await postOk(site, comment(story, "a"));
    const q = { story, after: a.comment.id };
    const empty = await json<NewsResponse>(await getAs(site, "/news", q));
    expect(empty).toEqual({ newCount: 0, comments: [], more: false, latestId: a.comment.id, commentCount: 1 });
    const etag = await settledEtag("/news", q);

    const b = await postOk(site, comment(story, "b"));
    await postOk(site, comment(story, "held: louche"));
    await expectChanged("/news", q, etag);
    const news = await json<NewsResponse>(await getAs(site, "/news", q));
    expect(news).toMatchObject({ newCount: 1, more: false, latestId: b.comment.id, commentCount: 2 });
    expect(news.comments.map((c) => c.id)).toEqual([b.comment.id]);
    // the author of b is not told about their own comment
    const own = await json<NewsResponse>(await getAs(site, "/news", q, { token: b.commenterToken }));
    expect(own).toMatchObject({ newCount: 0, comments: [] });
  });

  it("answers zeros for a story nobody commented yet", async () => {
    expect(await json<NewsResponse>(await getAs(site, "/news", { story: "nothing-yet" }))).toEqual({
      newCount: 0,
      comments: [],
      more: false,
      latestId: 0,
      commentCount: 0,
    });
  });
});
