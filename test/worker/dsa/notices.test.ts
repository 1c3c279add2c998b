// Notices of illegal content, reader side (DSA Art. 16, issue 11 point 2): anyone, without an
// account, notifies a comment with a legal ground, an explanation, optionally a name and an
// address, and a statement of good faith; they get a reference at once and, with an address, a
// receipt by mail. At most 10 notices per network per site per hour, decided in the insert.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { NoticeResponse } from "../../../worker/schemas/dsa-notices";
import { comment, createSite, errorOf, json, postOk, seedCommenter, seedComments, seedStory, type TestSite } from "../support";
import { mailsOf, noticeByReference, noticeSnapshot, noticesOf, notify, validNotice } from "./notices-support";

let site: TestSite;
let other: TestSite;
let target: number;

beforeAll(async () => {
  site = await createSite({
    name: "Le Journal",
    origins: ["https://journal.example"],
    settings: { defaultLocale: "fr", floodMaxPerAuthor: 0, floodMaxPerIp: 0 },
  });
  other = await createSite({ settings: { floodMaxPerIp: 0 } });
  const saved = await postOk(site, comment("https://journal.example/article-1", "Ce maire est un escroc notoire.", "Gérard"));
  target = saved.comment.id;
});

const REFERENCE = /^N-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/;

describe("a notice", () => {
  it("gets a reference at once (201), stored with the network's keyed hash, never the IP", async () => {
    const res = await notify(site, target, { ...validNotice, name: "Jeanne Martin" }, "198.51.100.20");
    expect(res.status).toBe(201);
    const body = await json<NoticeResponse>(res);
    expect(Object.keys(body).sort()).toEqual(["createdAt", "reference"]);
    expect(body.reference).toMatch(REFERENCE);
    expect(Math.abs(Date.parse(body.createdAt) - Date.now())).toBeLessThan(60_000);
    const row = (await noticeByReference(body.reference))!;
    expect(row).toMatchObject({
      comment_id: target,
      ground: "defamation",
      explanation: validNotice.explanation,
      name: "Jeanne Martin",
      email: null,
      status: "open",
      outcome: null,
    });
    expect(row.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.ip_hash).not.toContain("198.51.100.20");
  });

  it("references are random and distinct", async () => {
    const refs = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const res = await notify(site, target, validNotice, `198.51.100.${100 + i}`);
      refs.add((await json<NoticeResponse>(res)).reference);
    }
    expect(refs.size).toBe(8);
  });

  it("with an address: a receipt with the reference, in the site's language; without: no mail", async () => {
    const before = (await mailsOf(site.id)).length;
    const res = await notify(site, target, { ...validNotice, email: "  jeanne@example.org " }, "198.51.100.21");
    const { reference } = await json<NoticeResponse>(res);
    expect((await noticeByReference(reference))!.email).toBe("jeanne@example.org");
    const mails = (await mailsOf(site.id)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: "jeanne@example.org", topic: "notice" });
    expect(mails[0]!.subject).toBe(`Votre signalement ${reference} (Le Journal)`);
    expect(mails[0]!.body).toContain(`Référence\u00a0: ${reference}`);
    expect(mails[0]!.body).toContain("Diffamation");
    expect(mails[0]!.body).toContain("Ce maire est un escroc notoire.");
    expect(mails[0]!.body).toContain(`https://journal.example/article-1#comment-${target}`);

    await notify(site, target, validNotice, "198.51.100.22");
    expect((await mailsOf(site.id)).length).toBe(before + 1);
  });

  it("the receipt's HTML part is the text, escaped: a comment's markup stays text", async () => {
    const trap = await postOk(
      site,
      comment("https://journal.example/article-1", `Voici <img src=x onerror="alert(1)"> & <b>gras</b>`, "Gérard"),
    );
    const before = (await mailsOf(site.id)).length;
    await notify(site, trap.comment.id, { ...validNotice, email: "jeanne@example.org" }, "198.51.100.25");
    const [mail] = (await mailsOf(site.id)).slice(before);
    expect(mail!.body).toContain(`<img src=x onerror="alert(1)"> & <b>gras</b>`);
    expect(mail!.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;gras&lt;/b&gt;");
    expect(mail!.html).not.toMatch(/<img|<b>/);
    expect(mail!.html!.startsWith("<p>")).toBe(true);
  });

  it("a blank name or address is none", async () => {
    const res = await notify(site, target, { ...validNotice, name: "  ", email: "" }, "198.51.100.23");
    expect(res.status).toBe(201);
    const row = (await noticeByReference((await json<NoticeResponse>(res)).reference))!;
    expect([row.name, row.email]).toEqual([null, null]);
  });

  it("every legal ground is accepted", async () => {
    for (const ground of [
      "hate_speech",
      "harassment",
      "privacy",
      "copyright",
      "illegal_advertising",
      "terrorism",
      "child_safety",
      "other_illegal",
    ]) {
      expect((await notify(site, target, { ...validNotice, ground }, "198.51.100.24")).status, ground).toBe(201);
    }
  });
});

describe("refused, with nothing written", () => {
  const cases: [string, unknown, string][] = [
    ["no ground", { ...validNotice, ground: undefined }, "ground"],
    ["a ground that is not a legal ground (a report reason)", { ...validNotice, ground: "spam" }, "ground"],
    ["a terms ground (charter)", { ...validNotice, ground: "charter" }, "ground"],
    ["no explanation", { ...validNotice, explanation: undefined }, "explanation"],
    ["an explanation of 9 characters", { ...validNotice, explanation: "Illégal !" }, "explanation"],
    ["an explanation of blanks", { ...validNotice, explanation: "          \n   " }, "explanation"],
    ["an explanation of 5001 characters", { ...validNotice, explanation: "é".repeat(5001) }, "explanation"],
    ["an explanation with a control character", { ...validNotice, explanation: "Un texte\u0007 assez long" }, "explanation"],
    ["goodFaith missing", { ...validNotice, goodFaith: undefined }, "goodFaith"],
    ["goodFaith false", { ...validNotice, goodFaith: false }, "goodFaith"],
    ["goodFaith as text", { ...validNotice, goodFaith: "true" }, "goodFaith"],
    ["a malformed address", { ...validNotice, email: "jeanne@" }, "email"],
    ["an address with a display name", { ...validNotice, email: "Jeanne <jeanne@example.org>" }, "email"],
    ["an address that is not text", { ...validNotice, email: 42 }, "email"],
    ["a name of 61 characters", { ...validNotice, name: "n".repeat(61) }, "name"],
    ["a name of invisible characters", { ...validNotice, name: "\u200b\u200b" }, "name"],
    ["a name with a bidi control", { ...validNotice, name: "Jeanne\u202eM" }, "name"],
  ];
  for (const [what, body, path] of cases) {
    it(`${what}: 400 validation_failed at ${path}`, async () => {
      const before = await noticeSnapshot();
      const res = await notify(site, target, body, "198.51.100.30");
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual([path]);
      expect(error.message).toContain(path);
      expect(await noticeSnapshot()).toBe(before);
    });
  }

  it("the explanation's limits in words: too short and too long say so", async () => {
    const short = await errorOf(await notify(site, target, { ...validNotice, explanation: "Court" }));
    expect(short.issues?.[0]?.code).toBe("too_short");
    expect(short.message).toMatch(/shorter than 10 characters/);
    const long = await errorOf(await notify(site, target, { ...validNotice, explanation: "x".repeat(5001) }));
    expect(long.issues?.[0]?.code).toBe("too_long");
    const email = await errorOf(await notify(site, target, { ...validNotice, email: "pas une adresse" }));
    expect(email.issues?.[0]?.code).toBe("invalid_email");
    const faith = await errorOf(await notify(site, target, { ...validNotice, goodFaith: false }));
    expect(faith.message).toMatch(/goodFaith must be true/);
  });

  it("exactly 10 characters is enough, 5000 is not too many", async () => {
    expect((await notify(site, target, { ...validNotice, explanation: "0123456789" }, "198.51.100.31")).status).toBe(201);
    expect((await notify(site, target, { ...validNotice, explanation: "é".repeat(5000) }, "198.51.100.31")).status).toBe(201);
  });

  it("a comment that readers cannot see, or another site's, is 404 comment_not_found", async () => {
    const held = await postOk(site, comment("https://journal.example/article-1", "En attente", "Paul"));
    const gone = await postOk(site, comment("https://journal.example/article-1", "Retiré", "Paul"));
    await env.DB.batch([
      env.DB.prepare("UPDATE comments SET status = 'pending' WHERE id = ?").bind(held.comment.id),
      env.DB.prepare("UPDATE comments SET status = 'rejected' WHERE id = ?").bind(gone.comment.id),
    ]);
    const elsewhere = await postOk(other, comment("elsewhere", "Ailleurs"));
    for (const id of [held.comment.id, gone.comment.id, elsewhere.comment.id, 999_999_999]) {
      const before = await noticeSnapshot();
      const res = await notify(site, id, validNotice, "198.51.100.32");
      expect(res.status, String(id)).toBe(404);
      expect((await errorOf(res)).code).toBe("comment_not_found");
      expect(await noticeSnapshot()).toBe(before);
    }
  });

  it("not JSON, or a bad id: 415 / 400", async () => {
    const before = await noticeSnapshot();
    expect((await notify(site, target, "{not json")).status).toBe(400);
    expect((await notify(site, "1e3", validNotice)).status).toBe(400);
    expect(await noticeSnapshot()).toBe(before);
  });
});

describe("at most 10 notices per network per site per hour", () => {
  it("50 concurrent notices from one network: exactly 10 written, the other 40 refused 429 flood with Retry-After", async () => {
    const ip = "203.0.113.90";
    const countBefore = (await noticesOf(site.id)).length;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => notify(site, target, { ...validNotice, email: `n${i}@example.org` }, ip)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    for (const res of answers.filter((r) => r.status === 429)) {
      const retryAfter = Number(res.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(3500);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      const error = await errorOf(res);
      expect(error.code).toBe("flood");
      expect(error.details).toEqual({ retryAfter });
    }
    expect((await noticesOf(site.id)).length).toBe(countBefore + 10);
    // Only the 10 accepted got a receipt.
    const receipts = (await mailsOf(site.id)).filter((m) => /^n\d+@example\.org$/.test(m.recipient));
    expect(receipts).toHaveLength(10);
  });

  it("another network, or the same network on another site, is not limited by it", async () => {
    expect((await notify(site, target, validNotice, "203.0.113.91")).status).toBe(201);
    const elsewhere = await postOk(other, comment("elsewhere-2", "Ailleurs encore"));
    expect((await notify(other, elsewhere.comment.id, validNotice, "203.0.113.90")).status).toBe(201);
  });

  it("the hour slides: notices older than an hour no longer count, and Retry-After says when the oldest leaves the window", async () => {
    const ip = "203.0.113.92";
    for (let i = 0; i < 10; i++) expect((await notify(site, target, validNotice, ip)).status).toBe(201);
    expect((await notify(site, target, validNotice, ip)).status).toBe(429);
    // The network's first notice was received 59 minutes ago: it leaves the window in a minute.
    const [first] = (await noticesOf(site.id)).filter((n) => n.ip_hash !== null).slice(-10);
    await env.DB.prepare("UPDATE notices SET created_at = ? WHERE id = ?")
      .bind(Date.now() - 59 * 60_000, first!.id)
      .run();
    const refused = await notify(site, target, validNotice, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    await env.DB.prepare("UPDATE notices SET created_at = ? WHERE id = ?")
      .bind(Date.now() - 61 * 60_000, first!.id)
      .run();
    expect((await notify(site, target, validNotice, ip)).status).toBe(201);
    expect((await notify(site, target, validNotice, ip)).status).toBe(429);
  });
});

describe("the bot check, on a site that asks for it", () => {
  it("a notice without a Turnstile token: 403 bot_check_failed, nothing written", async () => {
    const guarded = await createSite({
      settings: { turnstile: true, turnstileSiteKey: "0x4AAAAAAAstubSiteKey", turnstileSecret: "stub-turnstile-secret-0123456789" },
    });
    // seeded directly: a guest post on this site would need the check too
    const id = 60_000_000 + Math.floor(Math.random() * 1_000_000);
    await seedComments(guarded.id, [{ id, storyId: await seedStory(guarded.id, "s"), authorId: await seedCommenter(guarded.id, "Ana") }]);
    const before = await noticeSnapshot();
    const res = await notify(guarded, id, { ...validNotice, email: "x@example.org" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("bot_check_failed");
    expect(await noticeSnapshot()).toBe(before);
  });
});
