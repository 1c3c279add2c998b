// CORS per site: only the site's own origins get a grant; anyone else can neither read nor write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  comment,
  countRows,
  createSite,
  errorOf,
  getThread,
  post,
  postOk,
  refusedWithoutWrite,
  report,
  sitePath,
  type TestSite,
} from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ origins: ["https://www.journal.example", "https://m.journal.example"] });
  // Another site, so that its origin is a real one that this site's answers still refuse.
  await createSite({ origins: ["https://band.example"] });
  await postOk(site, comment("story", "hello"));
});

function varyNames(res: Response): string[] {
  return (res.headers.get("Vary") ?? "").split(",").map((v) => v.trim().toLowerCase());
}

function preflight(path: string, origin: string, method = "POST"): Promise<Response> {
  return api(path, {
    method: "OPTIONS",
    origin,
    headers: { "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "content-type" },
  });
}

describe("an allowed origin", () => {
  it("is granted on GET, each origin of the site its own", async () => {
    for (const origin of site.allowedOrigins) {
      const res = await getThread(site, { story: "story" }, origin);
      expect(res.status).toBe(200);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(varyNames(res)).toContain("origin");
    }
  });

  it("is granted on POST", async () => {
    const res = await post(site, comment("story", "from the mobile site"), "https://m.journal.example");
    expect(res.status).toBe(201);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("https://m.journal.example");
    expect(varyNames(res)).toContain("origin");
  });

  it("is granted on the featured list and on reports", async () => {
    const featured = await api(sitePath(site, "/featured"), { origin: site.origin });
    expect(featured.status).toBe(200);
    expect(featured.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    const { comment: target } = await postOk(site, comment("story", "reportable"));
    const res = await report(site, target.id, { reason: "other" }, { ip: "192.0.2.1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
  });

  it("is granted on refusals too, so the widget can read why", async () => {
    const res = await post(site, comment("story", ""));
    expect(res.status).toBe(400);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    const missing = await api(sitePath(site, "/comments/999999/replies"), { origin: site.origin });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
  });

  it("gets a 204 preflight allowing POST with Content-Type", async () => {
    for (const path of [
      sitePath(site, "/comments"),
      sitePath(site, "/thread?story=story"),
      sitePath(site, "/comments/1/reports"),
      sitePath(site, "/featured"),
    ]) {
      const res = await preflight(path, site.origin);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe("");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
      expect(varyNames(res)).toContain("origin");
      const methods = (res.headers.get("Access-Control-Allow-Methods") ?? "").split(",").map((m) => m.trim());
      expect(methods).toEqual(expect.arrayContaining(["GET", "POST"]));
      const headers = (res.headers.get("Access-Control-Allow-Headers") ?? "").split(",").map((h) => h.trim().toLowerCase());
      expect(headers).toContain("content-type");
    }
  });

  it("lets the widget edit, delete and react, ask conditionally and read the ETag", async () => {
    const res = await preflight(sitePath(site, "/comments/1/reaction"), site.origin, "PUT");
    const methods = (res.headers.get("Access-Control-Allow-Methods") ?? "").split(",").map((m) => m.trim());
    expect(methods).toEqual(expect.arrayContaining(["PUT", "PATCH", "DELETE"]));
    const headers = (res.headers.get("Access-Control-Allow-Headers") ?? "").split(",").map((h) => h.trim().toLowerCase());
    expect(headers).toEqual(expect.arrayContaining(["authorization", "if-none-match"]));
    const thread = await getThread(site, { story: "story" });
    const exposed = (thread.headers.get("Access-Control-Expose-Headers") ?? "").split(",").map((h) => h.trim().toLowerCase());
    expect(exposed).toContain("etag");
  });

  it("writes nothing on a preflight", async () => {
    await refusedWithoutWrite(() => preflight(sitePath(site, "/comments"), site.origin));
  });
});

describe("any other origin", () => {
  const strangers = [
    "https://evil.example",
    "http://www.journal.example", // other scheme
    "https://www.journal.example:8443", // other port
    "https://www.journal.example.evil.example", // suffix
    "https://evilwww.journal.example",
    "https://journal.example", // parent domain
    "https://WWW.JOURNAL.EXAMPLE",
    "https://www.journal.example/", // not an origin serialisation
    "null", // sandboxed iframes, file://
    "https://band.example", // another site's origin
  ];

  it("gets no grant on GET, and is refused", async () => {
    for (const origin of strangers) {
      const res = await getThread(site, { story: "story" }, origin);
      expect(res.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
      expect(res.status, origin).toBe(403);
      expect((await errorOf(res)).code).toBe("origin_not_allowed");
    }
  });

  it("cannot write: 403, no grant, nothing saved", async () => {
    for (const origin of strangers) {
      const res = await refusedWithoutWrite(() => post(site, comment("story", `from ${origin}`), origin));
      expect(res.status, origin).toBe(403);
      expect(res.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
      expect(await errorOf(res)).toEqual({ code: "origin_not_allowed", message: expect.any(String) });
    }
  });

  it("can neither report a comment nor read the site's featured comments", async () => {
    const { comment: target } = await postOk(site, comment("story", "to report"));
    for (const origin of strangers) {
      const res = await refusedWithoutWrite(() => report(site, target.id, { reason: "spam" }, { origin }));
      expect(res.status, origin).toBe(403);
      expect(res.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
      const featured = await api(sitePath(site, "/featured"), { origin });
      expect(featured.status, origin).toBe(403);
      expect(featured.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
    }
  });

  it("cannot create a story by reading it", async () => {
    const res = await refusedWithoutWrite(() => getThread(site, { story: "planted", title: "Planted" }, "https://evil.example"));
    expect(res.status).toBe(403);
  });

  it("gets no grant on a preflight", async () => {
    for (const origin of strangers) {
      const res = await refusedWithoutWrite(() => preflight(sitePath(site, "/comments"), origin));
      expect(res.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
      expect(res.headers.get("Access-Control-Allow-Methods"), origin).toBeNull();
      expect(res.status, origin).not.toBe(204);
    }
  });
});

describe("no Origin at all", () => {
  it("may read, without a grant", async () => {
    const res = await getThread(site, { story: "story" }, null);
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("may read the featured list", async () => {
    expect((await api(sitePath(site, "/featured"), { origin: null })).status).toBe(200);
  });

  it("may not write", async () => {
    const before = await countRows();
    const res = await refusedWithoutWrite(() => post(site, comment("story", "from curl"), null));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: "origin_required", message: expect.any(String) });
    expect(await countRows()).toEqual(before);
  });
});

it("a site whose allowed origins are not valid JSON grants nobody", async () => {
  const broken = await createSite({ origins: [] });
  await env.DB.prepare("UPDATE sites SET allowed_origins = 'not json' WHERE id = ?").bind(broken.id).run();
  const res = await refusedWithoutWrite(() => post({ ...broken, origin: "https://x.example" }, comment("s", "x")));
  expect(res.status).toBe(403);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
});

it("the embed script may be loaded by any page", async () => {
  const res = await api("/embed.js", { origin: "https://anyone.example" });
  expect(res.status).toBe(200);
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
});
