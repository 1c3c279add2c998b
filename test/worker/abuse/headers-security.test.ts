// Issue 10 point 9: /admin sent no security headers (no CSP, framing allowed, no nosniff). The
// dashboard gets a CSP with no inline script and no framing; the API says nosniff and a
// Referrer-Policy; the demo pages and embed.js stay embeddable (no frame-ancestors on them).
import { describe, expect, it } from "vitest";
import dashboardHtml from "../../../dist/public/admin/index.html?raw";
import { api, createSite, getThread, sitePath } from "../support";

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe("the dashboard", () => {
  for (const path of ["/admin/", "/admin/app.js", "/admin/no-such-page"]) {
    it(`${path}: a CSP with no inline script and no framing, nosniff, a Referrer-Policy`, async () => {
      const res = await api(path);
      const csp = directives(res.headers.get("Content-Security-Policy"));
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
      expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBeTruthy();
    });
  }

  it("its page has no inline script the CSP would block (only <script src>, no on… attributes)", () => {
    const scripts = [...dashboardHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe("");
    }
    expect(dashboardHtml).not.toMatch(/\son[a-z]+\s*=/i);
    expect(dashboardHtml).not.toMatch(/javascript:/i);
  });
});

describe("the API", () => {
  it("reader answers, refusals included, say nosniff and a Referrer-Policy, and cannot be framed", async () => {
    const site = await createSite();
    for (const res of [
      await getThread(site, { story: "headers" }),
      await getThread(site, { story: "" }), // 400
      await api(sitePath("no-such-site", "/thread?story=x")), // 404
      await api("/api/nothing-here"),
    ]) {
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(directives(res.headers.get("Content-Security-Policy")).get("frame-ancestors")).toEqual(["'none'"]);
    }
  });

  it("the staff API too", async () => {
    const res = await api("/api/admin/session");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  });
});

describe("what other sites embed", () => {
  for (const path of ["/embed.js", "/demo/journal/", "/demo/band/", "/demo/journal/accueil/"]) {
    it(`${path} stays embeddable: no frame-ancestors, no X-Frame-Options, but nosniff`, async () => {
      const res = await api(path, { origin: "https://any-site.example" });
      expect(res.status).toBe(200);
      expect(res.headers.get("X-Frame-Options")).toBeNull();
      expect(res.headers.get("Content-Security-Policy") ?? "").not.toContain("frame-ancestors");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBeTruthy();
    });
  }
  it("embed.js is still served to any origin", async () => {
    const res = await api("/embed.js", { origin: "https://any-site.example" });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
