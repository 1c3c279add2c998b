// GET /: the page `npm start` points at, linking the demos and the dashboard, in French or English.
import { describe, expect, it } from "vitest";
import { api } from "../support";

const LINKS = ["/demo/journal/", "/demo/band/", "/admin/"];

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
}

describe("the home page", () => {
  it("links the two demos and the dashboard, each of which is served", async () => {
    const res = await api("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8/i);
    const html = await res.text();
    expect(hrefs(html).filter((h) => !h.startsWith("/?"))).toEqual(LINKS);
    for (const link of LINKS) {
      const page = await api(link);
      expect(page.status, link).toBe(200);
      expect(page.headers.get("Content-Type"), link).toMatch(/^text\/html/);
    }
  });

  it.each([
    ["fr-FR,fr;q=0.9,en;q=0.5", "fr", "Tableau de bord", "/?lang=en"],
    ["en-GB,en;q=0.9", "en", "Dashboard", "/?lang=fr"],
    ["de-DE", "en", "Dashboard", "/?lang=fr"],
  ])("speaks the reader's language (Accept-Language: %s → %s), with a link to the other", async (accept, lang, dashboard, other) => {
    const res = await api("/", { headers: { "Accept-Language": accept } });
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`>${dashboard}</a>`);
    expect(hrefs(html)).toContain(other);
    expect(res.headers.get("Vary")).toContain("Accept-Language");
  });

  it("follows ?lang= over Accept-Language, and ignores a language it does not have", async () => {
    const fr = await (await api("/?lang=fr", { headers: { "Accept-Language": "en" } })).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("Démo\u00a0: un quotidien");
    const unknown = await (await api("/?lang=xx", { headers: { "Accept-Language": "fr" } })).text();
    expect(unknown).toContain('<html lang="fr">');
  });

  it("runs no script and cannot be framed (the dashboard's policy)", async () => {
    const res = await api("/");
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(await res.text()).not.toMatch(/<script|\son[a-z]+=/i);
  });
});
