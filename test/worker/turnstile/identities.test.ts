// Who is asked for the bot check: readers without an identity (likes and reports without a reader
// token or sign-in; every guest post), never a reader signed in through the site, a reader whose
// token already exists (likes, reports), nor edits and deletions (they need a token). The widget
// learns from the thread's site context whether and with which key to show Turnstile.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countRows, errorOf } from "../support";
import { SSO_SECRET, signSso } from "../sso-support";
import type { PostCommentResponse, ReactionResponse, ThreadResponse } from "../../../worker/schemas/views";
import { call, goodToken, guestComment, newStory, newTag, publishedComment, SITE_KEY, stubCalls, stubUrl, turnstileSite } from "./support";

/** Rows a like or a report could write, reactions and minted identities included. */
async function snapshot() {
  const [reactions, mints] = await env.DB.batch<{ n: number }>([
    env.DB.prepare("SELECT COUNT(*) AS n FROM reactions"),
    env.DB.prepare("SELECT COUNT(*) AS n FROM identity_mints"),
  ]);
  return { ...(await countRows()), reactions: reactions!.results[0]!.n, mints: mints!.results[0]!.n };
}

async function refusedWithoutAnyWrite(send: () => Promise<Response>): Promise<Response> {
  const before = await snapshot();
  const res = await send();
  expect(await snapshot()).toEqual(before);
  return res;
}

describe("likes", () => {
  it("a like without a reader token needs a token siteverify accepts; refused, it writes nothing", async () => {
    const site = await turnstileSite();
    const verifyUrl = stubUrl(newTag());
    const { id } = await publishedComment(site, verifyUrl);
    for (const turnstile of [undefined, "forged"]) {
      const res = await refusedWithoutAnyWrite(() => call(site, `/comments/${id}/reaction`, { method: "PUT", turnstile, verifyUrl }));
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("bot_check_failed");
    }
    const token = goodToken(site);
    const liked = await call(site, `/comments/${id}/reaction`, { method: "PUT", turnstile: token, verifyUrl, ip: "198.51.100.9" });
    expect(liked.status).toBe(200);
    const body = await liked.json<ReactionResponse>();
    expect(body).toEqual({ reacted: true, reactions: 1, commenterToken: expect.any(String) });
    // the same token again, by someone else: a replay
    const again = await refusedWithoutAnyWrite(() =>
      call(site, `/comments/${id}/reaction`, { method: "PUT", turnstile: token, verifyUrl, ip: "198.51.100.10" }),
    );
    expect(again.status).toBe(403);
  });

  it("a reader with a token likes and takes it back with no check and no siteverify call", async () => {
    const site = await turnstileSite();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const reader = await publishedComment(site, stubUrl(newTag()));
    const tag = newTag();
    const liked = await call(site, `/comments/${id}/reaction`, { method: "PUT", bearer: reader.token, verifyUrl: stubUrl(tag) });
    expect(liked.status).toBe(200);
    const unliked = await call(site, `/comments/${id}/reaction`, { method: "DELETE", bearer: reader.token, verifyUrl: stubUrl(tag) });
    expect(unliked.status).toBe(200);
    expect(await stubCalls(tag)).toEqual([]);
  });

  it("an invented reader token does not skip the check: it is refused as a token (401), writing nothing", async () => {
    const site = await turnstileSite();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const res = await refusedWithoutAnyWrite(() =>
      call(site, `/comments/${id}/reaction`, { method: "PUT", bearer: "an-invented-guest-token-0123456789" }),
    );
    expect(res.status).toBe(401);
    const report = await refusedWithoutAnyWrite(() =>
      call(site, `/comments/${id}/reports`, { body: { reason: "spam" }, bearer: "an-invented-guest-token-0123456789" }),
    );
    expect(report.status).toBe(401);
  });
});

describe("reports", () => {
  it("a report without a reader token needs a passing token; refused, it writes nothing", async () => {
    const site = await turnstileSite();
    const tag = newTag();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    for (const turnstile of [undefined, "forged"]) {
      const res = await refusedWithoutAnyWrite(() =>
        call(site, `/comments/${id}/reports`, { body: { reason: "spam" }, turnstile, verifyUrl: stubUrl(tag) }),
      );
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("bot_check_failed");
    }
    const ok = await call(site, `/comments/${id}/reports`, {
      body: { reason: "spam" },
      turnstile: goodToken(site),
      verifyUrl: stubUrl(tag),
    });
    expect(ok.status).toBe(201);
  });

  it("a reader with a token reports with no check and no siteverify call", async () => {
    const site = await turnstileSite();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const reader = await publishedComment(site, stubUrl(newTag()));
    const tag = newTag();
    const res = await call(site, `/comments/${id}/reports`, { body: { reason: "abuse" }, bearer: reader.token, verifyUrl: stubUrl(tag) });
    expect(res.status).toBe(201);
    expect(await stubCalls(tag)).toEqual([]);
  });
});

describe("notices of illegal content (no account: always checked when on)", () => {
  it("a notice needs a passing token; refused, no notice is stored", async () => {
    const site = await turnstileSite();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const notice = { ground: "defamation", explanation: "This comment accuses a named person of a crime.", goodFaith: true };
    const count = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM notices WHERE site_id = ?").bind(site.id).first<{ n: number }>())!.n;
    for (const turnstile of [undefined, "forged"]) {
      const res = await refusedWithoutAnyWrite(() =>
        call(site, `/comments/${id}/notices`, { body: notice, turnstile, verifyUrl: stubUrl(newTag()) }),
      );
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("bot_check_failed");
    }
    expect(await count()).toBe(0);
    const ok = await call(site, `/comments/${id}/notices`, { body: notice, turnstile: goodToken(site), verifyUrl: stubUrl(newTag()) });
    expect(ok.status).toBe(201);
    expect(await count()).toBe(1);
  });
});

describe("readers signed in through the site, edits and deletions", () => {
  it("an SSO reader posts, likes and reports without a check", async () => {
    const site = await turnstileSite({ ssoSecret: SSO_SECRET });
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const tag = newTag();
    const sso = await signSso({ sub: "u-turnstile", name: "Zoé" });
    const posted = await call(site, "/comments", {
      body: { story: newStory(), body: "Signed in, no robot check." },
      bearer: sso,
      verifyUrl: stubUrl(tag),
    });
    expect(posted.status).toBe(201);
    expect((await call(site, `/comments/${id}/reaction`, { method: "PUT", bearer: sso, verifyUrl: stubUrl(tag) })).status).toBe(200);
    expect((await call(site, `/comments/${id}/reports`, { body: { reason: "spam" }, bearer: sso, verifyUrl: stubUrl(tag) })).status).toBe(
      201,
    );
    expect(await stubCalls(tag)).toEqual([]);
  });

  it("a guest with a token still passes the check to post (only a sign-in is vouched for)", async () => {
    const site = await turnstileSite();
    const reader = await publishedComment(site, stubUrl(newTag()));
    const res = await call(site, "/comments", { body: guestComment(newStory()), bearer: reader.token, verifyUrl: stubUrl(newTag()) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("bot_check_failed");
    const ok = await call(site, "/comments", {
      body: guestComment(newStory(), "My second comment, checked again."),
      bearer: reader.token,
      turnstile: goodToken(site),
      verifyUrl: stubUrl(newTag()),
    });
    expect(ok.status).toBe(201);
    expect((await ok.json<PostCommentResponse>()).commenterToken).toBeUndefined();
  });

  it("edits and deletions need the author's token, not a check", async () => {
    const site = await turnstileSite();
    const mine = await publishedComment(site, stubUrl(newTag()));
    const tag = newTag();
    const edited = await call(site, `/comments/${mine.id}`, {
      method: "PATCH",
      body: { body: "Corrected by hand." },
      bearer: mine.token,
      verifyUrl: stubUrl(tag),
    });
    expect(edited.status).toBe(200);
    const deleted = await call(site, `/comments/${mine.id}`, { method: "DELETE", bearer: mine.token, verifyUrl: stubUrl(tag) });
    expect(deleted.status).toBe(200);
    expect(await stubCalls(tag)).toEqual([]);
  });

  it("where only signed-in readers may post, a guest gets sign_in_required, not the check", async () => {
    const site = await turnstileSite({ guestPosting: false, ssoSecret: SSO_SECRET });
    const tag = newTag();
    const res = await call(site, "/comments", { body: guestComment(newStory()), verifyUrl: stubUrl(tag) });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("sign_in_required");
    expect(await stubCalls(tag)).toEqual([]);
  });
});

describe("what the widget is told", () => {
  it("the thread's site context gives the site key when the check is on, null when off", async () => {
    const on = await turnstileSite();
    const thread = await call(on, `/thread?story=${newStory()}`);
    expect((await thread.json<ThreadResponse>()).site.turnstile).toEqual({ siteKey: SITE_KEY });
    const off = await turnstileSite({ turnstile: false });
    expect((await (await call(off, `/thread?story=${newStory()}`)).json<ThreadResponse>()).site.turnstile).toBeNull();
    // the secret is never in what readers get
    const text = await (await call(on, `/thread?story=${newStory()}`)).text();
    expect(text).not.toContain("stub-turnstile-secret");
  });

  it("a browser may send the header: the preflight allows X-Palabre-Turnstile", async () => {
    const site = await turnstileSite();
    const res = await call(site, "/comments", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Headers")).toContain("X-Palabre-Turnstile");
  });
});
