// Issue 10 point 4, "no story squatting": the first request for a story key used to fix its URL
// and title for good (a planted https://evil.example/phishing became the link of the editors'
// selection on the home page), and one client created 200 stories in 3.8 s.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { STORY_CREATIONS_PER_NETWORK, storyPathMatches } from "../../../worker/services/stories";
import { api, countRows, createSite, errorOf, json, refusedWithoutWrite, sitePath, type TestSite } from "../support";

function open(site: TestSite, query: Record<string, string>, ip = "198.51.100.9"): Promise<Response> {
  return api(sitePath(site, `/thread?${new URLSearchParams(query)}`), {
    origin: site.origin,
    headers: { "CF-Connecting-IP": ip },
  });
}

const storyRow = (site: TestSite, key: string) =>
  env.DB.prepare("SELECT url, title, created_ip_hash FROM stories WHERE site_id = ? AND key = ?")
    .bind(site.id, key)
    .first<{ url: string | null; title: string | null; created_ip_hash: string | null }>();

describe("a story is created only for a page of the site", () => {
  it("refuses a URL on another origin (400 on url) and stores nothing", async () => {
    const site = await createSite({ origins: ["https://journal.example"] });
    for (const url of [
      "https://evil.example/phishing",
      "http://journal.example/2026/a", // another scheme
      "https://journal.example:8443/2026/a", // another port
      "https://journal.example.evil.example/a",
      "https://user:pw@journal.example/a",
    ]) {
      const res = await refusedWithoutWrite(() => open(site, { story: "planted", url, title: "Official" }));
      expect(res.status, url).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual(["url"]);
      expect(error.message).toMatch(/allowed origins/);
    }
    expect(await storyRow(site, "planted")).toBeNull();
  });

  it("creates it for a page on an allowed origin, title trimmed, fragment dropped, network kept", async () => {
    const site = await createSite({ origins: ["https://journal.example"] });
    const res = await open(site, { story: "ok", url: "https://journal.example/2026/a#top", title: "  Un titre  " });
    expect(res.status).toBe(200);
    expect((await json<ThreadResponse>(res)).story).toMatchObject({ url: "https://journal.example/2026/a", title: "Un titre" });
    const row = await storyRow(site, "ok");
    expect(row!.created_ip_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps to the site's storyUrlPattern when it has one, and then needs a URL", async () => {
    const site = await createSite({ origins: ["https://journal.example"], settings: { storyUrlPattern: "/articles/*" } });
    expect((await open(site, { story: "a1", url: "https://journal.example/articles/2026/a1" })).status).toBe(200);
    const queries: Record<string, string>[] = [{ story: "a2", url: "https://journal.example/login?next=/articles/x" }, { story: "a3" }];
    for (const query of queries) {
      const res = await refusedWithoutWrite(() => open(site, query));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path).toEqual(["url"]);
    }
  });
});

describe("story creation is limited per network", () => {
  it(`50 concurrent new stories from one network: exactly ${STORY_CREATIONS_PER_NETWORK} created, the rest 429 flood with Retry-After`, async () => {
    const site = await createSite({ origins: ["https://journal.example"] });
    const before = (await countRows()).stories;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => open(site, { story: `burst-${i}`, url: `https://journal.example/burst/${i}` }, "203.0.113.200")),
    );
    const ok = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status === 429);
    expect(ok.length).toBe(STORY_CREATIONS_PER_NETWORK);
    expect(refused.length).toBe(50 - STORY_CREATIONS_PER_NETWORK);
    const e = await errorOf(refused[0]!);
    expect(e.code).toBe("flood");
    const retryAfter = Number(refused[0]!.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(e.details?.retryAfter).toBe(retryAfter);
    expect((await countRows()).stories - before).toBe(STORY_CREATIONS_PER_NETWORK);
    // reading stories that exist is not limited, and another network may still open new ones
    expect((await open(site, { story: "burst-0" }, "203.0.113.200")).status).toBe(200);
    expect((await open(site, { story: "other-network", url: "https://journal.example/o" }, "203.0.113.201")).status).toBe(200);
  });
});

describe("storyUrlPattern", () => {
  it("matches * as any run of characters, the rest literally", () => {
    const cases: [string, string, boolean][] = [
      ["", "/anything?x=1", true],
      ["/articles/*", "/articles/2026/a", true],
      ["/articles/*", "/articles/", true],
      ["/articles/*", "/article/x", false],
      ["/articles/*", "/login?next=/articles/x", false],
      ["/*/story-*.html", "/2026/story-12.html", true],
      ["/*/story-*.html", "/2026/story-12.htm", false],
      ["/a*a", "/a", false],
      ["/a*a", "/aa", true],
      ["/exact", "/exact", true],
      ["/exact", "/exact/", false],
      ["/x.y", "/xzy", false],
    ];
    for (const [pattern, path, expected] of cases) expect(storyPathMatches(pattern, path), `${pattern} ~ ${path}`).toBe(expected);
    // many stars and a long path: answered at once (no backtracking)
    const started = Date.now();
    expect(storyPathMatches(`/${"*a".repeat(100)}b`, `/${"a".repeat(2000)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
