// The reader API on the D1 Sessions API (worker/lib/d1-session.ts): which session each request
// opens, the bookmark's round trip, malformed bookmarks, CORS, and the staff API and mail links
// left on the primary. Local D1 has no replicas: a constrained session is observed through the
// argument withSession gets and through the answer's bookmark (never older than the one sent).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { sessionDatabase } from "../../../worker/lib/d1-session";
import { comment, createSite, sitePath, type TestSite } from "../support";
import { BOOKMARK, BOOKMARK_FORMAT, call, primaryBookmark } from "./support";

let site: TestSite;
let first: PostCommentResponse;

const json = { "Content-Type": "application/json" };
const names = (value: string | null) => (value ?? "").split(",").map((h) => h.trim().toLowerCase());

beforeAll(async () => {
  site = await createSite();
  const posted = await call(sitePath(site, "/comments"), {
    method: "POST",
    origin: site.origin,
    headers: json,
    body: JSON.stringify(comment("story", "Le premier")),
  });
  expect(posted.res.status).toBe(201);
  first = await posted.res.json<PostCommentResponse>();
});

describe("a write", () => {
  it("opens its session on the primary, makes every query through it, and answers with a bookmark covering the write", async () => {
    const before = await primaryBookmark();
    const { res, opened } = await call(sitePath(site, "/comments"), {
      method: "POST",
      origin: site.origin,
      headers: json,
      body: JSON.stringify(comment("story", "Un deuxième")),
    });
    expect(res.status).toBe(201);
    expect(opened).toEqual({ starts: ["first-primary"], outside: [] });
    const bookmark = res.headers.get(BOOKMARK)!;
    expect(bookmark).toMatch(BOOKMARK_FORMAT);
    // Same width, hex: later is greater. The post committed after `before`.
    expect(bookmark > before).toBe(true);
  });

  it("stays on the primary whatever bookmark it sends (the primary is never behind)", async () => {
    const sent = await primaryBookmark();
    const { res, opened } = await call(sitePath(site, `/comments/${first.comment.id}/reaction`), {
      method: "PUT",
      origin: site.origin,
      bookmark: sent,
      headers: { Authorization: `Bearer ${first.commenterToken}` },
    });
    expect(res.status).toBe(200);
    expect(opened.starts).toEqual(["first-primary"]);
    expect(res.headers.get(BOOKMARK)! > sent).toBe(true);
  });

  it("answers a refused write with the session's bookmark too, once it reached the database", async () => {
    const { res, opened } = await call(sitePath(site, "/comments/999999999"), {
      method: "PATCH",
      origin: site.origin,
      headers: { ...json, Authorization: `Bearer ${first.commenterToken}` },
      body: JSON.stringify({ body: "Modifié" }),
    });
    expect(res.status).toBe(404);
    expect(opened.starts).toEqual(["first-primary"]);
    expect(res.headers.get(BOOKMARK)).toMatch(BOOKMARK_FORMAT);
  });
});

describe("a read", () => {
  it("without a bookmark: any replica, and no bookmark back (a reader who never wrote has nothing to wait for)", async () => {
    const { res, opened } = await call(sitePath(site, "/thread?story=story"), { origin: site.origin });
    expect(res.status).toBe(200);
    expect(opened).toEqual({ starts: ["first-unconstrained"], outside: [] });
    expect(res.headers.has(BOOKMARK)).toBe(false);
  });

  it("with the bookmark of the reader's write: a session constrained by it, the write seen, a bookmark back no older", async () => {
    const posted = await call(sitePath(site, "/comments"), {
      method: "POST",
      origin: site.origin,
      headers: json,
      body: JSON.stringify(comment("own-write", "Je me relis")),
    });
    const sent = posted.res.headers.get(BOOKMARK)!;
    const { res, opened } = await call(sitePath(site, "/thread?story=own-write"), { origin: site.origin, bookmark: sent });
    expect(res.status).toBe(200);
    expect(opened).toEqual({ starts: [sent], outside: [] });
    const page = await res.json<ThreadResponse>();
    expect(page.comments.map((c) => c.body)).toContain("Je me relis");
    const back = res.headers.get(BOOKMARK)!;
    expect(back).toMatch(BOOKMARK_FORMAT);
    expect(back >= sent).toBe(true);
  });

  it("on every reader route: the bookmark sent constrains the session, and comes back", async () => {
    const sent = await primaryBookmark();
    const id = first.comment.id;
    const reads = [
      "/thread?story=story",
      "/thread?story=story&sort=top",
      `/comments/${id}/replies?cursor=`,
      `/comments/${id}/context?sort=newest`,
      "/counts?story=story",
      `/news?story=story&after=${id}`,
      "/featured",
      "/me/export",
    ];
    for (const path of reads) {
      const { res, opened } = await call(sitePath(site, path), {
        origin: site.origin,
        bookmark: sent,
        headers: { Authorization: `Bearer ${first.commenterToken}` },
      });
      expect(res.status, path).toBeLessThan(500);
      expect(opened, path).toEqual({ starts: [sent], outside: [] });
      expect(res.headers.get(BOOKMARK)! >= sent, path).toBe(true);
    }
  });

  it("answers an anonymous read sent with a bookmark with one, the first time (its page built and stored) and the next", async () => {
    const sent = await primaryBookmark();
    for (const round of ["first", "next"]) {
      const { res, opened } = await call(sitePath(site, "/thread?story=story"), { origin: site.origin, bookmark: sent });
      expect(res.status, round).toBe(200);
      expect(opened.starts, round).toEqual([sent]);
      expect(res.headers.get(BOOKMARK)! >= sent, round).toBe(true);
      expect((await res.json<ThreadResponse>()).comments.length, round).toBeGreaterThan(0);
    }
  });

  it("answers a 304 with the bookmark too", async () => {
    const sent = await primaryBookmark();
    const full = await call(sitePath(site, "/thread?story=story"), { origin: site.origin, bookmark: sent });
    const etag = full.res.headers.get("ETag")!;
    expect(etag).toBeTruthy();
    const { res, opened } = await call(sitePath(site, "/thread?story=story"), {
      origin: site.origin,
      bookmark: sent,
      headers: { "If-None-Match": etag },
    });
    expect(res.status).toBe(304);
    expect(opened.starts).toEqual([sent]);
    expect(res.headers.get(BOOKMARK)! >= sent).toBe(true);
  });

  it("ignores a malformed bookmark (unconstrained, answered 200) and answers with a good one that replaces it", async () => {
    const good = await primaryBookmark();
    for (const bad of [
      "",
      "garbage",
      "zz",
      `ABCDEF01-00000001-00000000-${"0".repeat(32)}`, // upper case
      `${good}0`,
      `${good};drop`,
      `${good.slice(0, 9)} ${good.slice(10)}`,
      good.slice(0, -1),
      "ffffffff-ffffffff-ffffffff",
      "x".repeat(8000),
    ]) {
      const { res, opened } = await call(sitePath(site, "/thread?story=story"), { origin: site.origin, bookmark: bad });
      expect(res.status, bad.slice(0, 40)).toBe(200);
      expect(opened.starts, bad.slice(0, 40)).toEqual(["first-unconstrained"]);
      const back = res.headers.get(BOOKMARK)!;
      expect(back, bad.slice(0, 40)).toMatch(BOOKMARK_FORMAT);
      expect(back >= good).toBe(true);
    }
  });
});

describe("CORS", () => {
  it("lets an allowed origin send the bookmark (preflight) and read it back (exposed)", async () => {
    const preflight = await call(sitePath(site, "/thread?story=story"), {
      method: "OPTIONS",
      origin: site.origin,
      headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-palabre-bookmark" },
    });
    expect(preflight.res.status).toBe(204);
    expect(names(preflight.res.headers.get("Access-Control-Allow-Headers"))).toContain("x-palabre-bookmark");
    const read = await call(sitePath(site, "/thread?story=story"), { origin: site.origin, bookmark: await primaryBookmark() });
    expect(read.res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    expect(names(read.res.headers.get("Access-Control-Expose-Headers"))).toContain("x-palabre-bookmark");
  });

  it("grants nothing to another origin", async () => {
    const other = await call(sitePath(site, "/thread?story=story"), {
      origin: "https://elsewhere.example",
      bookmark: await primaryBookmark(),
    });
    expect(other.res.status).toBe(403);
    expect(other.res.headers.has("Access-Control-Allow-Origin")).toBe(false);
    expect(other.res.headers.has("Access-Control-Expose-Headers")).toBe(false);
  });
});

describe("the rest of the Worker", () => {
  it("keeps the staff API and the mail links on the binding itself (the primary): a mailed link must find its fresh row", async () => {
    const staff = await call("/api/admin/session", { headers: { Authorization: "Bearer nope" } });
    expect(staff.opened.starts).toEqual([]);
    expect(staff.res.headers.has(BOOKMARK)).toBe(false);
    const link = await call(sitePath(site, "/subscriptions/confirm?token=nope"), { bookmark: await primaryBookmark() });
    expect(link.opened.starts).toEqual([]);
    expect(link.opened.outside.length).toBeGreaterThan(0);
    expect(link.res.headers.has(BOOKMARK)).toBe(false);
  });

  it("gives the request its own env: the bindings the app was called with are not changed", async () => {
    const { bindings, recorder, opened } = await call(sitePath(site, "/thread?story=story"), { origin: site.origin });
    expect(opened.starts).toHaveLength(1);
    expect(bindings.DB).toBe(recorder);
  });

  it("keeps concurrent requests on their own sessions", async () => {
    const sent = await primaryBookmark();
    const calls = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? call(sitePath(site, "/thread?story=story"), { origin: site.origin, bookmark: sent })
          : call(sitePath(site, "/comments"), {
              method: "POST",
              origin: site.origin,
              headers: json,
              body: JSON.stringify(comment("busy", `Message ${i}`)),
            }),
      ),
    );
    calls.forEach(({ res, opened }, i) => {
      expect(res.status).toBe(i % 2 ? 200 : 201);
      expect(opened).toEqual({ starts: [i % 2 ? sent : "first-primary"], outside: [] });
    });
  });

  it("refuses exec and dump on a request's session (a session has neither), and opens any other session on the database", async () => {
    const db = sessionDatabase(env.DB.withSession("first-primary"), env.DB);
    await expect(db.exec("SELECT 1")).rejects.toThrow(/exec\(\) is not available in a request's session/);
    await expect(db.dump()).rejects.toThrow(/dump\(\) is not available/);
    expect(await db.prepare("SELECT 2 AS n").first("n")).toBe(2);
    expect((await db.batch<{ n: number }>([db.prepare("SELECT 3 AS n")]))[0]!.results).toEqual([{ n: 3 }]);
    const other = db.withSession("first-primary");
    await other.prepare("SELECT 1").first();
    expect(other.getBookmark()).toMatch(BOOKMARK_FORMAT);
  });
});
