// GET /api/v1/{site}/thread and /comments/{id}/replies: what is refused, with which status and body.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../../worker/schemas/views";
import {
  api,
  comment,
  createSite,
  errorOf,
  getReplies,
  getThread,
  json,
  postOk,
  refusedWithoutWrite,
  sitePath,
  type TestSite,
} from "../support";

let site: TestSite;
let root: number;
let reply: number;

beforeAll(async () => {
  site = await createSite();
  root = (await postOk(site, comment("known", "root"))).comment.id;
  reply = (await postOk(site, comment("known", "reply", "Bo", { parentId: root }))).comment.id;
});

describe("unknown things are 404", () => {
  it("an unknown site, with or without an Origin", async () => {
    for (const origin of [site.origin, null]) {
      const res = await refusedWithoutWrite(() => api("/api/v1/no-such-site/thread?story=x", { origin }));
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({ code: "site_not_found", message: expect.stringContaining("no-such-site") });
    }
  });

  it("a site id that cannot be one", async () => {
    const res = await api("/api/v1/Not%20A%20Site/thread?story=x", { origin: site.origin });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("site_not_found");
  });

  it("an unknown story read without an Origin, which is not created", async () => {
    const res = await refusedWithoutWrite(() => getThread(site, { story: "never-seen" }, null));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "story_not_found", message: expect.any(String) });
  });

  it("an unknown story read same-origin from a server its site does not list, which is not created", async () => {
    // Sec-Fetch-Site is only trusted for the server's own origin, and only when the site lists it.
    const res = await refusedWithoutWrite(() =>
      api(sitePath(site, "/thread?story=never-seen-either"), { origin: null, headers: { "Sec-Fetch-Site": "same-origin" } }),
    );
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("story_not_found");
  });

  it("replies of an unknown comment", async () => {
    const res = await getReplies(site, 999_999);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "comment_not_found", message: expect.any(String) });
  });

  it("replies of a comment that is no longer published", async () => {
    const gone = (await postOk(site, comment("known", "soon gone"))).comment.id;
    await env.DB.prepare("UPDATE comments SET status = 'deleted' WHERE id = ?").bind(gone).run();
    const res = await getReplies(site, gone);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("comment_not_found");
  });
});

describe("bad queries are 400 with zod issues", () => {
  async function expectIssue(query: Record<string, string | number>, path: (string | number)[]) {
    const res = await refusedWithoutWrite(() => getThread(site, query));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues).toEqual(expect.arrayContaining([{ path, message: expect.any(String), code: expect.any(String) }]));
    for (const issue of error.issues!) {
      expect(Object.keys(issue).sort()).toEqual(["code", "message", "path"]);
    }
  }

  it("a missing, empty or blank story", async () => {
    await expectIssue({}, ["story"]);
    await expectIssue({ story: "" }, ["story"]);
    await expectIssue({ story: "   " }, ["story"]);
  });

  it("a story key too long or with control characters", async () => {
    await expectIssue({ story: "k".repeat(501) }, ["story"]);
    await expectIssue({ story: "a\u0000b" }, ["story"]);
    await expectIssue({ story: "a\nb" }, ["story"]);
  });

  it("a parameter given twice", async () => {
    const res = await refusedWithoutWrite(() => api(sitePath(site, "/thread?story=a&story=b"), { origin: site.origin }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toEqual(["story"]);
    const limits = await api(sitePath(site, "/thread?story=known&limit=5&limit=6"), { origin: site.origin });
    expect(limits.status).toBe(400);
  });

  it("a sort other than newest or oldest", async () => {
    await expectIssue({ story: "known", sort: "best" }, ["sort"]);
  });

  it("a limit out of 1..100 or not a whole number", async () => {
    for (const limit of ["0", "-1", "101", "1000", "abc", "1.5"]) {
      await expectIssue({ story: "known", limit }, ["limit"]);
    }
  });

  it("a page url that is not absolute http(s)", async () => {
    for (const url of ["/relative", "javascript:alert(1)", "ftp://x.example/"]) {
      await expectIssue({ story: "new-story", url }, ["url"]);
    }
  });

  it("a title with control characters", async () => {
    await expectIssue({ story: "new-story", title: "a\u0007b" }, ["title"]);
  });

  it("a replies limit out of range, or a comment id that is not one", async () => {
    const bad = await getReplies(site, root, { limit: 101 });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toEqual(["limit"]);
    for (const id of ["abc", "0", "-3", "1.5"]) {
      const res = await getReplies(site, id);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual(["id"]);
    }
  });
});

describe("cursors", () => {
  it("refuses a cursor that is not one", async () => {
    for (const cursor of ["garbage", "!!!", btoa("newest:abc"), btoa("newest:-1")]) {
      const res = await getThread(site, { story: "known", cursor });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: "invalid_cursor", message: expect.any(String) });
    }
  });

  it("refuses a cursor made for another listing", async () => {
    await postOk(site, comment("known", "second top"));
    const oldest = await json<ThreadResponse>(await getThread(site, { story: "known", sort: "oldest", limit: 1 }));
    expect(oldest.nextCursor).toEqual(expect.any(String));
    const asNewest = await getThread(site, { story: "known", sort: "newest", cursor: oldest.nextCursor! });
    expect(asNewest.status).toBe(400);
    expect((await errorOf(asNewest)).code).toBe("invalid_cursor");
    const asReplies = await getReplies(site, root, { cursor: oldest.nextCursor! });
    expect(asReplies.status).toBe(400);
    expect((await errorOf(asReplies)).code).toBe("invalid_cursor");
  });

  it("refuses an over-long cursor as a validation error", async () => {
    const res = await getThread(site, { story: "known", cursor: "a".repeat(201) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toEqual(["cursor"]);
  });
});

it("asks for replies by thread: a reply's own id is refused with the thread's id", async () => {
  const res = await getReplies(site, reply);
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("not_a_thread");
  expect(error.message).toContain(String(root));
});

describe("unknown API paths are 404 JSON", () => {
  const paths = () => [
    sitePath(site, "/nope"),
    sitePath(site, "/thread/extra"),
    sitePath(site, "/comments"),
    "/api/v2/whatever",
    "/api/",
    "/api/v1",
  ];

  it("for reads and writes", async () => {
    for (const path of paths()) {
      for (const method of ["GET", "POST", "PUT", "DELETE"]) {
        // POST /comments is the one real endpoint among these.
        if (method === "POST" && path.endsWith("/comments")) continue;
        const res = await refusedWithoutWrite(() =>
          api(path, {
            method,
            origin: site.origin,
            headers: { "Content-Type": "application/json" },
            body: method === "GET" ? undefined : JSON.stringify(comment("known", "x")),
          }),
        );
        expect(res.status, `${method} ${path}`).toBe(404);
        expect((await errorOf(res)).code, `${method} ${path}`).toMatch(/not_found$/);
      }
    }
  });
});
