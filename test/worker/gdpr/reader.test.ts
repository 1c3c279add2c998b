// A reader's own data with their token: GET /api/v1/{site}/me/export and DELETE /api/v1/{site}/me
// (immediate without a known email; with one, a mailed link whose page erases on its button).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createSite, errorOf, json, refusedWithoutWrite, sitePath, type TestSite } from "../support";
import { follow, mails } from "../subscriptions/support";
import { findAnywhere, personScene } from "./support";

function me(site: TestSite, method: "GET" | "DELETE", token: string | null, origin: string | null = site.origin) {
  return api(sitePath(site, method === "GET" ? "/me/export" : "/me"), {
    method,
    origin,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

function erasureLink(body: string): string {
  const m = body.match(/https?:\/\/\S+\/api\/v1\/[^/\s]+\/me\/erasure\?token=[A-Za-z0-9_%-]+&lang=(fr|en)/);
  if (!m) throw new Error(`no erasure link in: ${body}`);
  const u = new URL(m[0]);
  return u.pathname + u.search;
}

describe("the reader's own data", { timeout: 30_000 }, () => {
  it("export: their data with their token; no token, an unknown token, another site's token or origin are refused", async () => {
    const site = await createSite();
    const other = await createSite();
    const p = await personScene(site);
    const res = await me(site, "GET", p.token);
    expect(res.status).toBe(200);
    const data = await json<Record<string, unknown> & { identity: { name: string }; comments: unknown[] }>(res);
    expect(data.identity.name).toBe(p.name);
    expect(data.comments).toHaveLength(3);
    expect(data).not.toHaveProperty("staffNotes");
    expect((await errorOf(await me(site, "GET", null))).code).toBe("credentials_required");
    expect((await errorOf(await me(site, "GET", "not-a-known-token"))).code).toBe("invalid_token");
    expect((await errorOf(await me(other, "GET", p.token))).code).toBe("invalid_token");
    expect((await me(site, "GET", p.token, "https://evil.example")).status).toBe(403);
  });

  it("erasure without a known email is immediate; the token then knows no one", async () => {
    const site = await createSite();
    const p = await personScene(site, { subscribe: false });
    // The scene's notice names an email: not theirs to be known by (no SSO, no confirmed address).
    const res = await me(site, "DELETE", p.token);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      status: "erased",
      erasure: { erased: true, commenterId: p.personId, placeholders: 1, removed: 2 },
    });
    expect(await findAnywhere([p.name, p.email, ...p.networks])).toEqual([]);
    expect((await errorOf(await me(site, "GET", p.token))).code).toBe("invalid_token");
    const audit = await env.DB.prepare("SELECT staff_id, detail FROM audit_log WHERE site_id = ? AND action = 'erase'")
      .bind(site.id)
      .first();
    expect(audit).toEqual({ staff_id: null, detail: JSON.stringify({ by: "reader", comments: 3 }) });
  });

  it("erasure refused without a token, with an unknown one, from another origin: nothing written", async () => {
    const site = await createSite();
    const p = await personScene(site, { subscribe: false });
    expect((await errorOf(await refusedWithoutWrite(() => me(site, "DELETE", null)))).code).toBe("credentials_required");
    expect((await errorOf(await refusedWithoutWrite(() => me(site, "DELETE", "forged-token")))).code).toBe("invalid_token");
    expect((await refusedWithoutWrite(() => me(site, "DELETE", p.token, "https://evil.example"))).status).toBe(403);
    expect((await refusedWithoutWrite(() => me(site, "DELETE", p.token, null))).status).toBe(403);
  });

  it("with a known email, erasure waits for the mailed link: its page erases on the button, once", async () => {
    const site = await createSite();
    const p = await personScene(site);
    const res = await me(site, "DELETE", p.token);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ status: "confirmation_sent", to: `z…@${p.email.split("@")[1]}` });
    const still = await env.DB.prepare("SELECT name FROM commenters WHERE id = ?").bind(p.personId).first<{ name: string }>();
    expect(still!.name).toBe(p.name);
    const [mail] = (await mails(site.id, "erasure")).filter((m) => m.recipient === p.email);
    const link = erasureLink(mail!.body);

    // Opening the link (a mail scanner would) shows the question and erases nothing.
    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await env.DB.prepare("SELECT name FROM commenters WHERE id = ?").bind(p.personId).first<{ name: string }>())!.name).toBe(
      p.name,
    );
    // A forged token changes nothing.
    expect((await follow(link.replace(/token=[^&]+/, "token=forged"), { method: "POST" })).status).toBe(410);

    const done = await follow(link, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Your data on this site is erased");
    expect(await findAnywhere([p.name, p.email, ...p.networks])).toEqual([]);
    expect((await follow(link, { method: "POST" })).status).toBe(410);
    expect((await follow(link)).status).toBe(410);
  });

  it("at most three confirmation mails a day, even asked 50 times at once", async () => {
    const site = await createSite();
    const p = await personScene(site);
    const answers = await Promise.all(Array.from({ length: 50 }, () => me(site, "DELETE", p.token)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(47);
    expect((await mails(site.id, "erasure")).length).toBe(3);
  });
});
