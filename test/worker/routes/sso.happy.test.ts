// Sign-in through the site (SSO): a site's HS256 token makes the reader a commenter of the site.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, errorOf, getThreadAs, json, postAs, refusedWithoutWrite, type TestSite } from "../support";
import { SSO_SECRET, react, signSso } from "../sso-support";

let site: TestSite;
let closed: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
  closed = await createSite({
    settings: { ssoSecret: SSO_SECRET, guestPosting: false, loginUrl: "https://band.example/login" },
  });
});

describe("SSO", () => {
  it("posts as the SSO commenter (created on first use, with the token's name, email and avatar); no guest token", async () => {
    const token = await signSso({ sub: "42", name: "Léa", email: "lea@example.org", avatar: "https://cdn.example/lea.png" });
    const res = await postAs(site, comment("sso-1", "Bonjour", "Ignored name"), { token });
    expect(res.status).toBe(201);
    const saved = await json<PostCommentResponse>(res);
    expect(saved.comment.author).toEqual({ name: "Léa", staff: false, avatar: "https://cdn.example/lea.png" });
    expect(saved.commenterToken).toBeUndefined();
    const row = await env.DB.prepare(
      "SELECT kind, name, email, avatar_url, external_id, comment_count FROM commenters WHERE site_id = ? AND external_id = '42'",
    )
      .bind(site.id)
      .first();
    expect(row).toEqual({
      kind: "sso",
      name: "Léa",
      email: "lea@example.org",
      avatar_url: "https://cdn.example/lea.png",
      external_id: "42",
      comment_count: 1,
    });
  });

  it("updates the name on a later token, and keeps one commenter per sub", async () => {
    await postAs(site, comment("sso-2", "Avant"), { token: await signSso({ sub: "7", name: "Old Name" }) });
    await postAs(site, comment("sso-2", "Après"), { token: await signSso({ sub: "7", name: "New Name" }) });
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-2" }, {}));
    expect(thread.comments.map((c) => c.author.name)).toEqual(["New Name", "New Name"]);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE site_id = ? AND external_id = '7'")
      .bind(site.id)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it("the thread names the viewer (SSO or guest) and marks their own comments", async () => {
    const token = await signSso({ sub: "viewer", name: "Vi", avatar: "https://cdn.example/vi.png" });
    const mine = await json<PostCommentResponse>(await postAs(site, comment("sso-3", "À moi"), { token }));
    const guest = await json<PostCommentResponse>(await postAs(site, comment("sso-3", "Invité", "Gus"), {}));
    const asSso = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-3" }, { token }));
    expect(asSso.viewer).toEqual({ name: "Vi", kind: "sso", avatar: "https://cdn.example/vi.png" });
    expect(asSso.comments.map((c) => [c.id, c.own])).toEqual([
      [guest.comment.id, false],
      [mine.comment.id, true],
    ]);
    const asGuest = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-3" }, { token: guest.commenterToken }));
    expect(asGuest.viewer).toEqual({ name: "Gus", kind: "guest", avatar: null });
    const anonymous = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-3" }, {}));
    expect(anonymous.viewer).toBeNull();
    // an expired sign-in only makes the reader anonymous on a read
    const expired = await signSso({ sub: "viewer", name: "Vi", exp: Math.floor(Date.now() / 1000) - 120 });
    const stale = await getThreadAs(site, { story: "sso-3" }, { token: expired });
    expect(stale.status).toBe(200);
    expect((await json<ThreadResponse>(stale)).viewer).toBeNull();
  });

  it("shows each comment's author picture: the SSO token's avatar, as its latest token says; none for a guest", async () => {
    const token = await signSso({ sub: "pic", name: "Pia", avatar: "https://cdn.example/pia-1.png" });
    const posted = await json<PostCommentResponse>(await postAs(site, comment("sso-avatar", "Avec photo"), { token }));
    expect(posted.comment.author.avatar).toBe("https://cdn.example/pia-1.png");
    const guest = await json<PostCommentResponse>(await postAs(site, comment("sso-avatar", "Sans photo", "Gus"), {}));
    expect(guest.comment.author.avatar).toBeNull();
    const avatars = async () => {
      const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-avatar", sort: "oldest" }, {}));
      return thread.comments.map((c) => [c.author.name, c.author.avatar]);
    };
    expect(await avatars()).toEqual([
      ["Pia", "https://cdn.example/pia-1.png"],
      ["Gus", null],
    ]);

    // any write with a newer token (here a reaction) updates the picture shown on earlier comments
    const newer = await signSso({ sub: "pic", name: "Pia", avatar: "https://cdn.example/pia-2.png" });
    expect((await react(site, guest.comment.id, { token: newer })).status).toBeLessThan(300);
    expect(await avatars()).toEqual([
      ["Pia", "https://cdn.example/pia-2.png"],
      ["Gus", null],
    ]);
    // a token without one takes it away: the widget shows initials
    expect((await react(site, guest.comment.id, { token: await signSso({ sub: "pic", name: "Pia" }) }, false)).status).toBeLessThan(300);
    expect((await avatars())[0]).toEqual(["Pia", null]);
  });

  it("reads a stored picture that is not an http(s) URL as none (rows stored before the token check)", async () => {
    const token = await signSso({ sub: "old", name: "Olga", avatar: "https://cdn.example/olga.png" });
    const posted = await json<PostCommentResponse>(await postAs(site, comment("sso-old-avatar", "Ancienne"), { token }));
    await env.DB.prepare("UPDATE commenters SET avatar_url = 'javascript:alert(1)' WHERE site_id = ? AND external_id = 'old'")
      .bind(site.id)
      .run();
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "sso-old-avatar" }, {}));
    expect(thread.comments.map((c) => [c.id, c.author.avatar])).toEqual([[posted.comment.id, null]]);
  });

  it("site view says how readers may post", async () => {
    const thread = await json<ThreadResponse>(await getThreadAs(closed, { story: "x" }, {}));
    expect(thread.site.auth).toEqual({ guests: false, sso: true, loginUrl: "https://band.example/login" });
  });
});

describe("guest posting off", () => {
  it("refuses a guest (with or without a guest token): 401 sign_in_required, nothing written", async () => {
    const res = await refusedWithoutWrite(() => postAs(closed, comment("band", "Invité"), {}));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("sign_in_required");
  });

  it("accepts a reader signed in through the site, who need not send a name", async () => {
    const res = await postAs(closed, { story: "band", body: "Membre" }, { token: await signSso({ sub: "m", name: "Membre" }) });
    expect(res.status).toBe(201);
    expect((await json<PostCommentResponse>(res)).comment.author.name).toBe("Membre");
  });
});
