// Issue 13 point 2: anonymous first pages come from the Cache API, keyed by the story's and the
// site's versions. After each kind of write a reader could see, the next anonymous read shows it;
// what is only one reader's (their held comments, reactions, name) never reaches the shared page;
// a 304 is per reader.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FRESH_MS } from "../../../worker/services/recent-pages";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import type { SiteSettingsResponse } from "../../../worker/schemas/admin-views";
import { comment, createSite, json, postAs, postOk, sitePath, type TestSite } from "../support";
import { admin, signedIn, sitePath as adminPath } from "../admin/support";
import { deleteComment, editComment, react } from "../sso-support";
import { counted } from "./support";

let site: TestSite;
let cookie: string;

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"], charter: "Soyez courtois." } });
  ({ cookie } = await signedIn({ [site.id]: "admin" }));
});

/** The anonymous first page, as a reader's browser asks for it, and whether it came from the page cache. */
async function anonymous(story: string, headers: Record<string, string> = {}) {
  const { res, trips } = await counted(sitePath(site, `/thread?story=${encodeURIComponent(story)}`), { origin: site.origin, headers });
  return { res, trips };
}

async function page(story: string): Promise<ThreadResponse> {
  const { res } = await anonymous(story);
  expect(res.status).toBe(200);
  return res.json<ThreadResponse>();
}

// Page sizes no read has asked for yet: a read with one is always built, never from the cache.
let unusedLimit = 21;

/**
 * Reads the page until it is served from the page cache, so that the write that follows has a
 * cached page to get past: the batch of a cached read reads no page, a few rows instead of the
 * page's (measured against the same page built, asked with a page size never asked before).
 */
async function warm(story: string): Promise<ThreadResponse> {
  const built = await counted(sitePath(site, `/thread?story=${encodeURIComponent(story)}&limit=${unusedLimit++}`), { origin: site.origin });
  await anonymous(story);
  const again = await anonymous(story);
  expect(again.trips.rowsRead, "served from the page cache").toBeLessThan(built.trips.rowsRead / 2);
  return again.res.json<ThreadResponse>();
}

/** A story with a few comments (so that a page built reads clearly more rows than a cached one). */
async function scene(story: string): Promise<PostCommentResponse[]> {
  const posted: PostCommentResponse[] = [];
  for (const name of ["Ana", "Bob", "Cleo", "Dan"]) posted.push(await postOk(site, comment(story, `Avis de ${name}`, name)));
  return posted;
}

const bodies = (p: ThreadResponse) => p.comments.map((c) => c.body);

describe("after a write a reader could see, the next anonymous read shows it", () => {
  it("a post", async () => {
    await scene("post");
    await warm("post");
    await postOk(site, comment("post", "Tout nouveau", "Eve"));
    expect(bodies(await page("post"))).toContain("Tout nouveau");
  });

  it("an edit and a deletion by the author", async () => {
    const [ana, bob] = await scene("edit");
    await warm("edit");
    expect((await editComment(site, ana!.comment.id, { body: "Avis corrigé" }, { token: ana!.commenterToken })).status).toBe(200);
    expect(bodies(await page("edit"))).toContain("Avis corrigé");
    await warm("edit");
    expect((await deleteComment(site, bob!.comment.id, { token: bob!.commenterToken })).status).toBe(200);
    expect((await page("edit")).comments.map((c) => c.id)).not.toContain(bob!.comment.id);
  });

  it("a reaction", async () => {
    const [ana, bob] = await scene("reaction");
    const before = (await warm("reaction")).comments.find((c) => c.id === ana!.comment.id)!.reactions;
    expect((await react(site, ana!.comment.id, { token: bob!.commenterToken })).status).toBe(200);
    expect((await page("reaction")).comments.find((c) => c.id === ana!.comment.id)!.reactions).toBe(before + 1);
  });

  it("moderation: a held comment approved, a published one rejected", async () => {
    const [ana] = await scene("moderation");
    const held = await postOk(site, comment("moderation", "Un peu louche", "Fred"));
    expect(held.comment.status).toBe("pending");
    expect(bodies(await warm("moderation"))).not.toContain("Un peu louche");
    const approve = await admin(adminPath(site.id, "/moderation"), { cookie, body: { action: "approve", ids: [held.comment.id] } });
    expect(approve.status).toBe(200);
    expect(bodies(await page("moderation"))).toContain("Un peu louche");

    await warm("moderation");
    const reject = await admin(adminPath(site.id, "/moderation"), { cookie, body: { action: "reject", ids: [ana!.comment.id] } });
    expect(reject.status).toBe(200);
    expect((await page("moderation")).comments.map((c) => c.id)).not.toContain(ana!.comment.id);
  });

  it("featuring", async () => {
    const [, bob] = await scene("featuring");
    expect((await warm("featuring")).featured).toEqual([]);
    const res = await admin(adminPath(site.id, `/comments/${bob!.comment.id}/feature`), { cookie, body: { note: "Le message du jour" } });
    expect(res.status).toBe(200);
    expect((await page("featuring")).featured.map((c) => [c.id, c.featured?.note])).toEqual([[bob!.comment.id, "Le message du jour"]]);
  });

  it("the story renamed, then closed", async () => {
    await scene("story");
    await warm("story");
    const rename = await admin(adminPath(site.id, "/story"), {
      method: "PATCH",
      cookie,
      body: { story: "story", title: "Un autre titre" },
    });
    expect(rename.status).toBe(200);
    expect((await page("story")).story.title).toBe("Un autre titre");
    await warm("story");
    const close = await admin(adminPath(site.id, "/story"), { method: "PATCH", cookie, body: { story: "story", status: "closed" } });
    expect(close.status).toBe(200);
    expect((await page("story")).story.status).toBe("closed");
  });

  it("a person erased", async () => {
    const [ana] = await scene("erasure");
    const author = await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(ana!.comment.id).first<{ author_id: number }>();
    expect((await warm("erasure")).comments.map((c) => c.author.name)).toContain("Ana");
    const res = await admin(adminPath(site.id, `/commenters/${author!.author_id}`), { method: "DELETE", cookie });
    expect(res.status).toBe(200);
    const after = await page("erasure");
    expect(after.comments.map((c) => c.author.name)).not.toContain("Ana");
    expect(bodies(after)).not.toContain("Avis de Ana");
  });

  it("the site's settings (the site's part of the page)", async () => {
    await scene("settings");
    expect((await warm("settings")).site.charter).toBe("Soyez courtois.");
    const current = await json<SiteSettingsResponse>(await admin(adminPath(site.id, "/settings"), { cookie }));
    const res = await admin(adminPath(site.id, "/settings"), {
      method: "PUT",
      cookie,
      body: {
        name: current.site.name,
        allowedOrigins: current.site.allowedOrigins,
        settings: { ...current.settings, charter: "Restez aimables." },
      },
    });
    expect(res.status).toBe(200);
    expect((await page("settings")).site.charter).toBe("Restez aimables.");
  });

  it("an author's new name (a staff member's, an SSO reader's), written by hand in D1", async () => {
    const [, , cleo] = await scene("renamed");
    await warm("renamed");
    await env.DB.prepare("UPDATE commenters SET name = 'Cléo' WHERE id = (SELECT author_id FROM comments WHERE id = ?)")
      .bind(cleo!.comment.id)
      .run();
    // Not through this Worker, so the isolate's copy of the page (recent-pages.ts) may serve for
    // FRESH_MS more, as it would a write from another isolate; then D1's story version decides.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + FRESH_MS });
    try {
      expect((await page("renamed")).comments.find((c) => c.id === cleo!.comment.id)!.author.name).toBe("Cléo");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("what is one reader's stays theirs", () => {
  it("a reader's held comment, reactions and name never come from, or go to, the shared page", async () => {
    const [ana, bob] = await scene("own");
    const token = ana!.commenterToken!;
    expect((await react(site, bob!.comment.id, { token })).status).toBe(200);
    const held = await json<PostCommentResponse>(await postAs(site, comment("own", "Un avis louche", "Ana"), { token }));
    expect(held.comment.status).toBe("pending");

    // the reader's own page first, twice: nothing of it may be stored for others
    for (let i = 0; i < 2; i++) {
      const { res } = await anonymous("own", { Authorization: `Bearer ${token}` });
      const mine = await res.json<ThreadResponse>();
      expect(mine.own.map((c) => c.id)).toEqual([held.comment.id]);
      expect(mine.viewer?.name).toBe("Ana");
      expect(mine.comments.find((c) => c.id === bob!.comment.id)!.reacted).toBe(true);
    }
    for (const others of [await page("own"), await warm("own")]) {
      expect(others.own).toEqual([]);
      expect(others.viewer).toBeNull();
      expect(others.comments.map((c) => c.id)).not.toContain(held.comment.id);
      expect(others.comments.every((c) => !c.reacted && !c.own)).toBe(true);
    }
    // and the cached anonymous page never reaches the reader: their page still has their own
    const { res } = await anonymous("own", { Authorization: `Bearer ${token}` });
    expect((await res.json<ThreadResponse>()).own.map((c) => c.id)).toEqual([held.comment.id]);
  });

  it("a 304 is per reader: a reader's ETag is not an anonymous one, and neither revalidates the other", async () => {
    const [ana] = await scene("etags");
    const auth = { Authorization: `Bearer ${ana!.commenterToken}` };
    await warm("etags");
    const anon = (await anonymous("etags")).res.headers.get("ETag")!;
    const reader = (await anonymous("etags", auth)).res.headers.get("ETag")!;
    expect(reader).not.toBe(anon);
    expect((await anonymous("etags", { "If-None-Match": anon })).res.status).toBe(304);
    expect((await anonymous("etags", { ...auth, "If-None-Match": reader })).res.status).toBe(304);
    const crossed = await anonymous("etags", { "If-None-Match": reader });
    expect(crossed.res.status).toBe(200);
    expect((await crossed.res.json<ThreadResponse>()).viewer).toBeNull();
    const crossedBack = await anonymous("etags", { ...auth, "If-None-Match": anon });
    expect(crossedBack.res.status).toBe(200);
    expect((await crossedBack.res.json<ThreadResponse>()).viewer?.name).toBe("Ana");
    // a second reader's tag is theirs too
    const other = await postOk(site, comment("etags", "Moi aussi", "Zoé"));
    const second = (await anonymous("etags", { Authorization: `Bearer ${other.commenterToken}` })).res.headers.get("ETag")!;
    expect(second).not.toBe(reader);
    expect((await anonymous("etags", { ...auth, "If-None-Match": second })).res.status).toBe(200);
  });
});
