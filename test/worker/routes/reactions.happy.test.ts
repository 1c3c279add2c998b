// PUT and DELETE /api/v1/{site}/comments/{id}/reaction: one reaction per reader, exact under concurrency.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReactionResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, getThreadAs, json, postOk, type TestSite } from "../support";
import { SSO_SECRET, react, signSso } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
});

async function stored(id: number): Promise<{ count: number; rows: number }> {
  const row = await env.DB.prepare(
    "SELECT reaction_count AS count, (SELECT count(*) FROM reactions WHERE comment_id = ?1) AS rows FROM comments WHERE id = ?1",
  )
    .bind(id)
    .first<{ count: number; rows: number }>();
  return row!;
}

describe("reactions", () => {
  it("count exactly under 50 concurrent PUTs from 50 readers on 50 networks, then 25 concurrent DELETEs", async () => {
    const target = await postOk(site, comment("busy", "Populaire"));
    const readers = [];
    for (let i = 0; i < 50; i++) readers.push((await postOk(site, comment(`reader-${i}`, `Lecteur ${i}`))).commenterToken!);
    const puts = await Promise.all(readers.map((token, i) => react(site, target.comment.id, { token, ip: `198.51.100.${i + 1}` })));
    expect(puts.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await stored(target.comment.id)).toEqual({ count: 50, rows: 50 });

    const deletes = await Promise.all(readers.slice(0, 25).map((token) => react(site, target.comment.id, { token }, false)));
    expect(deletes.map((r) => r.status)).toEqual(Array(25).fill(200));
    expect(await stored(target.comment.id)).toEqual({ count: 25, rows: 25 });
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "busy" }, { token: readers[30] }));
    expect(thread.comments[0]).toMatchObject({ reactions: 25, reacted: true });
    const unreacted = await json<ThreadResponse>(await getThreadAs(site, { story: "busy" }, { token: readers[0] }));
    expect(unreacted.comments[0]).toMatchObject({ reactions: 25, reacted: false });
  });

  it("is idempotent: one reader's repeated PUTs (even concurrent) count once, repeated DELETEs change nothing", async () => {
    const target = await postOk(site, comment("idem", "Une fois"));
    const reader = (await postOk(site, comment("idem-other", "Moi"))).commenterToken!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => react(site, target.comment.id, { token: reader })));
    for (const res of answers) expect(await json<ReactionResponse>(res)).toEqual({ reacted: true, reactions: 1 });
    expect(await stored(target.comment.id)).toEqual({ count: 1, rows: 1 });
    for (let i = 0; i < 2; i++) {
      expect(await json<ReactionResponse>(await react(site, target.comment.id, { token: reader }, false))).toEqual({
        reacted: false,
        reactions: 0,
      });
    }
  });

  it("from a reader with no identity makes them a guest and answers their token, which then reads as theirs", async () => {
    const target = await postOk(site, comment("anon", "Sans compte"));
    const res = await react(site, target.comment.id);
    expect(res.status).toBe(200);
    const answer = await json<ReactionResponse>(res);
    expect(answer).toEqual({ reacted: true, reactions: 1, commenterToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "anon" }, { token: answer.commenterToken }));
    expect(thread.comments[0]).toMatchObject({ reactions: 1, reacted: true, own: false });
    expect(thread.viewer).toEqual({ name: "", kind: "guest", avatar: null });
  });

  it("counts an SSO reader once across their tokens", async () => {
    const target = await postOk(site, comment("sso-react", "Pour les membres"));
    await react(site, target.comment.id, { token: await signSso({ sub: "fan", name: "Fan" }) });
    const again = await react(site, target.comment.id, { token: await signSso({ sub: "fan", name: "Fan renamed" }) });
    expect(await json<ReactionResponse>(again)).toEqual({ reacted: true, reactions: 1 });
  });
});
