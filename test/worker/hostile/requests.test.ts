// Hostile inputs, the requests: malformed and truncated JSON, wrong media types, wrong types,
// missing and extra fields, bodies over the limit, forged Origin, bad ids, cursors and limits on
// every read, edits, reports, reactions and subscriptions with bad input, and a deep reply chain.
// Each answer is a JSON 4xx or a success, never a 500; the database is consistent afterwards.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_BODY_BYTES } from "../../../worker/lib/validate";
import type { TestSite } from "../support";
import { casesRun, expectConsistent, expectRefused, hostileSite, postCase, send, sendAll, type Case } from "./support";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let site: TestSite;
let other: TestSite;
let token: string;
let top: number;
let foreign: number;
const VALID = () => ({ story: "requests", url: `${site.origin}/requests`, body: "Un avis mesuré.", author: { name: "Ana" } });

beforeAll(async () => {
  [site, other] = await Promise.all([hostileSite(), hostileSite()]);
  const first = await send(site, { what: "first", path: "/comments", body: VALID() });
  expect(first.status).toBe(201);
  token = first.data.commenterToken;
  top = first.data.comment.id;
  const elsewhere = await send(other, postCase(other, "elsewhere", "ailleurs", "Bob"));
  foreign = elsewhere.data.comment.id;
});

afterAll(async () => {
  expect(casesRun()).toBeGreaterThanOrEqual(400);
  await expectConsistent([site.id, other.id]);
});

const rowsOf = async () =>
  (await env.DB.prepare(
    "SELECT (SELECT count(*) FROM comments) || ':' || (SELECT count(*) FROM commenters) || ':' || (SELECT count(*) FROM reports) AS n",
  ).first<{ n: string }>())!.n;

describe("malformed JSON", () => {
  it("every truncation of a valid body, and a catalogue of broken JSON: 400 invalid_json, nothing written", async () => {
    const text = JSON.stringify(VALID());
    const broken = [
      ...Array.from({ length: text.length }, (_, i) => text.slice(0, i)),
      "{",
      "}",
      "[",
      "{]",
      "{,}",
      '{"story":}',
      '{"story" "x"}',
      "{'story':'x'}",
      '{story:"x"}',
      `${text},`,
      `${text}}`,
      `${text}x`,
      `{"a":1,}`,
      "[1,]",
      "NaN",
      "Infinity",
      "-",
      "01",
      "1e",
      '"\\x41"',
      '"\\u12"',
      '{"a":"\\u00"}',
      "/* c */ {}",
      "{} // c",
      "undefined",
      "nul",
      "tru",
      "\u00a0{}",
      '{"a":"\t"}',
      '"a\nb"',
      '{"a":01}',
      '{"a":.5}',
      '{"a":+1}',
      '{"a":0x10}',
      "\u0000",
      "{}\u0000",
      "[".repeat(10_000),
    ];
    const before = await rowsOf();
    const out = await sendAll(
      site,
      broken.map((b, i) => ({ what: `broken #${i} ${JSON.stringify(b).slice(0, 40)}`, path: "/comments", body: b })),
    );
    // The empty body and a bare truncation are not JSON; a few truncations happen to be JSON of another shape.
    expectRefused(out, ["invalid_json", "validation_failed"], 400);
    expect(out.filter((o) => o.data.error.code === "invalid_json").length).toBeGreaterThan(broken.length - 10);
    expect(await rowsOf()).toBe(before);
  });

  it("JSON of the wrong shape: 400 validation_failed", async () => {
    const shapes = [
      "null",
      "true",
      "0",
      "-1",
      "1e308",
      '"text"',
      "[]",
      "[{}]",
      "{}",
      `[${JSON.stringify(VALID())}]`,
      '{"__proto__":{"body":"x"}}',
    ];
    expectRefused(
      await sendAll(
        site,
        shapes.map((b) => ({ what: `shape ${b.slice(0, 30)}`, path: "/comments", body: b })),
      ),
      ["validation_failed"],
      400,
    );
  });

  it("deep nesting and duplicate keys are answered without a 500", async () => {
    const deep = `{"story":"requests","body":"x","author":${'{"name":'.repeat(2000)}"a"${"}".repeat(2000)}}`;
    const dup = `{"story":"requests","url":"${site.origin}/requests","body":"first","body":"second","author":{"name":"Dup"}}`;
    const [a, b] = await sendAll(site, [
      { what: "deep", path: "/comments", body: deep },
      { what: "duplicate keys", path: "/comments", body: dup },
    ]);
    expect(a!.status).toBe(400);
    // JSON.parse keeps the last of duplicate keys: what is stored is what the reply says.
    if (b!.status === 201) expect(b!.data.comment.body).toBe("second");
  });
});

describe("media types", () => {
  const TYPES: (string | null)[] = [
    null,
    "",
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/jsonx",
    "application/json-patch+json",
    "application/ld+json",
    "json",
    "application/*",
    "*/*",
    "application/json, text/plain",
    "text/json",
    "application/javascript",
    "application/octet-stream",
    "image/svg+xml",
  ];
  it(`${TYPES.length} wrong media types on each JSON write: 415, nothing written`, async () => {
    const before = await rowsOf();
    const cases: Case[] = [];
    for (const type of TYPES) {
      for (const [path, method] of [
        ["/comments", "POST"],
        [`/comments/${top}`, "PATCH"],
        [`/comments/${top}/reports`, "POST"],
        [`/comments/${top}/subscription`, "POST"],
      ] as const) {
        cases.push({
          what: `${method} as ${type}`,
          method,
          path,
          body: JSON.stringify(VALID()),
          contentType: type,
          headers: { Authorization: `Bearer ${token}` },
        });
      }
    }
    expectRefused(await sendAll(site, cases), ["unsupported_media_type"], 415);
    expect(await rowsOf()).toBe(before);
  });

  it("application/json in any case and with parameters is JSON", async () => {
    const out = await sendAll(
      site,
      ["APPLICATION/JSON", "application/json; charset=utf-8", "Application/Json;charset=UTF-8", " application/json "].map((t, i) => ({
        what: `type ${t}`,
        path: "/comments",
        contentType: t,
        body: { ...VALID(), body: `media ${i}` },
      })),
    );
    for (const o of out) expect(o.status, o.c.what).toBe(201);
  });
});

describe("wrong types, missing and extra fields", () => {
  const WRONG = [null, 0, 1.5, -1, true, false, [], {}, ["x"], { a: 1 }, "", 1e308, Number.MAX_SAFE_INTEGER + 2];
  it("each field of a post with each wrong type: 400 validation_failed naming it", async () => {
    const cases: Case[] = [];
    const fields: [string, (v: unknown) => object][] = [
      ["story", (v) => ({ ...VALID(), story: v })],
      ["body", (v) => ({ ...VALID(), body: v })],
      ["author", (v) => ({ ...VALID(), author: v })],
      ["author.name", (v) => ({ ...VALID(), author: { name: v } })],
      ["parentId", (v) => ({ ...VALID(), parentId: v })],
      ["confirm", (v) => ({ ...VALID(), confirm: v })],
      ["url", (v) => ({ ...VALID(), url: v })],
      ["title", (v) => ({ ...VALID(), title: v })],
    ];
    for (const [field, make] of fields) {
      for (const v of WRONG) {
        // null and absent are the same for the optional fields; "" is a valid title.
        if ((field === "parentId" && v === null) || (field === "title" && v === "") || (field === "confirm" && typeof v === "boolean"))
          continue;
        cases.push({ what: `${field} = ${JSON.stringify(v)}`, path: "/comments", body: make(v) });
      }
    }
    const out = await sendAll(site, cases);
    expectRefused(out, ["validation_failed", "parent_not_found"]);
    for (const o of out) {
      if (o.data.error.code !== "validation_failed") continue;
      const field = o.c.what.split(" = ")[0]!.split(".")[0]!;
      const paths: string[] = o.data.error.issues.map((i: { path: string[] }) => i.path.join("."));
      expect(
        paths.some((p) => p.startsWith(field)),
        `${o.c.what}: ${paths}`,
      ).toBe(true);
    }
  });

  it("each required field missing: 400 naming it", async () => {
    const cases: Case[] = (["story", "body", "author"] as const).map((k) => {
      const b: Record<string, unknown> = VALID();
      delete b[k];
      return { what: `without ${k}`, path: "/comments", body: b };
    });
    const out = await sendAll(site, cases);
    expectRefused(out, ["validation_failed"], 400);
  });

  it("extra fields are ignored: they cannot set the status, the author, the id or the date", async () => {
    const extras: object[] = [
      { status: "published", featured: true },
      { id: 1, commentId: 1 },
      { authorId: 1, commenterId: 1, author: { name: "Ana", id: 1, kind: "staff" } },
      { createdAt: "1970-01-01T00:00:00Z", created_at: 0 },
      { site: other.id, siteId: other.id },
      { reactionCount: 999, replyCount: 999 },
      { __proto__: { status: "rejected" } },
      { constructor: { prototype: { x: 1 } } },
    ];
    const out = await sendAll(
      site,
      extras.map((e, i) => ({ what: `extra ${JSON.stringify(e)}`, path: "/comments", body: { ...VALID(), body: `extra ${i}`, ...e } })),
    );
    for (const o of out) {
      expect(o.status, o.c.what).toBe(201);
      expect(o.data.comment.reactionCount ?? 0, o.c.what).toBe(0);
      expect(o.data.comment.replyCount, o.c.what).toBe(0);
      expect(Date.parse(o.data.comment.createdAt), o.c.what).toBeGreaterThan(Date.now() - 600_000);
    }
    const row = await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE site_id = ? AND body LIKE 'extra %'")
      .bind(other.id)
      .first<{ n: number }>();
    expect(row!.n).toBe(0);
  });
});

describe("bodies over the limit", () => {
  it(`a body over ${MAX_BODY_BYTES} bytes is refused with 413 before it is read; at the limit it is read`, async () => {
    const pad = (n: number) => JSON.stringify({ ...VALID(), pad: "x".repeat(n) });
    const base = pad(0).length;
    const cases: Case[] = [];
    for (const extra of [1, 2, 100, 1 << 20])
      cases.push({ what: `${extra} bytes over`, path: "/comments", body: pad(MAX_BODY_BYTES - base + extra) });
    for (const path of [`/comments/${top}`, `/comments/${top}/reports`, `/comments/${top}/subscription`]) {
      cases.push({
        what: `over on ${path}`,
        method: path === `/comments/${top}` ? "PATCH" : "POST",
        path,
        body: JSON.stringify({ body: "x".repeat(MAX_BODY_BYTES) }),
      });
    }
    expectRefused(await sendAll(site, cases), ["payload_too_large"], 413);
    const [atLimit] = await sendAll(site, [
      {
        what: "at the limit",
        path: "/comments",
        body: pad(MAX_BODY_BYTES - base)
          .replace('"Un avis mesuré."', '"at the limit"')
          .slice(0, MAX_BODY_BYTES),
      },
    ]);
    expect([201, 400]).toContain(atLimit!.status);
  });
});

describe("forged or missing Origin", () => {
  const ORIGINS: (string | null)[] = [
    null,
    "null",
    "https://evil.example",
    "http://SITE",
    "https://evil.example/phishing",
    "file://",
    "chrome-extension://abc",
    "https://evil.example:443",
    "javascript:alert(1)",
    "https://user@evil.example",
    "*",
    "https://evil.example, https://x.example",
  ];
  it("writes from an origin the site does not allow are refused, nothing written", async () => {
    const before = await rowsOf();
    const cases: Case[] = [];
    for (const o of ORIGINS) {
      const origin = o === "http://SITE" ? site.origin.replace("https", "http") : o;
      cases.push({ what: `post from ${origin}`, path: "/comments", origin, body: { ...VALID(), body: `from ${origin}` } });
      cases.push({
        what: `post from ${origin} (upper case)`,
        path: "/comments",
        origin: origin?.toUpperCase() ?? null,
        body: { ...VALID(), body: `from ${origin}` },
      });
      cases.push({ what: `report from ${origin}`, path: `/comments/${top}/reports`, origin, body: { reason: "spam" } });
      cases.push({ what: `like from ${origin}`, method: "PUT", path: `/comments/${top}/reaction`, origin });
    }
    cases.push({ what: "post from the other site's origin", path: "/comments", origin: other.origin, body: VALID() });
    const out = await sendAll(site, cases);
    for (const o of out) expect(o.status, `${o.c.what}: ${JSON.stringify(o.data)}`).toBeGreaterThanOrEqual(400);
    expect(await rowsOf()).toBe(before);
  });
});

describe("ids, cursors and limits on every read and write", () => {
  // "1e3" and "0x10" are numbers to JavaScript (1000, 16): they may name a real comment, so they only must not fail.
  const COERCED = ["1e3", "0x10"];
  const IDS = [
    "0",
    "-1",
    "1.5",
    "abc",
    ...COERCED,
    "9007199254740993",
    "99999999999999999999",
    "%00",
    "%2e%2e",
    "1;DROP",
    "' OR 1=1",
    "null",
    "NaN",
    "Infinity",
    "１",
    "1/2",
    "1%2F2",
  ];
  const CURSORS = [
    "",
    "x",
    "%00",
    "eyJ",
    "eyJpZCI6LTF9",
    "eyJpZCI6IngifQ",
    "W10",
    "bnVsbA",
    "' OR 1=1 --",
    "-1",
    "0",
    "99999999999999",
    "a".repeat(201),
    "%FF%FE",
    "%F0%9F%98",
    "..%2F..%2F",
    "<script>",
    "\\u0000",
    "1:2:3",
  ];
  const LIMITS = ["0", "-1", "101", "1.5", "abc", "1e2", "", "NaN", "Infinity", "-0", "0x10", "99999999999", "%00", "1,2"];

  it("bad ids on every comment route: a JSON 4xx", async () => {
    const cases: Case[] = [];
    for (const id of [...IDS, String(foreign), "424242"]) {
      cases.push(
        { what: `replies of ${id}`, path: `/comments/${id}/replies` },
        { what: `context of ${id}`, path: `/comments/${id}/context` },
        {
          what: `edit ${id}`,
          method: "PATCH",
          path: `/comments/${id}`,
          body: { body: "x" },
          headers: { Authorization: `Bearer ${token}` },
        },
        { what: `delete ${id}`, method: "DELETE", path: `/comments/${id}`, headers: { Authorization: `Bearer ${token}` } },
        { what: `like ${id}`, method: "PUT", path: `/comments/${id}/reaction` },
        { what: `unlike ${id}`, method: "DELETE", path: `/comments/${id}/reaction` },
        { what: `report ${id}`, path: `/comments/${id}/reports`, body: { reason: "spam" } },
        { what: `subscribe ${id}`, path: `/comments/${id}/subscription`, body: { email: "a@example.com" } },
        { what: `reply to ${id}`, path: "/comments", body: { ...VALID(), parentId: Number.isSafeInteger(Number(id)) ? Number(id) : id } },
      );
    }
    const out = await sendAll(site, cases, 12);
    for (const o of out) {
      if (COERCED.some((id) => o.c.what.endsWith(` ${id}`))) continue;
      expect(o.status, `${o.c.what}: ${JSON.stringify(o.data).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    }
  });

  it("bad cursors and limits on the thread, replies, context, news and counts: 400 or a page, never a 500", async () => {
    const cases: Case[] = [];
    for (const cursor of CURSORS) {
      cases.push({ what: `thread cursor ${cursor}`, path: `/thread?story=requests&cursor=${cursor}` });
      cases.push({ what: `thread top cursor ${cursor}`, path: `/thread?story=requests&sort=top&cursor=${cursor}` });
      cases.push({ what: `replies cursor ${cursor}`, path: `/comments/${top}/replies?cursor=${cursor}` });
    }
    for (const limit of LIMITS) {
      cases.push({ what: `thread limit ${limit}`, path: `/thread?story=requests&limit=${limit}` });
      cases.push({ what: `replies limit ${limit}`, path: `/comments/${top}/replies?limit=${limit}` });
      cases.push({ what: `context limit ${limit}`, path: `/comments/${top}/context?limit=${limit}` });
      cases.push({ what: `news after ${limit}`, path: `/news?story=requests&after=${limit}` });
    }
    for (const q of [
      "",
      "story=",
      "story=%00",
      "sort=sideways&story=requests",
      "story=requests&sort=",
      `story=${"k".repeat(501)}`,
      "story[]=a",
      `story=a&story=${"b".repeat(600)}`,
      ...Array.from({ length: 4 }, (_, i) => Array.from({ length: 99 + i }, (_, j) => `story=s${j}`).join("&")),
    ]) {
      cases.push({ what: `counts ?${q.slice(0, 40)}`, path: `/counts?${q}` });
      cases.push({ what: `thread ?${q.slice(0, 40)}`, path: `/thread?${q}` });
    }
    // Reads only: a wider crowd.
    const out = await sendAll(site, cases, 16);
    const garbage = out.filter((o) => /cursor (x|%00|eyJ|W10|bnVsbA|<script>|' OR)/.test(o.c.what));
    for (const o of garbage) expect(o.status, o.c.what).toBe(400);
    for (const o of out.filter((o) => /limit (0|-1|101|abc|NaN)$/.test(o.c.what))) expect(o.status, o.c.what).toBe(400);
  });
});

describe("edits, reports and subscriptions with bad input", () => {
  it("each is a JSON 4xx and changes nothing it should not", async () => {
    const BAD = [null, 1, [], {}, "", " ", "\u0000", "\uD800", "x".repeat(5001), { body: "x" }];
    const auth = { Authorization: `Bearer ${token}` };
    const cases: Case[] = [];
    for (const v of BAD) {
      cases.push({
        what: `edit body ${JSON.stringify(v).slice(0, 20)}`,
        method: "PATCH",
        path: `/comments/${top}`,
        body: { body: v },
        headers: auth,
      });
      cases.push({ what: `report reason ${JSON.stringify(v).slice(0, 20)}`, path: `/comments/${top}/reports`, body: { reason: v } });
      // No note (null, "" or blank) is a valid report: those are not bad input here.
      if (v !== null && !(typeof v === "string" && v.trim() === "")) {
        cases.push({
          what: `report note ${JSON.stringify(v).slice(0, 20)}`,
          path: `/comments/${top}/reports`,
          body: { reason: "other", note: v },
        });
      }
      cases.push({
        what: `subscription email ${JSON.stringify(v).slice(0, 20)}`,
        path: `/comments/${top}/subscription`,
        body: { email: v },
        headers: auth,
      });
    }
    for (const email of [
      "not-an-email",
      "a@",
      "@b.c",
      "a@b",
      "a b@c.d",
      "a@b.c\r\nBcc: x@y.z",
      "<script>@x.y",
      `a@${"b".repeat(260)}.com`,
      "a@\u0000.com",
    ]) {
      cases.push({ what: `subscription ${email}`, path: `/comments/${top}/subscription`, body: { email } });
    }
    cases.push({ what: "edit without a token", method: "PATCH", path: `/comments/${top}`, body: { body: "hijack" } });
    cases.push({
      what: "edit with a forged token",
      method: "PATCH",
      path: `/comments/${top}`,
      body: { body: "hijack" },
      headers: { Authorization: "Bearer forged.token.value" },
    });
    cases.push({
      what: "edit with a token of another site",
      method: "PATCH",
      path: `/comments/${top}`,
      body: { body: "hijack" },
      headers: { Authorization: `Bearer ${"a".repeat(2000)}` },
    });
    const out = await sendAll(site, cases);
    for (const o of out) expect(o.status, `${o.c.what}: ${JSON.stringify(o.data).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    const row = await env.DB.prepare("SELECT body FROM comments WHERE id = ?").bind(top).first<{ body: string }>();
    expect(row!.body).toBe("Un avis mesuré.");
  });
});

describe("a deep reply chain", () => {
  it("30 replies each to the last: all stored, depth capped, counts exact, every reply reachable", async () => {
    const root = await send(site, postCase(site, "chain", "root", "Chain"));
    expect(root.status).toBe(201);
    let parent = root.data.comment.id as number;
    const chainToken = root.data.commenterToken as string;
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const o = await send(site, {
        ...postCase(site, "chain", `reply ${i}`, "Chain", "", { parentId: parent }),
        headers: { Authorization: `Bearer ${chainToken}` },
      });
      expect(o.status, JSON.stringify(o.data)).toBe(201);
      expect(o.data.comment.depth).toBeLessThanOrEqual(3);
      ids.push((parent = o.data.comment.id));
    }
    const { results } = await env.DB.prepare("SELECT reply_count FROM comments WHERE id = ?")
      .bind(root.data.comment.id)
      .all<{ reply_count: number }>();
    expect(results[0]!.reply_count).toBe(30);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await send(site, {
        what: "replies",
        path: `/comments/${root.data.comment.id}/replies?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(page.status).toBe(200);
      seen.push(...page.data.replies.map((r: { id: number }) => r.id));
      cursor = page.data.nextCursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(new Set(ids));
    const context = await send(site, { what: "context of the deepest", path: `/comments/${ids.at(-1)}/context` });
    expect(context.status).toBe(200);
  });
});
