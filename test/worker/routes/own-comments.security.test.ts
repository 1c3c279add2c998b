// PATCH and DELETE /api/v1/{site}/comments/{id}: only the author, proven by their guest token or SSO identity.
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { comment, createSite, errorOf, json, postAs, postOk, refusedWithoutWrite, type TestSite } from "../support";
import { SSO_SECRET, deleteComment, editComment, signSso } from "../sso-support";

let site: TestSite;
let other: TestSite;
let guest: PostCommentResponse;
let sso: PostCommentResponse;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
  other = await createSite({ settings: { ssoSecret: "another-site-secret-0123456789-abcdefgh" } });
  guest = await postOk(site, comment("owned", "Par un invité"));
  sso = await json<PostCommentResponse>(
    await postAs(site, comment("owned", "Par un membre"), { token: await signSso({ sub: "member-1", name: "Membre" }) }),
  );
});

const both = [
  ["PATCH", (s: TestSite, id: number, token?: string) => editComment(s, id, { body: "Piraté" }, { token })],
  ["DELETE", (s: TestSite, id: number, token?: string) => deleteComment(s, id, { token })],
] as const;

describe.each(both)("%s /comments/{id}", (_method, send) => {
  it("without credentials: 401", async () => {
    const res = await refusedWithoutWrite(() => send(site, guest.comment.id));
    expect(res.status).toBe(401);
  });

  it("with another guest's token: 403 not_author", async () => {
    const stranger = await postOk(site, comment("elsewhere", "Autre"));
    const res = await refusedWithoutWrite(() => send(site, guest.comment.id, stranger.commenterToken));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("not_author");
  });

  it("with another SSO reader's token: 403 not_author, on a guest's or a member's comment", async () => {
    const token = await signSso({ sub: "member-2", name: "Intrus" });
    for (const id of [guest.comment.id, sso.comment.id]) {
      const res = await send(site, id, token);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("not_author");
    }
  });

  it("with the author's sub but an expired token: 401 sso_token_expired", async () => {
    const token = await signSso({ sub: "member-1", name: "Membre", exp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await refusedWithoutWrite(() => send(site, sso.comment.id, token));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("sso_token_expired");
  });

  it("with the author's sub signed by someone else (forged, other site's secret, alg none): 401 invalid_sso_token", async () => {
    const forged = [
      await signSso({ sub: "member-1", name: "Membre" }, "not-the-site-secret-0123456789-abcdef"),
      await signSso({ sub: "member-1", name: "Membre" }, "another-site-secret-0123456789-abcdefgh"),
      (await signSso({ sub: "member-1", name: "Membre" }, SSO_SECRET, { alg: "none" })).replace(/\.[^.]+$/, ".AAAA"),
    ];
    for (const token of forged) {
      const res = await refusedWithoutWrite(() => send(site, sso.comment.id, token));
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("invalid_sso_token");
    }
  });

  it("with a token made for another site (aud): 401 invalid_sso_token", async () => {
    const token = await signSso({ sub: "member-1", name: "Membre", aud: other.id });
    const res = await send(site, sso.comment.id, token);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("invalid_sso_token");
  });

  it("from another site's API with the author's own token: 404 (comments are per site)", async () => {
    const res = await send(other, guest.comment.id, guest.commenterToken);
    expect([401, 404]).toContain(res.status);
  });
});

describe("the author", () => {
  it("edits and deletes their own comment: guest token and SSO identity (a fresh token, same sub)", async () => {
    expect((await editComment(site, guest.comment.id, { body: "Corrigé" }, { token: guest.commenterToken })).status).toBe(200);
    const fresh = await signSso({ sub: "member-1", name: "Membre" });
    expect((await editComment(site, sso.comment.id, { body: "Corrigé aussi" }, { token: fresh })).status).toBe(200);
    expect((await deleteComment(site, sso.comment.id, { token: fresh })).status).toBe(200);
    expect((await deleteComment(site, guest.comment.id, { token: guest.commenterToken })).status).toBe(200);
  });
});
