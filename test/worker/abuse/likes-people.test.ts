// Issue 10, "a person is not a token", likes: a like without credentials used to mint a fresh
// reader token each time, and 200 anonymous likes counted 200. Now one network adds at most
// LIKES_PER_NETWORK guest likes to one comment, identities minted for likes are rate-limited per
// network, and a refused like writes nothing (no token minted). Each limit holds under 50-way races.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_MINTS } from "../../../worker/db/identities";
import { LIKES_PER_NETWORK } from "../../../worker/db/reactions";
import type { ReactionResponse } from "../../../worker/schemas/views";
import {
  comment,
  createSite,
  errorOf,
  json,
  postAs,
  postOk,
  refusedWithoutWrite,
  seedCommenter,
  seedComments,
  seedStory,
  type TestSite,
} from "../support";
import { react, signSso, SSO_SECRET } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET, floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
});

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;
const likes = (id: number) => count("SELECT reaction_count AS n FROM comments WHERE id = ?", id);
const minted = (siteId: string) => count("SELECT count(*) AS n FROM identity_mints WHERE site_id = ?", siteId);
const readers = (siteId: string) => count("SELECT count(*) AS n FROM commenters WHERE site_id = ? AND name = ''", siteId);

describe("anonymous likes from one network", () => {
  it("50 concurrent likes without credentials count exactly 3, and mint exactly 3 readers", async () => {
    const s = await createSite();
    const target = await postOk(s, comment("burst", "Populaire ?"));
    const answers = await Promise.all(Array.from({ length: 50 }, () => react(s, target.comment.id, { ip: "203.0.113.9" })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(LIKES_PER_NETWORK);
    expect(statuses.filter((x) => x === 429)).toHaveLength(50 - LIKES_PER_NETWORK);
    expect(await likes(target.comment.id)).toBe(LIKES_PER_NETWORK);
    expect(await readers(s.id)).toBe(LIKES_PER_NETWORK);
    expect(await minted(s.id)).toBe(LIKES_PER_NETWORK);
    const refused = answers.find((r) => r.status === 429)!;
    expect((await errorOf(refused)).code).toBe("flood");

    // 150 more, one after another: still 3
    for (let i = 0; i < 150; i += 50) {
      const more = await Promise.all(Array.from({ length: 50 }, () => react(s, target.comment.id, { ip: "203.0.113.9" })));
      expect(more.every((r) => r.status === 429)).toBe(true);
    }
    expect(await likes(target.comment.id)).toBe(LIKES_PER_NETWORK);
  });

  it("a refused like writes nothing: no reader, no token, no reaction", async () => {
    const target = await postOk(site, comment("refused", "Complet"));
    for (let i = 0; i < LIKES_PER_NETWORK; i++) expect((await react(site, target.comment.id, { ip: "203.0.113.10" })).status).toBe(200);
    const before = { readers: await readers(site.id), minted: await minted(site.id) };
    const res = await refusedWithoutWrite(() => react(site, target.comment.id, { ip: "203.0.113.10" }));
    expect(res.status).toBe(429);
    const body = await res.json<{ commenterToken?: string; error: { code: string; message: string } }>();
    expect(body.commenterToken).toBeUndefined();
    expect(body.error.message).toMatch(/likes from your network/);
    expect({ readers: await readers(site.id), minted: await minted(site.id) }).toEqual(before);
    expect(await likes(target.comment.id)).toBe(LIKES_PER_NETWORK);
  });

  it("tokens held on one network do not add more: 10 guests who posted, 3 likes", async () => {
    const target = await postOk(site, comment("tokens", "Cible"));
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await postAs(site, comment("tokens-posts", `Moi ${i}`, `Guest ${i}`), { ip: "203.0.113.11" });
      expect(res.status).toBe(201);
      tokens.push((await json<{ commenterToken: string }>(res)).commenterToken);
    }
    const answers = await Promise.all(tokens.map((token) => react(site, target.comment.id, { token, ip: "203.0.113.11" })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(LIKES_PER_NETWORK);
    expect(await likes(target.comment.id)).toBe(LIKES_PER_NETWORK);
    // a reader who already likes it may say so again (idempotent), even with the network full
    const liker = tokens[answers.findIndex((r) => r.status === 200)]!;
    expect(await json<ReactionResponse>(await react(site, target.comment.id, { token: liker, ip: "203.0.113.11" }))).toEqual({
      reacted: true,
      reactions: LIKES_PER_NETWORK,
    });
    // taking one back makes room for one more, never more than 3 at a time
    await react(site, target.comment.id, { token: liker, ip: "203.0.113.11" }, false);
    const again = await Promise.all(tokens.map((token) => react(site, target.comment.id, { token, ip: "203.0.113.11" })));
    expect(again.filter((r) => r.status === 200)).toHaveLength(LIKES_PER_NETWORK);
    expect(await likes(target.comment.id)).toBe(LIKES_PER_NETWORK);
  });

  it("each network has its own handful: 5 networks × 5 anonymous likes count 15", async () => {
    const target = await postOk(site, comment("networks", "Partout"));
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => react(site, target.comment.id, { ip: `198.51.100.${20 + (i % 5)}` })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5 * LIKES_PER_NETWORK);
    expect(await likes(target.comment.id)).toBe(5 * LIKES_PER_NETWORK);
  });

  it("readers signed in through the site are people, not capped per network", async () => {
    const target = await postOk(site, comment("sso-likes", "Pour les membres"));
    const tokens = await Promise.all(Array.from({ length: 6 }, (_, i) => signSso({ sub: `member-${i}`, name: `Membre ${i}` })));
    const answers = await Promise.all(tokens.map((token) => react(site, target.comment.id, { token, ip: "203.0.113.12" })));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(await likes(target.comment.id)).toBe(6);
  });
});

describe("reader identities minted for likes", () => {
  it("are rate-limited per network: 50 concurrent anonymous likes on 50 comments mint exactly 20, then 429 with Retry-After", async () => {
    const s = await createSite();
    const story = await seedStory(s.id, "many");
    const author = await seedCommenter(s.id, "Auteur");
    const ids = Array.from({ length: 50 }, (_, i) => 900_000_000 + i + Math.floor(Math.random() * 1000) * 100);
    await seedComments(
      s.id,
      ids.map((id) => ({ id, storyId: story, authorId: author })),
    );
    const answers = await Promise.all(ids.map((id) => react(s, id, { ip: "203.0.113.13" })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(IDENTITY_MINTS.max);
    expect(await minted(s.id)).toBe(IDENTITY_MINTS.max);
    expect(await readers(s.id)).toBe(IDENTITY_MINTS.max);
    const refused = answers.find((r) => r.status === 429)!;
    const error = await errorOf(refused);
    expect(error.code).toBe("flood");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(IDENTITY_MINTS.windowMs / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(IDENTITY_MINTS.windowMs / 1000);
    expect(error.details?.retryAfter).toBe(retryAfter);

    // a minted token keeps working without minting again
    const token = (await answers.find((r) => r.status === 200)!.json<ReactionResponse>()).commenterToken!;
    const other = ids.find((_, i) => answers[i]!.status === 429)!;
    expect((await react(s, other, { token, ip: "203.0.113.13" })).status).toBe(200);
    expect(await minted(s.id)).toBe(IDENTITY_MINTS.max);
  });
});
