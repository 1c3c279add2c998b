// Issue 10, "limits decided with the write": 50 posts at once from one author, from one network,
// or with one text. Each limit holds exactly, the refused ones say why and write nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { SSO_SECRET, signSso } from "../sso-support";
import { comment, createSite, errorOf, postAs, type TestSite } from "../support";

async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;
}

/** Sends the posts all at once; returns the statuses, and each refusal's code and Retry-After. */
async function burst(send: () => Promise<Response>, n = 50) {
  const responses = await Promise.all(Array.from({ length: n }, send));
  const refusals = await Promise.all(
    responses
      .filter((r) => r.status !== 201)
      .map(async (r) => ({ status: r.status, code: (await errorOf(r)).code, retryAfter: r.headers.get("Retry-After") })),
  );
  return { accepted: responses.filter((r) => r.status === 201), refusals };
}

async function storyCount(site: TestSite, key: string): Promise<number> {
  return (
    (await env.DB.prepare("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = ?").bind(site.id, key).first<{ n: number }>())
      ?.n ?? 0
  );
}

describe("50 concurrent posts", () => {
  it("from one reader signed in through the site, floodMaxPerAuthor 5: exactly 5 accepted, 45 refused 429 with Retry-After", async () => {
    const site = await createSite({ settings: { ssoSecret: SSO_SECRET, floodMaxPerAuthor: 5, floodMaxPerIp: 1000 } });
    const token = await signSso({ sub: "racer", name: "Racer", email: "racer@example.org" });
    let i = 0;
    const { accepted, refusals } = await burst(() => postAs(site, comment("race", `comment ${i++}`), { token, ip: "203.0.113.10" }));
    expect(accepted).toHaveLength(5);
    expect(refusals).toHaveLength(45);
    for (const r of refusals) {
      expect(r).toMatchObject({ status: 429, code: "flood" });
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site.id)).toBe(5);
    // One commenter, counted once per stored comment: the refused batches wrote nothing.
    expect(await env.DB.prepare("SELECT comment_count, name FROM commenters WHERE site_id = ?").bind(site.id).all()).toMatchObject({
      results: [{ comment_count: 5, name: "Racer" }],
    });
    expect(await storyCount(site, "race")).toBe(5);
  });

  it("from one guest with a token, floodMaxPerAuthor 5: 1 before, then exactly 4 of 50", async () => {
    const site = await createSite({ settings: { floodMaxPerAuthor: 5, floodMaxPerIp: 1000 } });
    const first = await postAs(site, comment("race", "first"), { ip: "203.0.113.11" });
    const token = (await first.json<PostCommentResponse>()).commenterToken!;
    let i = 0;
    const { accepted, refusals } = await burst(() => postAs(site, comment("race", `again ${i++}`), { token, ip: "203.0.113.11" }));
    expect(accepted).toHaveLength(4);
    expect(new Set(refusals.map((r) => `${r.status} ${r.code}`))).toEqual(new Set(["429 flood"]));
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site.id)).toBe(5);
    expect(await count("SELECT comment_count AS n FROM commenters WHERE site_id = ?", site.id)).toBe(5);
  });

  it("from one network, 50 different new guests, floodMaxPerIp 20: exactly 20 accepted, and 20 guests made", async () => {
    const site = await createSite({ settings: { floodMaxPerAuthor: 5, floodMaxPerIp: 20 } });
    let i = 0;
    const { accepted, refusals } = await burst(() => {
      const n = i++;
      return postAs(site, comment("net", `guest ${n} here`, `Guest ${n}`), { ip: "198.51.100.77" });
    });
    expect(accepted).toHaveLength(20);
    expect(refusals).toHaveLength(30);
    for (const r of refusals) expect(r).toMatchObject({ status: 429, code: "flood" });
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site.id)).toBe(20);
    // No guest was made for a refused post: no token was handed out with it either.
    expect(await count("SELECT count(*) AS n FROM commenters WHERE site_id = ?", site.id)).toBe(20);
    expect(await storyCount(site, "net")).toBe(20);
    // Another network is not concerned.
    expect((await postAs(site, comment("net", "from elsewhere", "Other"), { ip: "198.51.100.78" })).status).toBe(201);
  });

  it("with the same text from one author: exactly 1 accepted, 49 refused 409 duplicate", async () => {
    const site = await createSite({ settings: { ssoSecret: SSO_SECRET, floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
    const token = await signSso({ sub: "echo", name: "Echo" });
    const { accepted, refusals } = await burst(() => postAs(site, comment("dup", "The very same words"), { token, ip: "203.0.113.12" }));
    expect(accepted).toHaveLength(1);
    expect(refusals).toHaveLength(49);
    for (const r of refusals) expect(r).toMatchObject({ status: 409, code: "duplicate" });
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site.id)).toBe(1);
    expect(await count("SELECT comment_count AS n FROM commenters WHERE site_id = ?", site.id)).toBe(1);
  });

  it("opening new stories from one network: the story rule's limit holds in the post's batch (30 an hour), refusals write nothing", async () => {
    const site = await createSite({ settings: { floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
    let i = 0;
    const { accepted, refusals } = await burst(() => {
      const n = i++;
      return postAs(site, comment(`new-story-${n}`, `opening story ${n}`, `Opener ${n}`), { ip: "198.51.100.90" });
    }, 40);
    expect(accepted).toHaveLength(30);
    for (const r of refusals) {
      expect(r).toMatchObject({ status: 429, code: "flood" });
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(await count("SELECT count(*) AS n FROM stories WHERE site_id = ?", site.id)).toBe(30);
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site.id)).toBe(30);
    expect(await count("SELECT count(*) AS n FROM commenters WHERE site_id = ?", site.id)).toBe(30);
  });

  it("the guard leaves nothing behind: its table is empty after accepted and refused posts", async () => {
    expect(await count("SELECT count(*) AS n FROM post_guards")).toBe(0);
  });
});
