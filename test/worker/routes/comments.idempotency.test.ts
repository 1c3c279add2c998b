// POST /api/v1/{site}/comments with an Idempotency-Key: a retry whose first answer was lost gets the
// first result back, and the comment (and a new guest) is stored once, even under 50 concurrent tries.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { api, comment, createSite, errorOf, json, refusedWithoutWrite, sitePath, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerIp: 1000, floodMaxPerAuthor: 1000, bannedWords: ["connard"] } });
});

const newKey = () => crypto.randomUUID();

function postWithKey(target: TestSite, body: object, key: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": key };
  if (token) headers.Authorization = `Bearer ${token}`;
  return api(sitePath(target, "/comments"), { method: "POST", origin: target.origin, headers, body: JSON.stringify(body) });
}

async function storedWithBody(body: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE body = ?").bind(body).first<{ n: number }>();
  return row!.n;
}

describe("a retried post", () => {
  it("answers the first result again, the same guest token included, and stores nothing new", async () => {
    const key = newKey();
    const body = comment("retries", "Ma connexion a coupé au mauvais moment", "Inès");
    const first = await json<PostCommentResponse>(await postWithKey(site, body, key));
    const again = await postWithKey(site, body, key);
    expect(again.status).toBe(201);
    const second = await json<PostCommentResponse>(again);
    expect(second.comment.id).toBe(first.comment.id);
    expect(second.comment).toMatchObject({ body: first.comment.body, own: true, status: "published" });
    expect(second.commenterToken).toBe(first.commenterToken);
    expect(second.story.commentCount).toBe(first.story.commentCount);
    expect(await storedWithBody("Ma connexion a coupé au mauvais moment")).toBe(1);
    // The token answered twice is a working one: it names the author of the comment.
    const edit = await api(sitePath(site, `/comments/${first.comment.id}`), {
      method: "PATCH",
      origin: site.origin,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${second.commenterToken}` },
      body: JSON.stringify({ body: "Ma connexion a coupé, c'est revenu" }),
    });
    expect(edit.status).toBe(200);
  });

  it("stores one comment and one guest when 50 tries of the same post arrive at once", async () => {
    const key = newKey();
    const text = `Cinquante fois la même chose ${key}`;
    const before = await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE site_id = ?").bind(site.id).first<{ n: number }>();
    const answers = await Promise.all(Array.from({ length: 50 }, () => postWithKey(site, comment("burst", text, "Rafale"), key)));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    const bodies = await Promise.all(answers.map((r) => json<PostCommentResponse>(r)));
    expect(new Set(bodies.map((b) => b.comment.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.commenterToken)).size).toBe(1);
    expect(await storedWithBody(text)).toBe(1);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE site_id = ?").bind(site.id).first<{ n: number }>();
    expect(after!.n - before!.n).toBe(1);
  });

  it("of a known reader answers the first result without a new token", async () => {
    const first = await json<PostCommentResponse>(await postWithKey(site, comment("retries", "Premier avis", "Jules"), newKey()));
    const key = newKey();
    const body = comment("retries", "Second avis, même lecteur", "Jules");
    const a = await json<PostCommentResponse>(await postWithKey(site, body, key, first.commenterToken));
    const b = await json<PostCommentResponse>(await postWithKey(site, body, key, first.commenterToken));
    expect(b.comment.id).toBe(a.comment.id);
    expect(a.commenterToken).toBeUndefined();
    expect(b.commenterToken).toBeUndefined();
  });

  it("whose first try was refused runs through the rules again: nothing was stored", async () => {
    const key = newKey();
    const refused = await postWithKey(site, comment("retries", "Quel connard", "Paul"), key);
    expect(refused.status).toBe(422);
    // Sent anyway: another request (confirm), the same key, stored once as rejected.
    const sent = await postWithKey(site, comment("retries", "Quel connard", "Paul", { confirm: true }), key);
    expect(sent.status).toBe(201);
    expect((await json<PostCommentResponse>(sent)).comment.status).toBe("rejected");
  });

  it("is a new post on another site, whose keys are its own", async () => {
    const other = await createSite({ settings: { floodMaxPerIp: 1000 } });
    const key = newKey();
    const a = await json<PostCommentResponse>(await postWithKey(site, comment("s", "Même clé, deux sites", "Léa"), key));
    const b = await json<PostCommentResponse>(await postWithKey(other, comment("s", "Même clé, deux sites", "Léa"), key));
    expect(b.comment.id).not.toBe(a.comment.id);
  });
});

describe("a refused key", () => {
  it("sent again with another post: 422 idempotency_key_reused, nothing written", async () => {
    const key = newKey();
    expect((await postWithKey(site, comment("k", "Le premier texte", "Zoé"), key)).status).toBe(201);
    const res = await refusedWithoutWrite(() => postWithKey(site, comment("k", "Un tout autre texte", "Zoé"), key));
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("idempotency_key_reused");
  });

  it.each(["short", "spaces are not allowed in it!", "x".repeat(129)])(
    "that is not a random value (%j): 400, nothing written",
    async (key) => {
      const res = await refusedWithoutWrite(() => postWithKey(site, comment("k", "Avec une clé douteuse", "Zoé"), key));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_idempotency_key");
    },
  );

  it("may be sent by the site's pages: the preflight allows the header", async () => {
    const res = await api(sitePath(site, "/comments"), {
      method: "OPTIONS",
      origin: site.origin,
      headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, idempotency-key" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Headers")).toContain("Idempotency-Key");
  });
});
