// Every error answer carries the request's id, and every log line written while serving it starts
// with the same id: Cloudflare's Ray ID when the request came through Cloudflare, else a UUID.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleSink } from "../../worker/lib/request-id";
import type { ErrorBody } from "../../worker/lib/errors";
import { api, createSite, sitePath } from "./support";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function requestIdOf(res: Response): Promise<string | undefined> {
  return ((await res.json()) as ErrorBody).error.requestId;
}

afterEach(() => vi.restoreAllMocks());

describe("the request id in error bodies", () => {
  it("is in refusals from every layer, a new UUID for each request", async () => {
    const site = await createSite();
    const answers = await Promise.all([
      api(sitePath("no-such-site-here", "/thread?story=a")), // the site scope's own answer
      api(sitePath(site, "/comments"), { method: "POST", origin: site.origin, body: "{}" }), // a thrown ApiError
      api(sitePath(site, "/thread"), { origin: site.origin }), // validation
      api("/api/no-such-endpoint"), // the API's catch-all
      api("/api/admin/session"), // the staff API
    ]);
    const ids = await Promise.all(answers.map(requestIdOf));
    for (const [i, id] of ids.entries()) expect(id, `answer ${i} (${answers[i]!.status})`).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is Cloudflare's Ray ID when the request has one", async () => {
    const ray = "8f3c0a1b2c3d4e5f-CDG";
    const res = await api("/api/no-such-endpoint", { headers: { "cf-ray": ray } });
    expect(await requestIdOf(res)).toBe(ray);
  });

  it.each(["", "not a ray", "8f3c0a1b2c3d4e5f-CDG [forged] log line", "x".repeat(300)])(
    "is a fresh UUID when cf-ray is not a Ray ID (%j): nothing a client sends reaches the logs",
    async (ray) => {
      const res = await api("/api/no-such-endpoint", { headers: { "cf-ray": ray } });
      expect(await requestIdOf(res)).toMatch(UUID);
    },
  );

  it("is not in successful answers' bodies", async () => {
    const site = await createSite();
    const res = await api(sitePath(site, "/thread?story=quiet"), { origin: site.origin });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("requestId");
  });
});

describe("the request id in log lines", () => {
  it("starts the line the worker logs for a failure, and is the id the answer gives", async () => {
    const logged = vi.spyOn(consoleSink, "error").mockImplementation(() => {});
    // A real database failure: the sites table is away while a site the isolate has never seen is asked for.
    await env.DB.exec("ALTER TABLE sites RENAME TO sites_away");
    let res: Response;
    try {
      res = await api(sitePath("never-seen-site", "/thread?story=a"));
    } finally {
      await env.DB.exec("ALTER TABLE sites_away RENAME TO sites");
    }
    expect(res.status).toBe(503);
    const id = await requestIdOf(res);
    expect(id).toMatch(UUID);
    const line = logged.mock.calls.find((args) => args.includes("Database unavailable"));
    expect(line, JSON.stringify(logged.mock.calls.map((a) => a.slice(0, 2)))).toBeDefined();
    expect(line![0]).toBe(`[${id}]`);
  });

  it("leaves lines written outside a request as they are", () => {
    const logged = vi.spyOn(consoleSink, "warn").mockImplementation(() => {});
    console.warn("outside any request");
    expect(logged).toHaveBeenCalledWith("outside any request");
  });
});
