// GET /embed.js and /chunks/*: the built widget, cacheable and loadable from any site's page.
import { expect, it } from "vitest";
import embedSource from "../../../dist/public/embed.js?raw";
import { api } from "../support";

// The embed's lazy parts as `npm run build:widget` left them, keyed "../../../dist/public/chunks/…".
const chunks = import.meta.glob<string>("../../../dist/public/chunks/*.js", { query: "?raw", import: "default", eager: true });

it("serves the built embed script as JavaScript, long-cached, to any origin", async () => {
  const res = await api("/embed.js", { origin: "https://any-site.example" });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript(;|$)/);
  const maxAge = Number(/(?:^|,)\s*max-age=(\d+)/.exec(res.headers.get("Cache-Control") ?? "")?.[1]);
  expect(maxAge).toBeGreaterThanOrEqual(3600);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(await res.text()).toBe(embedSource);
});

it("serves it without an Origin too", async () => {
  const res = await api("/embed.js");
  expect(res.status).toBe(200);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
});

it("serves the embed's chunks as JavaScript, immutable, to any origin", async () => {
  // embed.js imports them from other sites' pages: CORS requests, by names that change with content.
  const built = Object.entries(chunks);
  expect(built.length, "no chunk in dist/public/chunks: the embed has no lazy part").toBeGreaterThan(0);
  for (const [file, source] of built) {
    const res = await api(`/chunks/${file.split("/").pop()}`, { origin: "https://any-site.example" });
    expect(res.status, file).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript(;|$)/);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await res.text()).toBe(source);
  }
});

it("answers 404 for an embed chunk that is not there, without keeping the answer", async () => {
  const missing = await api("/chunks/not-a-chunk-ABCDEF12.js", { origin: "https://any-site.example" });
  expect(missing.status).toBe(404);
  expect(missing.headers.get("Cache-Control") ?? "").not.toContain("immutable");
});

it("keeps the dashboard's entry revalidated, and answers 404 for a chunk that is not there", async () => {
  // Chunks are named by their content's hash and served immutable (the e2e figures test checks a
  // real one); the entry that names them must not be kept, or a release would never reach staff.
  const entry = await api("/admin/app.js");
  expect(entry.status).toBe(200);
  expect(entry.headers.get("Cache-Control") ?? "").not.toContain("immutable");
  const missing = await api("/admin/chunks/not-a-chunk-ABCDEF12.js");
  expect(missing.status).toBe(404);
  expect(missing.headers.get("Cache-Control") ?? "").not.toContain("immutable");
});
