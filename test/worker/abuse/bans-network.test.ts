// Issue 10, "bans stick": a banned or suspended guest who drops their token (same network, same
// name) may not post again; a ban of a reader signed in through the site carries their email.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { admin, signedIn } from "../admin/support";
import { SSO_SECRET, signSso } from "../sso-support";
import { comment, createSite, errorOf, postAs, refusedWithoutWrite, type TestSite } from "../support";

let site: TestSite;
let suspending: TestSite;
let networkOff: TestSite;
let rejecting: TestSite;
let cookie: string;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET, floodMaxPerIp: 1000 } });
  suspending = await createSite();
  networkOff = await createSite({ settings: { banCoversNetwork: false } });
  rejecting = await createSite();
  const sites = [site, suspending, networkOff, rejecting];
  ({ cookie } = await signedIn(Object.fromEntries(sites.map((s) => [s.id, "moderator" as const]))));
});

async function guestPost(ip: string, name: string, body: string, token: string | null = null) {
  const res = await postAs(site, comment("bans", body, name), { ip, token });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<PostCommentResponse>();
}

async function authorOf(commentId: number): Promise<number> {
  return (await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(commentId).first<{ author_id: number }>())!.author_id;
}

function banBody(duration: "permanent" | { hours: number }, reason = "Insults") {
  return { duration, reason };
}

async function ban(s: TestSite, id: number, duration: "permanent" | { hours: number }, reason?: string) {
  const res = await admin(`/sites/${s.id}/commenters/${id}/ban`, { cookie, body: banBody(duration, reason) });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("a banned guest who drops their token", () => {
  it("is refused from the same network, with a new token or none, under the same name or another; nothing is written", async () => {
    const known = await guestPost("192.0.2.50", "Neighbour", "I was here before");
    const troll = await guestPost("192.0.2.50", "Troll", "first insult");
    await ban(site, await authorOf(troll.comment.id), "permanent", "Insults");

    // Their own token: the ban itself.
    const own = await refusedWithoutWrite(() =>
      postAs(site, comment("bans", "again", "Troll"), { ip: "192.0.2.50", token: troll.commenterToken }),
    );
    expect(own.status).toBe(403);
    // No token (a fresh guest), same name, same network: covered by the ban.
    const fresh = await refusedWithoutWrite(() => postAs(site, comment("bans", "I am back", "Troll"), { ip: "192.0.2.50" }));
    expect(fresh.status).toBe(403);
    expect(await errorOf(fresh)).toEqual({
      code: "author_banned",
      message: "You may no longer comment on this site.",
      details: { until: null, reason: "Insults" },
    });
    const renamed = await refusedWithoutWrite(() => postAs(site, comment("bans", "someone else, really", "Angel"), { ip: "192.0.2.50" }));
    expect(renamed.status).toBe(403);

    // A guest who took part from that network before the ban keeps posting; so do other networks.
    await guestPost("192.0.2.50", "Neighbour", "still me", known.commenterToken);
    await guestPost("192.0.2.51", "Elsewhere", "another network");
  });

  it("a suspension covers the network for its duration only, and lifting it frees the network", async () => {
    const s = suspending;
    const first = await postAs(s, comment("susp", "hello", "Hothead"), { ip: "192.0.2.60" });
    const hothead = await first.json<PostCommentResponse>();
    const id = await authorOf(hothead.comment.id);
    await ban(s, id, { hours: 24 }, "Cool down");
    const refused = await postAs(s, comment("susp", "no token now", "Hothead"), { ip: "192.0.2.60" });
    expect(refused.status).toBe(403);
    const error = await errorOf(refused);
    expect(error.code).toBe("author_banned");
    expect(error.details).toMatchObject({ reason: "Cool down" });
    expect(Date.parse(String(error.details!.until))).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    // The suspension ends (as if 25 hours had passed): the network is free again.
    await env.DB.prepare("UPDATE reader_bans SET until = ? WHERE commenter_id = ?")
      .bind(Date.now() - 1, id)
      .run();
    await env.DB.prepare("UPDATE commenters SET banned_until = ? WHERE id = ?")
      .bind(Date.now() - 1, id)
      .run();
    expect((await postAs(s, comment("susp", "after the end", "Hothead"), { ip: "192.0.2.60" })).status).toBe(201);

    // Suspended again, then lifted by staff: the network is free at once.
    await ban(s, id, { hours: 24 });
    expect((await postAs(s, comment("susp", "while suspended", "Hothead"), { ip: "192.0.2.60" })).status).toBe(403);
    expect((await admin(`/sites/${s.id}/commenters/${id}/ban`, { method: "DELETE", cookie })).status).toBe(200);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM reader_bans WHERE commenter_id = ?").bind(id).first("n")).toBe(0);
    expect((await postAs(s, comment("susp", "lifted", "Hothead"), { ip: "192.0.2.60" })).status).toBe(201);
  });

  it("with banCoversNetwork off, the ban names the commenter only", async () => {
    const s = networkOff;
    const saved = await (await postAs(s, comment("off", "hello", "Troll"), { ip: "192.0.2.70" })).json<PostCommentResponse>();
    await ban(s, await authorOf(saved.comment.id), "permanent");
    expect((await postAs(s, comment("off", "again", "Troll"), { ip: "192.0.2.70", token: saved.commenterToken })).status).toBe(403);
    expect((await postAs(s, comment("off", "fresh token", "Troll"), { ip: "192.0.2.70" })).status).toBe(201);
  });

  it("ban and reject covers the network too", async () => {
    const s = rejecting;
    const saved = await (await postAs(s, comment("bar", "spam spam", "Spammer"), { ip: "192.0.2.80" })).json<PostCommentResponse>();
    const id = await authorOf(saved.comment.id);
    const res = await admin(`/sites/${s.id}/commenters/${id}/ban-and-reject`, {
      cookie,
      body: { duration: "permanent", reason: "Spam", rejectReason: "spam" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ rejected: [saved.comment.id] });
    expect((await postAs(s, comment("bar", "more spam", "Spammer2"), { ip: "192.0.2.80" })).status).toBe(403);
  });
});

describe("a banned reader signed in through the site", () => {
  it("is refused with a new account of the same email (any case), and their ban does not cover their network", async () => {
    const first = await signSso({ sub: "acct-1", name: "Mallory", email: "Mallory@Example.org" });
    const saved = await (
      await postAs(site, comment("sso-bans", "hello", "x"), { token: first, ip: "192.0.2.90" })
    ).json<PostCommentResponse>();
    await ban(site, await authorOf(saved.comment.id), { hours: 72 }, "Harassment");

    const second = await signSso({ sub: "acct-2", name: "Mal", email: "mallory@example.ORG" });
    const refused = await refusedWithoutWrite(() =>
      postAs(site, comment("sso-bans", "new account", "x"), { token: second, ip: "192.0.2.91" }),
    );
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: "author_banned", details: { reason: "Harassment" } });
    // Refused before anything was saved: no commenter for the second account either.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE external_id = 'acct-2'").first("n")).toBe(0);

    // Another address is another person; a guest on Mallory's network is not covered (an SSO ban carries the email).
    const other = await signSso({ sub: "acct-3", name: "Olive", email: "olive@example.org" });
    expect((await postAs(site, comment("sso-bans", "hi", "x"), { token: other, ip: "192.0.2.90" })).status).toBe(201);
    expect((await postAs(site, comment("sso-bans", "a guest", "Guest"), { ip: "192.0.2.90" })).status).toBe(201);
  });
});
