// What subscribers are told: replies (at posting, or when a held one is approved), staff replies
// and featuring, grouped into one mail per thread per hour, never their own replies, never before
// confirmation; each mail links to the comment and carries a one-click unsubscribe.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { GROUP_WINDOW_MS } from "../../../worker/services/notify/send";
import { admin, signedIn } from "../admin/support";
import { comment, createSite, type TestSite } from "../support";
import { SSO_SECRET, signSso } from "../sso-support";
import { follow, linkIn, mails, postFor, subscribe, subscribedGuest, tick, uniqueEmail } from "./support";

let site: TestSite;
let cookie: string;
let story = 0;
const STORY = () => `https://journal.example/article-${++story}`;

beforeAll(async () => {
  // Its stories are pages of journal.example: a mail links only to a page on the site's origins.
  site = await createSite({
    name: "Le Journal",
    origins: ["https://journal.example"],
    settings: { defaultLocale: "en", floodMaxPerAuthor: 0, floodMaxPerIp: 0 },
  });
  ({ cookie } = await signedIn({ [site.id]: "moderator" }));
});

const notices = async (email: string) => (await mails(site.id)).filter((m) => m.recipient === email && m.topic !== "confirm");

async function notificationRows(email: string) {
  const { results } = await env.DB.prepare(
    "SELECT n.kind, n.event_id, n.mailed_at FROM reply_notifications n JOIN notify_addresses a ON a.id = n.address_id WHERE a.email = ? ORDER BY n.id",
  )
    .bind(email)
    .all<{ kind: string; event_id: number; mailed_at: number | null }>();
  return results;
}

describe("a reply", () => {
  it("published at posting is mailed at the next tick, with the author, an excerpt, the comment's link and List-Unsubscribe", async () => {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    const reply = await postFor(
      site,
      comment(key, "Because the mayor said so.\nSee page 2.", "Bob", { parentId: ana.id, title: "Budget vote" }),
    );
    expect(await notices(ana.email)).toEqual([]);
    await tick();
    const [mail, ...more] = await notices(ana.email);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ topic: "reply", recipient: ana.email });
    expect(mail!.subject).toContain("Le Journal");
    expect(mail!.body).toContain("Bob answered:");
    expect(mail!.body).toContain("“Because the mayor said so. See page 2.”");
    expect(mail!.body).toContain(`${key}#comment-${reply.id}`);
    expect(mail!.html).toContain(`href="${key}#comment-${reply.id}"`);
    const unsubscribe = linkIn(mail!, "unsubscribe");
    expect(mail!.headerMap).toEqual({
      "List-Unsubscribe": `<http://localhost:8787${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    // Told once: the next tick has nothing more.
    await tick(Date.now() + 2 * GROUP_WINDOW_MS);
    expect(await notices(ana.email)).toHaveLength(1);
  });

  it("held, then approved by a moderator: mailed after the approval, not before", async () => {
    const held = await createSite({ origins: ["https://journal.example"], settings: { premoderation: true } });
    const { cookie: mod } = await signedIn({ [held.id]: "moderator" });
    const key = STORY();
    // The subscriber's own comment is approved first.
    const ana = await postFor(held, comment(key, "Question?"));
    await admin(`/sites/${held.id}/moderation`, { cookie: mod, body: { action: "approve", ids: [ana.id] } });
    const email = uniqueEmail();
    await subscribe(held, ana.id, { email }, { token: ana.token });
    await follow(linkIn((await mails(held.id, "confirm"))[0]!, "confirm"));

    const reply = await postFor(held, comment(key, "Held answer", "Bob", { parentId: ana.id }));
    await tick();
    expect(await mails(held.id, "reply")).toEqual([]);
    const res = await admin(`/sites/${held.id}/moderation`, { cookie: mod, body: { action: "approve", ids: [reply.id] } });
    expect(res.status).toBe(200);
    await tick();
    const sent = await mails(held.id, "reply");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain(`#comment-${reply.id}`);
  });

  it("two replies within the hour make one mail; a third after the first mail waits for the hour", async () => {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    const t0 = Date.now();
    await postFor(site, comment(key, "First answer", "Bob", { parentId: ana.id }));
    await postFor(site, comment(key, "Second answer", "Cleo", { parentId: ana.id }));
    await tick(t0 + 1000);
    const first = await notices(ana.email);
    expect(first).toHaveLength(1);
    expect(first[0]!.body).toContain("Bob answered:");
    expect(first[0]!.body).toContain("Cleo answered:");
    expect(first[0]!.subject).toMatch(/^2 news/);

    await postFor(site, comment(key, "Third answer", "Dan", { parentId: ana.id }));
    await tick(t0 + 10 * 60_000);
    expect(await notices(ana.email)).toHaveLength(1);
    await tick(t0 + 1000 + GROUP_WINDOW_MS + 1);
    const all = await notices(ana.email);
    expect(all).toHaveLength(2);
    expect(all[1]!.body).toContain("Dan answered:");
  });

  it("never tells someone of their own reply, nor an address still pending", async () => {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    await postFor(site, comment(key, "Answering myself", "Ana", { parentId: ana.id }), { token: ana.token });
    // Bob subscribes but never confirms.
    const bob = await postFor(site, comment(key, "Bob asks?", "Bob"));
    const bobEmail = uniqueEmail("bob");
    await subscribe(site, bob.id, { email: bobEmail }, { token: bob.token });
    await postFor(site, comment(key, "To Bob", "Cleo", { parentId: bob.id }));
    await tick();
    expect(await notices(ana.email)).toEqual([]);
    expect(await notices(bobEmail)).toEqual([]);
    expect(await notificationRows(ana.email)).toEqual([]);
  });
});

describe("staff", () => {
  it("a staff reply is told as such", async () => {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    const res = await admin(`/sites/${site.id}/replies`, { cookie, body: { parentId: ana.id, body: "Thanks, we fixed it." } });
    expect(res.status).toBe(201);
    const { comment: reply } = await res.json<{ comment: { id: number } }>();
    await tick();
    const [mail] = await notices(ana.email);
    expect(mail).toMatchObject({ topic: "staff-reply" });
    expect(mail!.body).toContain("(staff) answered:");
    expect(mail!.body).toContain("“Thanks, we fixed it.”");
    expect(mail!.body).toContain(`${key}#comment-${reply.id}`);
  });

  it("featuring is told once, even when featured again", async () => {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    const feature = () => admin(`/sites/${site.id}/comments/${ana.id}/feature`, { cookie, body: {} });
    expect((await feature()).status).toBe(200);
    await admin(`/sites/${site.id}/comments/${ana.id}/feature`, { cookie, method: "DELETE" });
    await feature();
    await tick();
    const sent = await notices(ana.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ topic: "featured" });
    expect(sent[0]!.body).toContain("Your comment was featured");
    expect(sent[0]!.body).toContain(`${key}#comment-${ana.id}`);
  });
});

describe("unsubscribing", () => {
  async function mailed() {
    const key = STORY();
    const ana = await subscribedGuest(site, key, "Ana");
    await postFor(site, comment(key, "An answer", "Bob", { parentId: ana.id }));
    await tick();
    const [mail] = await notices(ana.email);
    return { key, ana, link: linkIn(mail!, "unsubscribe") };
  }
  const status = async (email: string) =>
    env.DB.prepare("SELECT status, on_reply, on_staff_reply, on_featured FROM notify_addresses WHERE email = ?").bind(email).first();

  it("one-click (RFC 8058): a POST with List-Unsubscribe=One-Click, no sign-in, no Origin, stops everything", async () => {
    const { key, ana, link } = await mailed();
    const res = await follow(link, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You will receive no more of these mails.");
    expect(await status(ana.email)).toMatchObject({ status: "stopped" });
    await postFor(site, comment(key, "Another answer", "Cleo", { parentId: ana.id }));
    await tick(Date.now() + 2 * GROUP_WINDOW_MS);
    expect(await notices(ana.email)).toHaveLength(1);
    // The link was used.
    const again = await follow(link, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(again.status).toBe(410);
  });

  it("a GET shows a page with buttons and changes nothing (link scanners)", async () => {
    const { ana, link } = await mailed();
    for (let i = 0; i < 2; i++) {
      const res = await follow(link);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain('name="action" value="stop"');
      expect(html).toContain('name="staffReply" value="on" checked');
    }
    expect(await status(ana.email)).toMatchObject({ status: "active", on_reply: 1 });
  });

  it("each kind can be turned off from the page: replies off, staff replies still told", async () => {
    const { key, ana, link } = await mailed();
    const res = await follow(link, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "action=save&staffReply=on&featured=on",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your choices are saved.");
    expect(await status(ana.email)).toEqual({ status: "active", on_reply: 0, on_staff_reply: 1, on_featured: 1 });
    await postFor(site, comment(key, "Reader answer", "Cleo", { parentId: ana.id }));
    await admin(`/sites/${site.id}/replies`, { cookie, body: { parentId: ana.id, body: "Staff answer" } });
    await tick(Date.now() + 2 * GROUP_WINDOW_MS);
    const sent = await notices(ana.email);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.topic).toBe("staff-reply");
    expect(sent[1]!.body).not.toContain("Reader answer");
  });

  it("forged and expired unsubscribe links get a page (404, 410) and change nothing", async () => {
    const { ana, link } = await mailed();
    const forged = await follow(link.replace(/token=.*/, `token=${"x".repeat(43)}`), {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("This link is not valid.");
    await env.DB.prepare(
      "UPDATE notify_tokens SET expires_at = 1 WHERE kind = 'unsubscribe' AND address_id = (SELECT id FROM notify_addresses WHERE email = ?)",
    )
      .bind(ana.email)
      .run();
    const expired = await follow(link);
    expect(expired.status).toBe(410);
    expect(await status(ana.email)).toMatchObject({ status: "active" });
  });
});

it("never puts a subscriber's address in a public response", async () => {
  const sso = await createSite({ settings: { ssoSecret: SSO_SECRET } });
  const email = uniqueEmail("secret");
  const token = await signSso({ sub: "leak-1", name: "Leak", email });
  const key = STORY();
  const own = await postFor(sso, { story: key, body: "Mine?" }, { token });
  const sub = await subscribe(sso, own.id, {}, { token });
  await follow(linkIn((await mails(sso.id, "confirm"))[0]!, "confirm"));
  const reply = await postFor(sso, comment(key, "Reply", "Bob", { parentId: own.id }));
  const { cookie: mod } = await signedIn({ [sso.id]: "moderator" });
  await admin(`/sites/${sso.id}/comments/${own.id}/feature`, { cookie: mod, body: {} });

  const headers = { Authorization: `Bearer ${token}` };
  const reads = [
    sub,
    await follow(`/api/v1/${sso.id}/thread?story=${encodeURIComponent(key)}`, { headers }),
    await follow(`/api/v1/${sso.id}/comments/${own.id}/replies`, { headers }),
    await follow(`/api/v1/${sso.id}/comments/${own.id}/context`, { headers }),
    await follow(`/api/v1/${sso.id}/news?story=${encodeURIComponent(key)}&after=0`, { headers }),
    await follow(`/api/v1/${sso.id}/featured`, { headers }),
    await follow(`/api/v1/${sso.id}/counts?story=${encodeURIComponent(key)}`, { headers }),
  ];
  const posted = await postFor(sso, { story: key, body: "Again", parentId: reply.id }, { token });
  expect(posted.id).toBeGreaterThan(0);
  for (const res of reads) {
    expect(res.status, res.url).toBeLessThan(300);
    const text = await res.text();
    expect(text.toLowerCase(), res.url).not.toContain(email.toLowerCase());
    expect(text, res.url).not.toContain("@example.org");
  }
});
