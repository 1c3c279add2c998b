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
