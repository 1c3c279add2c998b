// GET /embed.js: the built widget, cacheable and loadable from any site's page.
import { expect, it } from "vitest";
import embedSource from "../../../dist/public/embed.js?raw";
import { api } from "../support";

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
