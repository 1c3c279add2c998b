// Subscribing to the answers to one's comment: guest and SSO addresses, double opt-in, the
// confirmation link's outcomes, the confirmation-mail flood limit, and refused requests.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../worker/lib/hash";
import { CONFIRMS_PER_DAY } from "../../../worker/services/notify/subscribe";
import { comment, createSite, errorOf } from "../support";
import { SSO_SECRET, signSso } from "../sso-support";
import { follow, linkIn, mails, postFor, subscribe, uniqueEmail } from "./support";

const tokenOf = (path: string) => new URL(path, "https://x").searchParams.get("token")!;

async function addressStatus(siteId: string, email: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT status FROM notify_addresses WHERE site_id = ? AND email = ?")
    .bind(siteId, email)
    .first<{ status: string }>();
  return row?.status ?? null;
}

describe("subscribing", () => {
  it("a guest gives an address: pending, one confirmation mail with the link; following it confirms", async () => {
    const site = await createSite({ name: "Le Journal", settings: { defaultLocale: "fr" } });
    const { id, token } = await postFor(site, comment("s1", "Qui a écrit cet article ?"));
    const email = uniqueEmail();
    const res = await subscribe(site, id, { email: `  ${email} ` }, { token });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ subscription: { status: "pending" } });
    expect(JSON.stringify(body)).not.toContain(email);
    expect(await addressStatus(site.id, email)).toBe("pending");

    const [mail, ...more] = await mails(site.id, "confirm");
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ recipient: email, topic: "confirm", kind: "mail" });
    expect(mail!.subject).toBe("Confirmez vos avis de réponse sur Le Journal");
    expect(mail!.body).toContain(
      "Confirmez votre adresse en suivant ce lien (valable 48\u00a0heures)\u00a0:\nhttp://localhost:8787/api/v1/",
    );
    const link = linkIn(mail!, "confirm");
    expect(link).toMatch(new RegExp(`^/api/v1/${site.id}/subscriptions/confirm\\?token=[A-Za-z0-9_-]{43}$`));
    expect(mail!.body).toContain(`http://localhost:8787${link}`);
    // Only the token's hash is stored.
    const stored = await env.DB.prepare(
      "SELECT hash, expires_at - created_at AS ttl FROM notify_tokens WHERE kind = 'confirm' AND site_id = ?",
    )
      .bind(site.id)
      .first<{ hash: string; ttl: number }>();
    expect(stored).toEqual({ hash: await sha256Hex(tokenOf(link)), ttl: 48 * 3600_000 });

    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain("Votre adresse est confirmée");
    expect(await addressStatus(site.id, email)).toBe("active");
  });

  it("an address already active for that reader on that site is not asked again", async () => {
    const site = await createSite();
    const first = await postFor(site, comment("s1", "First?"));
    const email = uniqueEmail();
    await subscribe(site, first.id, { email }, { token: first.token });
    await follow(linkIn((await mails(site.id, "confirm"))[0]!, "confirm"));
    const second = await postFor(site, comment("s2", "Second?"), { token: first.token });
    const res = await subscribe(site, second.id, { email: email.toUpperCase() }, { token: first.token });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ subscription: { status: "active" } });
    expect(await mails(site.id, "confirm")).toHaveLength(1);
  });

  it("a signed-in reader's token email is used, whatever the body says", async () => {
    const site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
    const email = uniqueEmail("sso");
    const sso = await signSso({ sub: "u-42", name: "Bea", email });
    const { id } = await postFor(site, { story: "s1", body: "Signed in, asking?" }, { token: sso });
    const res = await subscribe(site, id, { email: "other@example.org" }, { token: sso });
    expect(res.status).toBe(202);
    const [mail] = await mails(site.id, "confirm");
    expect(mail!.recipient).toBe(email);

    // Without an email in the token, the body's is used; without either, a clear 400.
    const bare = await signSso({ sub: "u-43", name: "Cy" });
    const other = await postFor(site, { story: "s1", body: "No email here" }, { token: bare });
    const missing = await subscribe(site, other.id, {}, { token: bare });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: "validation_failed", issues: [{ path: ["email"], code: "invalid_email" }] });
  });
});

describe("the confirmation link", () => {
  async function pending() {
    const site = await createSite({ settings: { defaultLocale: "en" } });
    const { id, token } = await postFor(site, comment("s1", "Anyone?"));
    const email = uniqueEmail();
    await subscribe(site, id, { email }, { token });
    return { site, email, link: linkIn((await mails(site.id, "confirm"))[0]!, "confirm") };
  }

  it("works once: a second use is refused with a page (410)", async () => {
    const { site, email, link } = await pending();
    expect((await follow(link)).status).toBe(200);
    const again = await follow(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This link was already used.");
    expect(await addressStatus(site.id, email)).toBe("active");
  });

  it("expires after 48 hours (410) and confirms nothing", async () => {
    const { site, email, link } = await pending();
    await env.DB.prepare("UPDATE notify_tokens SET expires_at = ? WHERE hash = ?")
      .bind(Date.now() - 1, await sha256Hex(tokenOf(link)))
      .run();
    const res = await follow(link);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This link has expired.");
    expect(await addressStatus(site.id, email)).toBe("pending");
  });

  it("a forged, missing or other site's token is refused (404) and confirms nothing", async () => {
    const { site, email, link } = await pending();
    const other = await createSite();
    for (const path of [
      `/api/v1/${site.id}/subscriptions/confirm?token=${"A".repeat(43)}`,
      `/api/v1/${site.id}/subscriptions/confirm`,
      `/api/v1/${site.id}/subscriptions/confirm?token=%3Cscript%3E`,
      link.replace(site.id, other.id),
      `/api/v1/no-such-site/subscriptions/confirm?token=${tokenOf(link)}`,
    ]) {
      const res = await follow(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("This link is not valid.");
    }
    expect(await addressStatus(site.id, email)).toBe("pending");
  });
});

it(`sends at most ${CONFIRMS_PER_DAY} confirmation mails a day to one address, even under 50 concurrent requests`, async () => {
  const site = await createSite({ settings: { floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
  const victim = uniqueEmail("victim");
  const posted = await Promise.all(Array.from({ length: 50 }, (_, i) => postFor(site, comment("s1", `Comment ${i}?`, `G${i}`))));
  const answers = await Promise.all(posted.map((p) => subscribe(site, p.id, { email: victim }, { token: p.token })));
  const statuses = answers.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 202)).toHaveLength(CONFIRMS_PER_DAY);
  expect(statuses.filter((s) => s === 429)).toHaveLength(50 - CONFIRMS_PER_DAY);
  const refused = answers.find((r) => r.status === 429)!;
  expect(await errorOf(refused)).toMatchObject({ code: "flood" });
  expect((await mails(site.id, "confirm")).filter((m) => m.recipient === victim)).toHaveLength(CONFIRMS_PER_DAY);
  // A refused request wrote nothing: only the accepted ones have an address and a subscription.
  const rows = await env.DB.prepare(
    "SELECT (SELECT count(*) FROM notify_addresses WHERE email = ?1) AS addresses, (SELECT count(*) FROM reply_subscriptions s JOIN notify_addresses a ON a.id = s.address_id WHERE a.email = ?1) AS subs",
  )
    .bind(victim)
    .first();
  expect(rows).toEqual({ addresses: CONFIRMS_PER_DAY, subs: CONFIRMS_PER_DAY });
});

describe("refused subscriptions", () => {
  it("a malformed address: 400 validation_failed, issue invalid_email, nothing written", async () => {
    const site = await createSite();
    const { id, token } = await postFor(site, comment("s1", "Hello?"));
    for (const email of ["not-an-address", "a@b", "Ana <ana@example.org>", "ana@example.org\r\nBcc: x@example.org", 42]) {
      const res = await subscribe(site, id, { email }, { token });
      expect(res.status, String(email)).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual(["email"]);
    }
    const res = await subscribe(site, id, { email: "nope" }, { token });
    expect((await errorOf(res)).issues?.[0]?.code).toBe("invalid_email");
    expect(await mails(site.id)).toEqual([]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM notify_addresses WHERE site_id = ?").bind(site.id).first("n")).toBe(0);
  });

  it("someone else's comment (403), no token (401), an unknown comment (404), another site's (404)", async () => {
    const site = await createSite();
    const other = await createSite();
    const ana = await postFor(site, comment("s1", "Ana's"));
    const bob = await postFor(site, comment("s1", "Bob's", "Bob"));
    const elsewhere = await postFor(other, comment("s1", "Elsewhere"));
    const email = uniqueEmail();
    const cases: [Promise<Response>, number, string][] = [
      [subscribe(site, ana.id, { email }, { token: bob.token }), 403, "not_author"],
      [subscribe(site, ana.id, { email }), 401, "credentials_required"],
      [subscribe(site, 999_999_999, { email }, { token: ana.token }), 404, "comment_not_found"],
      [subscribe(site, elsewhere.id, { email }, { token: ana.token }), 404, "comment_not_found"],
      [subscribe(site, ana.id, { email }, { token: ana.token, origin: null }), 403, "origin_required"],
    ];
    for (const [res, status, code] of cases) {
      const r = await res;
      expect(r.status).toBe(status);
      expect((await errorOf(r)).code).toBe(code);
    }
    expect(await mails(site.id)).toEqual([]);
  });

  it("a site with replyNotifications off refuses (404) and says so in the thread's site view", async () => {
    const site = await createSite({ settings: { replyNotifications: false } });
    const { id, token } = await postFor(site, comment("s1", "Hello?"));
    const res = await subscribe(site, id, { email: uniqueEmail() }, { token });
    expect(res.status).toBe(404);
    const thread = await follow(`/api/v1/${site.id}/thread?story=s1`);
    expect((await thread.json<{ site: { replyNotifications: boolean } }>()).site.replyNotifications).toBe(false);
  });
});
