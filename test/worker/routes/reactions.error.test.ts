// PUT and DELETE /api/v1/{site}/comments/{id}/reaction: what is refused.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, createSite, errorOf, postOk, refusedWithoutWrite, type TestSite } from "../support";
import { deleteComment, react } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"] } });
});

describe("reactions are refused", () => {
  it("on an unknown, held or deleted comment (404), with nothing written", async () => {
    const held = await postOk(site, comment("held", "Un peu louche"));
    const gone = await postOk(site, comment("held", "Bientôt effacé"));
    await deleteComment(site, gone.comment.id, { token: gone.commenterToken });
    for (const id of [99_999_999, held.comment.id, gone.comment.id]) {
      const res = await refusedWithoutWrite(() => react(site, id, { token: held.commenterToken }));
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("comment_not_found");
    }
  });

  it("on a placeholder (a deleted comment kept for its replies): 404", async () => {
    const root = await postOk(site, comment("placeholder", "Racine"));
    await postOk(site, comment("placeholder", "Réponse", "Bob", { parentId: root.comment.id }));
    await deleteComment(site, root.comment.id, { token: root.commenterToken });
    const res = await react(site, root.comment.id, { token: root.commenterToken });
    expect(res.status).toBe(404);
  });

  it("DELETE without credentials: 401; with an unknown token: 401 invalid_token", async () => {
    const target = await postOk(site, comment("creds", "Texte"));
    const none = await refusedWithoutWrite(() => react(site, target.comment.id, {}, false));
    expect(none.status).toBe(401);
    const unknown = await refusedWithoutWrite(() => react(site, target.comment.id, { token: "x".repeat(43) }));
    expect(unknown.status).toBe(401);
    expect((await errorOf(unknown)).code).toBe("invalid_token");
  });

  it("without an Origin (no browser) or from another origin: 403", async () => {
    const target = await postOk(site, comment("origin", "Texte"));
    expect((await react(site, target.comment.id, { token: target.commenterToken, origin: null })).status).toBe(403);
    expect((await react(site, target.comment.id, { token: target.commenterToken, origin: "https://evil.example" })).status).toBe(403);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM reactions WHERE comment_id = ?")
      .bind(target.comment.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });
});
