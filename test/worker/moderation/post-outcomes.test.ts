// POST /comments through the real worker and D1: each outcome of the pipeline, what it stores,
// what it counts, and that a refusal writes nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BAN_FOREVER } from "../../../worker/db/commenters";
import { ipHash } from "../../../worker/lib/hash";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import {
  api,
  comment,
  createSite,
  errorOf,
  getThread,
  getThreadAs,
  json,
  postAs,
  refusedWithoutWrite,
  sitePath,
  type TestSite,
} from "../support";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface Stored {
  status: string;
  reasons: string;
  ip_hash: string | null;
  body_hash: string | null;
  author_id: number;
}

const stored = (id: number) =>
  env.DB.prepare("SELECT status, reasons, ip_hash, body_hash, author_id FROM comments WHERE id = ?").bind(id).first<Stored>();

const commenter = (id: number) =>
  env.DB.prepare("SELECT name, comment_count, approved_count, token_hash FROM commenters WHERE id = ?")
    .bind(id)
    .first<{ name: string; comment_count: number; approved_count: number; token_hash: string | null }>();

const storyCount = async (site: TestSite, key: string) =>
  (
    await env.DB.prepare("SELECT comment_count FROM stories WHERE site_id = ? AND key = ?").bind(site.id, key).first<{
      comment_count: number;
    }>()
  )?.comment_count ?? 0;

async function created(res: Response): Promise<PostCommentResponse> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  return json<PostCommentResponse>(res);
}

/** A reader posting from one IP, keeping the token the first post gives them. */
function reader(site: TestSite, ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`) {
  let token: string | null = null;
  return {
    get token() {
      return token;
    },
    ip,
    send(body: object) {
      return postAs(site, body, { token, ip });
    },
    async ok(body: object) {
      const saved = await created(await postAs(site, body, { token, ip }));
      token ??= saved.commenterToken ?? null;
      return saved;
    },
  };
}

describe("published", () => {
  it("201 with no reasons; counted on the story, the thread and the author; hashes stored, never the IP or token", async () => {
    const site = await createSite();
    const ana = reader(site, "203.0.113.7");
    const root = await ana.ok(comment("s", "  Hello   World  "));
    expect(root.comment.status).toBe("published");
    expect(root.reasons).toEqual([]);
    expect(root.story.commentCount).toBe(1);

    const row = (await stored(root.comment.id))!;
    expect(row.reasons).toBe("[]");
    // a keyed hash (HMAC under IP_HASH_KEY), never the IP itself
    expect(row.ip_hash).toBe(await ipHash(site.id, "203.0.113.7"));
    expect(row.ip_hash).not.toContain("203.0.113.7");
    expect(row.body_hash).toBe(await sha256Hex("hello world"));
    const author = (await commenter(row.author_id))!;
    expect(author).toEqual({ name: "Ana", comment_count: 1, approved_count: 1, token_hash: await sha256Hex(ana.token!) });

    const reply = await ana.ok(comment("s", "a reply", "Ana", { parentId: root.comment.id }));
    expect(reply.commenterToken).toBeUndefined();
    expect(reply.story.commentCount).toBe(2);
    const thread = await json<ThreadResponse>(await getThread(site, { story: "s" }));
    expect(thread.comments[0]!.replyCount).toBe(1);
    expect(await commenter(row.author_id)).toMatchObject({ comment_count: 2, approved_count: 1 + 1 });
  });
});

describe("held (201 pending, with reasons)", () => {
  it("tells the author why in their language (Accept-Language, else the site's), never naming watched words", async () => {
    const site = await createSite({ settings: { suspectWords: ["arnaque"], defaultLocale: "fr" } });
    const send = (headers: Record<string, string>) =>
      api(sitePath(site, "/comments"), {
        method: "POST",
        origin: site.origin,
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(comment("s", `Une arnaque ${crypto.randomUUID()}`, "Zoé")),
      }).then((r) => created(r));
    const english = await send({ "Accept-Language": "en-GB,en;q=0.9,fr;q=0.5" });
    expect(english.reasons).toEqual([
      { code: "suspect_words", detail: "arnaque", message: "Your comment will be published once a moderator has read it." },
    ]);
    const french = await send({ "Accept-Language": "fr-CA" });
    expect(french.reasons[0]!.message).toBe("Votre commentaire sera publié après relecture par la modération.");
    // No usable Accept-Language: the site's default language.
    expect((await send({ "Accept-Language": "de-DE" })).reasons[0]!.message).toBe(french.reasons[0]!.message);
    expect(english.reasons[0]!.message).not.toContain("arnaque");
    // The stored reasons are facts, not sentences.
    expect(JSON.parse((await stored(english.comment.id))!.reasons)).toEqual([{ code: "suspect_words", detail: "arnaque" }]);
  });

  it("suspect words: stored pending with the words, counted on the author only, shown to nobody but them", async () => {
    const site = await createSite({ settings: { suspectWords: ["arnaque", "escroc"] } });
    const ana = reader(site);
    const root = await ana.ok(comment("s", "root"));
    const held = await ana.ok(comment("s", "Quelle ARNAQUE, ce truc.", "Ana", { parentId: root.comment.id }));
    expect(held.comment.status).toBe("pending");
    expect(held.reasons).toMatchObject([{ code: "suspect_words", detail: "arnaque" }]);
    expect(held.story.commentCount).toBe(1);
    expect(JSON.parse((await stored(held.comment.id))!.reasons)).toEqual([{ code: "suspect_words", detail: "arnaque" }]);
    expect(await commenter((await stored(held.comment.id))!.author_id)).toMatchObject({ comment_count: 2, approved_count: 1 });

    const anonymous = await json<ThreadResponse>(await getThread(site, { story: "s" }));
    expect(anonymous.comments[0]!.replies).toEqual([]);
    expect(anonymous.comments[0]!.replyCount).toBe(0);
    expect(anonymous.own).toEqual([]);
    const mine = await json<ThreadResponse>(await getThreadAs(site, { story: "s" }, { token: ana.token }));
    expect(mine.own.map((c) => [c.id, c.status, c.body])).toEqual([[held.comment.id, "pending", "Quelle ARNAQUE, ce truc."]]);
  });

  it("a word that only contains a suspect word is published", async () => {
    const site = await createSite({ settings: { suspectWords: ["arnaque"] } });
    const saved = await reader(site).ok(comment("s", "Les arnaqueurs sont partout."));
    expect(saved.comment.status).toBe("published");
  });

  it("links: more than maxLinks, or any link when links are pre-moderated", async () => {
    const site = await createSite({ settings: { maxLinks: 1 } });
    const one = await reader(site).ok(comment("s", "see https://a.example"));
    expect(one.comment.status).toBe("published");
    const two = await reader(site).ok(comment("s", "see https://a.example and www.b.example"));
    expect(two.comment.status).toBe("pending");
    expect(two.reasons).toMatchObject([{ code: "links", detail: "2" }]);

    const strict = await createSite({ settings: { premoderateLinks: true } });
    const any = await reader(strict).ok(comment("s", "see https://a.example"));
    expect(any.reasons).toMatchObject([{ code: "links", detail: "1" }]);
    expect((await reader(strict).ok(comment("s", "no link"))).comment.status).toBe("published");
  });

  it("new commenters: the first N are held until one is approved", async () => {
    const site = await createSite({ settings: { newCommenterHold: 2 } });
    const ana = reader(site);
    const first = await ana.ok(comment("s", "first"));
    expect(first.reasons).toMatchObject([{ code: "new_commenter" }]);
    const second = await ana.ok(comment("s", "second"));
    expect(second.comment.status).toBe("pending");
    // A moderator approves the first (as the staff API does: published, counted).
    await env.DB.batch([
      env.DB.prepare("UPDATE comments SET status = 'published' WHERE id = ?").bind(first.comment.id),
      env.DB.prepare(
        "UPDATE commenters SET approved_count = approved_count + 1 WHERE id = (SELECT author_id FROM comments WHERE id = ?)",
      ).bind(first.comment.id),
    ]);
    const third = await ana.ok(comment("s", "third"));
    expect(third.comment.status).toBe("published");
    // Someone else is still new.
    expect((await reader(site).ok(comment("s", "hello"))).reasons).toMatchObject([{ code: "new_commenter" }]);
  });

  it("a priori mode: site-wide, per story, and a story opened on a pre-moderated site", async () => {
    const site = await createSite({ settings: { premoderation: true } });
    const held = await reader(site).ok(comment("s", "hello"));
    expect(held.comment.status).toBe("pending");
    expect(held.reasons).toMatchObject([{ code: "premoderation", detail: "site" }]);
    expect(held.story.commentCount).toBe(0);
    await env.DB.prepare("UPDATE stories SET premoderation = 0 WHERE site_id = ? AND key = 's'").bind(site.id).run();
    expect((await reader(site).ok(comment("s", "hello again"))).comment.status).toBe("published");

    const open = await createSite();
    await reader(open).ok(comment("watched", "before"));
    await env.DB.prepare("UPDATE stories SET premoderation = 1 WHERE site_id = ? AND key = 'watched'").bind(open.id).run();
    expect((await reader(open).ok(comment("watched", "after"))).reasons).toMatchObject([{ code: "premoderation", detail: "story" }]);
    expect((await reader(open).ok(comment("elsewhere", "free"))).comment.status).toBe("published");
  });

  it("the first rule that holds is the only reason recorded", async () => {
    const site = await createSite({ settings: { suspectWords: ["escroc"], maxLinks: 0, premoderation: true } });
    const saved = await reader(site).ok(comment("s", "escroc https://a.example"));
    expect(saved.reasons).toMatchObject([{ code: "suspect_words", detail: "escroc" }]);
  });
});

describe("refused", () => {
  it("403 story_closed: closed by hand, or closeAfterDays after its first comment (shown closed)", async () => {
    const site = await createSite({ settings: { closeAfterDays: 2 } });
    const ana = reader(site);
    await ana.ok(comment("s", "first"));
    const first = await env.DB.prepare("SELECT first_comment_at FROM stories WHERE site_id = ? AND key = 's'").bind(site.id).first<{
      first_comment_at: number;
    }>();
    expect(Math.abs(first!.first_comment_at - Date.now())).toBeLessThan(60_000);
    await env.DB.prepare("UPDATE stories SET first_comment_at = ? WHERE site_id = ? AND key = 's'")
      .bind(Date.now() - 2 * 86_400_000 - 1000, site.id)
      .run();
    const res = await refusedWithoutWrite(() => ana.send(comment("s", "too late")));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("story_closed");
    expect((await json<ThreadResponse>(await getThread(site, { story: "s" }))).story.status).toBe("closed");
  });

  it("403 author_banned, with until and the reason; a suspension that ended lets them post", async () => {
    const site = await createSite();
    const ana = reader(site);
    const saved = await ana.ok(comment("s", "before"));
    const authorId = (await stored(saved.comment.id))!.author_id;
    const until = Date.now() + 3_600_000;
    await env.DB.prepare("UPDATE commenters SET banned_until = ?, ban_reason = 'insults' WHERE id = ?").bind(until, authorId).run();
    const res = await refusedWithoutWrite(() => ana.send(comment("s", "during")));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: "author_banned",
      message: expect.any(String),
      details: { until: new Date(until).toISOString(), reason: "insults" },
    });

    await env.DB.prepare("UPDATE commenters SET banned_until = ? WHERE id = ?").bind(BAN_FOREVER, authorId).run();
    const forever = await refusedWithoutWrite(() => ana.send(comment("s", "still")));
    expect((await errorOf(forever)).details).toEqual({ until: null, reason: "insults" });

    await env.DB.prepare("UPDATE commenters SET banned_until = ? WHERE id = ?")
      .bind(Date.now() - 1, authorId)
      .run();
    expect((await ana.ok(comment("s", "after"))).comment.status).toBe("published");
  });

  it("429 flood per author, with Retry-After and details.retryAfter", async () => {
    const site = await createSite({ settings: { floodMaxPerAuthor: 2, floodWindowSeconds: 60 } });
    const ana = reader(site);
    await ana.ok(comment("s", "one"));
    await ana.ok(comment("s", "two"));
    const res = await refusedWithoutWrite(() => ana.send(comment("s", "three")));
    expect(res.status).toBe(429);
    const error = await errorOf(res);
    expect(error.code).toBe("flood");
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.details).toEqual({ retryAfter });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    // The widget, on another origin, may read when to try again.
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After");
    // Another reader is not held back by Ana's flood.
    expect((await reader(site).ok(comment("s", "three"))).comment.status).toBe("published");
    // Once the window has passed (her comments moved back in time), Ana may post again.
    await env.DB.prepare("UPDATE comments SET created_at = created_at - 61000 WHERE site_id = ?").bind(site.id).run();
    expect((await ana.ok(comment("s", "three"))).comment.status).toBe("published");
  });

  it("429 flood per IP, across new guests; other IPs and X-Forwarded-For's first hop count apart", async () => {
    const site = await createSite({ settings: { floodMaxPerIp: 3 } });
    for (let i = 0; i < 3; i++) await created(await postAs(site, comment("s", `guest ${i}`), { ip: "192.0.2.1" }));
    const res = await refusedWithoutWrite(() => postAs(site, comment("s", "guest 4"), { ip: "192.0.2.1" }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    await created(await postAs(site, comment("s", "other ip"), { ip: "192.0.2.2" }));
    const forwarded = (n: number) => postForwarded(site, n);
    for (let i = 0; i < 3; i++) expect((await forwarded(i)).status).toBe(201);
    expect((await forwarded(4)).status).toBe(429);
  });

  it("an unknown IP (no header at all) is not flood-limited as one reader", async () => {
    const site = await createSite({ settings: { floodMaxPerIp: 1 } });
    for (let i = 0; i < 3; i++) await created(await postAs(site, comment("s", `anon ${i}`), {}));
  });

  it("409 duplicate: the same text (case and spaces aside) from the same author, within the window only", async () => {
    const site = await createSite({ settings: { duplicateWindowSeconds: 600 } });
    const ana = reader(site);
    const first = await ana.ok(comment("s", "Same   text\nhere"));
    const res = await refusedWithoutWrite(() => ana.send(comment("s", "same text HERE")));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: "duplicate", message: expect.any(String) });
    // Someone else may say the same; Ana may say something else, or the same on another story later.
    await reader(site).ok(comment("s", "Same text here"));
    await ana.ok(comment("s", "Something else"));
    await env.DB.prepare("UPDATE comments SET created_at = created_at - 600000 WHERE id = ?").bind(first.comment.id).run();
    expect((await ana.ok(comment("s", "same text here"))).comment.status).toBe("published");
  });

  it("422 charter_violation with the words and the charter, nothing stored; confirm: true stores it rejected", async () => {
    const site = await createSite({ settings: { bannedWords: ["connard", "enfoiré"], charter: "Restez courtois." } });
    const ana = reader(site);
    await ana.ok(comment("s", "hello"));
    const res = await refusedWithoutWrite(() => ana.send(comment("s", "Quel CONNÂRD!")));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      code: "charter_violation",
      message: expect.any(String),
      details: { words: ["connard"], charter: "Restez courtois." },
    });
    // "connards" is another word: not banned.
    expect((await ana.ok(comment("s", "des connards"))).comment.status).toBe("published");

    const rejected = await ana.ok(comment("s", "Quel CONNÂRD!", "Ana", { confirm: true }));
    expect(rejected.comment.status).toBe("rejected");
    expect(rejected.reasons).toMatchObject([{ code: "banned_words", detail: "connard" }]);
    expect(rejected.story.commentCount).toBe(2);
    const row = (await stored(rejected.comment.id))!;
    expect(row.status).toBe("rejected");
    expect(await commenter(row.author_id)).toMatchObject({ comment_count: 3, approved_count: 2 });
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "s" }, { token: ana.token }));
    expect(thread.comments.map((c) => c.id)).not.toContain(rejected.comment.id);
    // Its author alone sees it, removed, with the statement of reasons of the rule that removed it.
    expect(thread.own.map((c) => [c.id, c.status, c.statement?.decision, c.statement?.source])).toEqual([
      [rejected.comment.id, "rejected", "removed", "rule"],
    ]);
  });

  it("refusals are checked before a new story is created: nothing written for an unknown story", async () => {
    const site = await createSite({ settings: { bannedWords: ["connard"] } });
    const res = await refusedWithoutWrite(() => postAs(site, comment("brand-new", "connard"), {}));
    expect(res.status).toBe(422);
    expect(await storyCount(site, "brand-new")).toBe(0);
  });
});

/** A post whose only IP hint is X-Forwarded-For (first hop 192.0.2.9, then a proxy's). */
function postForwarded(site: TestSite, n: number): Promise<Response> {
  return api(sitePath(site, "/comments"), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.9, 10.0.0.1" },
    body: JSON.stringify(comment("s", `forwarded ${n}`)),
  });
}
