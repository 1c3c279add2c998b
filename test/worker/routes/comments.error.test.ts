// POST /api/v1/{site}/comments: every refusal has its status and JSON shape, and writes nothing.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, api, comment, createSite, errorOf, post, postOk, refusedWithoutWrite, sitePath, type TestSite } from "../support";

let site: TestSite;
let existing: number;

beforeAll(async () => {
  site = await createSite();
  existing = (await postOk(site, comment("story", "already here"))).comment.id;
});

/**
 * Posts, expects a 400 validation error with an issue at `path` (with that message and reason code
 * when given), and checks nothing was written.
 */
async function expectInvalid(body: unknown, path: (string | number)[], message?: RegExp, code?: string) {
  const res = await refusedWithoutWrite(() => post(site, body));
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("validation_failed");
  expect(error.issues!.length).toBeGreaterThan(0);
  for (const issue of error.issues!) {
    expect(issue).toEqual({ path: expect.any(Array), message: expect.any(String), code: expect.any(String) });
  }
  const match = error.issues!.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
  expect(match, JSON.stringify(error.issues)).toBeDefined();
  if (message) expect(match!.message).toMatch(message);
  if (code) expect(match!.code).toBe(code);
  return error;
}

describe("body and name lengths (code points, after trim)", () => {
  it("refuses an empty or blank body", async () => {
    await expectInvalid(comment("story", ""), ["body"], /empty/, "empty");
    await expectInvalid(comment("story", " \n\t \r\n "), ["body"], /empty/, "empty");
  });

  it("refuses a body over 5000 characters, emoji counted as one", async () => {
    await expectInvalid(comment("story", "a".repeat(5001)), ["body"], /5000/, "too_long");
    await expectInvalid(comment("story", "😀".repeat(5001)), ["body"], /5000/);
    await expectInvalid(comment("story", "é".repeat(5001)), ["body"], /5000/);
  });

  it("refuses an empty, blank or over-long name", async () => {
    await expectInvalid(comment("story", "ok", ""), ["author", "name"], /empty/, "empty");
    await expectInvalid(comment("story", "ok", "   "), ["author", "name"]);
    await expectInvalid(comment("story", "ok", "n".repeat(61)), ["author", "name"], /60/, "too_long");
    await expectInvalid(comment("story", "ok", "🙂".repeat(61)), ["author", "name"], /60/);
  });
});

describe("characters that cannot be stored faithfully", () => {
  const broken: [string, string][] = [
    ["a lone high surrogate", "before \uD83D after"],
    ["a lone low surrogate", "before \uDE00 after"],
    ["a high surrogate at the end", "end \uD83D"],
    ["reversed surrogates", "\uDE00\uD83D"],
  ];
  for (const [what, text] of broken) {
    it(`refuses ${what} in the body and in the name`, async () => {
      await expectInvalid(comment("story", text), ["body"], /surrogate/, "lone_surrogate");
      await expectInvalid(comment("story", "fine", text), ["author", "name"], /surrogate/);
    });
  }

  const controls: [string, string][] = [
    ["NUL", "\u0000"],
    ["BEL", "\u0007"],
    ["vertical tab", "\u000B"],
    ["form feed", "\u000C"],
    ["escape", "\u001B"],
    ["DEL", "\u007F"],
    ["a C1 control", "\u0085"],
  ];
  for (const [what, ch] of controls) {
    it(`refuses ${what} in the body and in the name`, async () => {
      await expectInvalid(comment("story", `a${ch}b`), ["body"], /control/, "control_character");
      await expectInvalid(comment("story", "fine", `a${ch}b`), ["author", "name"], /control/);
    });
  }

  it("refuses newlines and tabs in a name", async () => {
    for (const name of ["Ana\nBo", "Ana\tBo", "Ana\r\nBo"]) {
      await expectInvalid(comment("story", "fine", name), ["author", "name"]);
    }
  });

  it("leaves no row behind, broken or repaired", async () => {
    await post(site, comment("story", "marker \uD83D"));
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM comments WHERE body LIKE 'marker%'").first<{
      n: number;
    }>())!;
    expect(n).toBe(0);
  });
});

describe("shape of the request", () => {
  it("refuses missing fields, each named", async () => {
    await expectInvalid({ body: "x", author: { name: "A" } }, ["story"]);
    await expectInvalid({ story: "story", author: { name: "A" } }, ["body"], /required/, "invalid_type");
    await expectInvalid({ story: "story", body: "x" }, ["author"]);
    await expectInvalid({ story: "story", body: "x", author: {} }, ["author", "name"]);
  });

  it("refuses wrong types", async () => {
    await expectInvalid({ story: 5, body: "x", author: { name: "A" } }, ["story"]);
    await expectInvalid({ story: "story", body: ["x"], author: { name: "A" } }, ["body"]);
    await expectInvalid({ story: "story", body: "x", author: "A" }, ["author"]);
    await expectInvalid(comment("story", "x", "A", { parentId: String(existing) }), ["parentId"]);
    await expectInvalid(comment("story", "x", "A", { parentId: 1.5 }), ["parentId"]);
    await expectInvalid(comment("story", "x", "A", { parentId: -1 }), ["parentId"]);
    await expectInvalid(comment("story", "x", "A", { parentId: 2 ** 60 }), ["parentId"]);
  });

  it("refuses a bad page url and story key", async () => {
    await expectInvalid(comment("story", "x", "A", { url: "not a url" }), ["url"]);
    await expectInvalid(comment("story", "x", "A", { url: "data:text/html,hi" }), ["url"]);
    await expectInvalid(comment("k".repeat(501), "x"), ["story"]);
    await expectInvalid(comment("a\u0000b", "x"), ["story"]);
  });

  it("refuses JSON that is not an object", async () => {
    for (const body of ["null", "[]", '"text"', "42"]) {
      const res = await refusedWithoutWrite(() => post(site, body));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
  });

  it("refuses a body that is not JSON, with no issues list", async () => {
    for (const body of ["", "{", "{'story': 'x'}", '{"story": "x",}']) {
      const res = await refusedWithoutWrite(() => post(site, body));
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: "invalid_json", message: expect.any(String) });
    }
  });
});

describe("parents", () => {
  it("404 for an unknown parent", async () => {
    const res = await refusedWithoutWrite(() => post(site, comment("story", "x", "A", { parentId: 987_654 })));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "parent_not_found", message: expect.any(String) });
  });

  it("404 for a parent that is no longer published", async () => {
    const gone = (await postOk(site, comment("story", "gone"))).comment.id;
    await env.DB.prepare("UPDATE comments SET status = 'deleted' WHERE id = ?").bind(gone).run();
    const res = await refusedWithoutWrite(() => post(site, comment("story", "x", "A", { parentId: gone })));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("parent_not_found");
  });

  it("400 for a parent on another story, existing or not", async () => {
    await postOk(site, comment("other-story", "elsewhere"));
    for (const story of ["other-story", "brand-new-story"]) {
      const res = await refusedWithoutWrite(() => post(site, comment(story, "x", "A", { parentId: existing })));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("parent_story_mismatch");
    }
  });
});

it("403 on a closed story", async () => {
  await postOk(site, comment("closing", "last word"));
  await env.DB.prepare("UPDATE stories SET status = 'closed' WHERE site_id = ? AND key = 'closing'").bind(site.id).run();
  const res = await refusedWithoutWrite(() => post(site, comment("closing", "too late")));
  expect(res.status).toBe(403);
  expect(await errorOf(res)).toEqual({ code: "story_closed", message: expect.any(String) });
});

it("404 on an unknown site", async () => {
  const res = await refusedWithoutWrite(() =>
    api("/api/v1/unknown-site/comments", {
      method: "POST",
      origin: site.origin,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(comment("story", "x")),
    }),
  );
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("site_not_found");
});

describe("415: not JSON", () => {
  const send = (contentType: string | null) =>
    refusedWithoutWrite(() =>
      api(sitePath(site, "/comments"), {
        method: "POST",
        origin: site.origin,
        headers: contentType ? { "Content-Type": contentType } : {},
        body: new TextEncoder().encode(JSON.stringify(comment("story", "x"))),
      }),
    );

  const types = [
    null,
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonx",
    "application/ld+json",
  ];
  for (const type of types) {
    it(`refuses ${type ?? "no content type"}`, async () => {
      const res = await send(type);
      expect(res.status).toBe(415);
      expect(await errorOf(res)).toEqual({ code: "unsupported_media_type", message: expect.any(String) });
    });
  }
});

describe("413: body over 64 KiB, refused before parsing", () => {
  const big = JSON.stringify(comment("story", "word ".repeat(14_000))); // ≈ 70 KB, valid JSON

  it("with a Content-Length", async () => {
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await refusedWithoutWrite(() => post(site, big));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual({ code: "payload_too_large", message: expect.any(String) });
  });

  it("even when the oversized body is not JSON at all (never parsed)", async () => {
    const res = await refusedWithoutWrite(() => post(site, `{${"x".repeat(70_000)}`));
    expect(res.status).toBe(413);
  });

  it("streamed without a Content-Length", async () => {
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const request = new Request(new URL(sitePath(site, "/comments"), BASE), {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: site.origin },
      body: stream,
    });
    expect(request.headers.get("Content-Length")).toBeNull();
    const res = await refusedWithoutWrite(() => exports.default.fetch(request));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
  });

  it("while a body just under the limit, streamed, is read and saved", async () => {
    const text = "x".repeat(5000);
    const body = new TextEncoder().encode(JSON.stringify({ ...comment("story", text), pad: " ".repeat(50_000) }));
    const res = await api(sitePath(site, "/comments"), {
      method: "POST",
      origin: site.origin,
      headers: { "Content-Type": "application/json" },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(body);
          controller.close();
        },
      }),
    });
    expect(res.status).toBe(201);
  });
});

describe("401 invalid_token", () => {
  it("for a token no commenter holds, a malformed Authorization, or another site's token", async () => {
    const neighbour = await createSite();
    const theirs = (await postOk(neighbour, comment("story", "hello"))).commenterToken!;
    const cases: [string, Record<string, string>][] = [
      ["an unknown token", { Authorization: "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
      ["another site's token", { Authorization: `Bearer ${theirs}` }],
      ["a Basic authorization", { Authorization: "Basic YWRtaW46YWRtaW4=" }],
      ["a Bearer with no token", { Authorization: "Bearer " }],
      ["a token with spaces", { Authorization: "Bearer a b" }],
    ];
    for (const [what, headers] of cases) {
      const res = await refusedWithoutWrite(() =>
        api(sitePath(site, "/comments"), {
          method: "POST",
          origin: site.origin,
          headers: { "Content-Type": "application/json", ...headers },
          body: JSON.stringify(comment("story", `with ${what}`)),
        }),
      );
      expect(res.status, what).toBe(401);
      expect(await errorOf(res)).toEqual({ code: "invalid_token", message: expect.any(String) });
    }
  });
});
