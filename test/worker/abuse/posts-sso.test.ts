// Issue 10, "no partial writes, no stale answers": a refused post of a reader signed in through
// the site saves nothing of their profile, and a rename changes the thread's ETag.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { SSO_SECRET, editComment, signSso } from "../sso-support";
import { api, comment, createSite, errorOf, getThread, json, postAs, refusedWithoutWrite, sitePath, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
});

async function ssoPost(token: string, body: object): Promise<PostCommentResponse> {
  const res = await postAs(site, body, { token, ip: "203.0.113.40" });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<PostCommentResponse>();
}

/** The thread of a story, asked with If-None-Match as a polling widget does. */
function conditional(story: string, etag: string): Promise<Response> {
  return api(sitePath(site, `/thread?story=${story}`), { origin: site.origin, headers: { "If-None-Match": etag } });
}

async function profile(sub: string) {
  return env.DB.prepare("SELECT name, email, avatar_url FROM commenters WHERE site_id = ? AND external_id = ?").bind(site.id, sub).first();
}

describe("a refused post of a reader signed in through the site", () => {
  it("(404 parent) saves neither their new name nor their new email: earlier comments keep their name", async () => {
    const before = await signSso({ sub: "u-404", name: "Alice", email: "alice@example.org" });
    const first = await ssoPost(before, comment("sso-refused", "My first words", "x"));

    const renamed = await signSso({ sub: "u-404", name: "Mallory", email: "mallory@example.org" });
    const res = await refusedWithoutWrite(() =>
      postAs(site, comment("sso-refused", "a reply", "x", { parentId: 999_999_999 }), { token: renamed, ip: "203.0.113.40" }),
    );
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("parent_not_found");
    expect(await profile("u-404")).toEqual({ name: "Alice", email: "alice@example.org", avatar_url: null });
    const thread = await json<ThreadResponse>(await getThread(site, { story: "sso-refused" }));
    expect(thread.comments.find((c) => c.id === first.comment.id)!.author.name).toBe("Alice");
  });

  it("(refused by a rule, e.g. flood) saves nothing either, not even a first-time reader", async () => {
    const s = await createSite({ settings: { ssoSecret: SSO_SECRET, floodMaxPerIp: 1 } });
    expect((await postAs(s, comment("sso-flood", "taking the slot", "Guest"), { ip: "203.0.113.41" })).status).toBe(201);
    const token = await signSso({ sub: "u-new", name: "Newcomer", email: "new@example.org" });
    const res = await refusedWithoutWrite(() => postAs(s, comment("sso-flood", "hello", "x"), { token, ip: "203.0.113.41" }));
    expect(res.status).toBe(429);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE site_id = ? AND external_id = 'u-new'").bind(s.id).first("n"),
    ).toBe(0);
  });
});

describe("a refused edit of a reader signed in through the site", () => {
  it("(window closed) saves nothing of their new profile; an accepted one saves it with the edit", async () => {
    const token = await signSso({ sub: "u-edit", name: "Edith", email: "edith@example.org" });
    const saved = await ssoPost(token, comment("sso-edit", "Words to edit", "x"));
    const fresh = await ssoPost(token, comment("sso-edit", "Fresh words", "x"));
    await env.DB.prepare("UPDATE comments SET created_at = created_at - 3600000 WHERE id = ?").bind(saved.comment.id).run();
    const renamed = await signSso({ sub: "u-edit", name: "Eve", email: "eve@example.org" });
    const res = await editComment(site, saved.comment.id, { body: "Too late" }, { token: renamed, ip: "203.0.113.40" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("edit_window_closed");
    expect(await profile("u-edit")).toMatchObject({ name: "Edith", email: "edith@example.org" });

    const ok = await editComment(site, fresh.comment.id, { body: "Fresh words, edited" }, { token: renamed, ip: "203.0.113.40" });
    expect(ok.status).toBe(200);
    expect(await profile("u-edit")).toMatchObject({ name: "Eve", email: "eve@example.org" });
  });
});

describe("a reader who renames themselves", () => {
  it("moves the ETag of every thread where they have comments: no 304 with the old name", async () => {
    const before = await signSso({ sub: "u-rename", name: "Old Name" });
    await ssoPost(before, comment("rename-a", "On story A", "x"));
    const first = await getThread(site, { story: "rename-a" });
    const etag = first.headers.get("ETag")!;
    expect(etag).toBeTruthy();
    expect((await conditional("rename-a", etag)).status).toBe(304);

    // They post on another story under their new name (the site's token says so).
    const after = await signSso({ sub: "u-rename", name: "New Name" });
    await ssoPost(after, comment("rename-b", "On story B", "x"));

    const res = await conditional("rename-a", etag);
    expect(res.status).toBe(200);
    const thread = await json<ThreadResponse>(res);
    expect(thread.comments[0]!.author.name).toBe("New Name");
  });

  it("an unchanged profile moves nothing: the other threads still answer 304", async () => {
    const token = await signSso({ sub: "u-same", name: "Same" });
    await ssoPost(token, comment("same-a", "On story A", "x"));
    const etag = (await getThread(site, { story: "same-a" })).headers.get("ETag")!;
    await ssoPost(token, comment("same-b", "On story B", "x"));
    expect((await conditional("same-a", etag)).status).toBe(304);
  });
});
