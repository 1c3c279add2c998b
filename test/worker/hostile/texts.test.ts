// Hostile inputs, the text: lengths at the boundary in code points, lone surrogates (escaped and
// raw), invalid UTF-8, NUL and other controls, invisible and bidi names, SQL-looking text. Each is
// refused with a JSON 4xx exactly when the documented rules say so, or stored and read back
// identical to what was sent after NFC, "\r\n" → "\n" and trim. (The naughty strings: blns.test.ts.)
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BODY_MAX, NAME_MAX } from "../../../common/text/rules";
import type { TestSite } from "../support";
import {
  casesRun,
  expectAsRuled,
  expectConsistent,
  expectReadBack,
  expectRefused,
  hostileSite,
  postCase,
  sendAll,
  withRawBytes,
  type Case,
  type Expected,
} from "./support";

// Hundreds of requests, each a real post through workerd and D1: seconds, not milliseconds.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let site: TestSite;
const expected: Expected = new Map();
const post = (story: string, body: string, name: string, what = "", extra: object = {}) => postCase(site, story, body, name, what, extra);

beforeAll(async () => {
  site = await hostileSite();
});

afterAll(async () => {
  expect(casesRun()).toBeGreaterThanOrEqual(TEXT_CASES_MIN);
  await expectReadBack(site, expected);
  await expectConsistent([site.id]);
});

/** this file's share of the suite's 1 000 cases (with blns.test.ts and requests.test.ts) */
const TEXT_CASES_MIN = 450;

describe("lengths at the boundary, in code points after NFC", () => {
  const units: [string, string][] = [
    ["a", "a"],
    ["é (one code point)", "é"],
    ["e + combining acute (NFC makes one)", "e\u0301"],
    ["😀 (two UTF-16 units)", "😀"],
    ["𝕏 (astral letter)", "𝕏"],
    ["ｱ (halfwidth)", "ｱ"],
  ];
  const cases: { body: string; name: string }[] = [];
  for (const [, u] of units) {
    for (const n of [BODY_MAX - 1, BODY_MAX, BODY_MAX + 1]) cases.push({ body: u.repeat(n), name: "Long" });
    for (const n of [NAME_MAX - 1, NAME_MAX, NAME_MAX + 1]) cases.push({ body: "name length", name: u.repeat(n) });
    cases.push({ body: `  ${u.repeat(BODY_MAX)}\n\n `, name: `  ${u.repeat(NAME_MAX)} ` });
  }
  cases.push({ body: "a\r\n".repeat(2500), name: "CRLF" }, { body: "a\r\n".repeat(2501), name: "CRLF" });
  cases.push({ body: `${"\r\n".repeat(BODY_MAX + 10)}x`, name: "Blank lines" });

  it(`${cases.length} bodies and names at their limits (${BODY_MAX} and ${NAME_MAX})`, async () => {
    const out = await sendAll(
      site,
      cases.map((t, i) => post("lengths", t.body, t.name, `length case ${i}`)),
      8,
    );
    expectAsRuled(out, cases, expected);
    const tooLong = out.filter((o) => o.status === 400).map((o) => o.data.error.issues[0].code);
    expect(tooLong.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tooLong)).toEqual(new Set(["too_long"]));
  });
});

describe("characters that cannot be stored faithfully", () => {
  const SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDE00\uD83D", "\uD83D\uD83D"];
  const places = (s: string) => [s, `a${s}`, `${s}b`, `a${s}b`, `😀${s}😀`];

  it("lone surrogates escaped in JSON, in the body, the name and the story: 400", async () => {
    const cases: Case[] = [];
    for (const s of SURROGATES) {
      for (const t of places(s)) {
        cases.push(post("surrogates", t, "Ana", `escaped ${JSON.stringify(t)} in body`));
        cases.push(post("surrogates", "ok", t, `escaped ${JSON.stringify(t)} in name`));
        cases.push({
          what: `escaped ${JSON.stringify(t)} in story`,
          path: `/comments`,
          body: { story: t, body: "ok", author: { name: "Ana" } },
        });
      }
    }
    expectRefused(await sendAll(site, cases), ["validation_failed"], 400);
  });

  // Raw: the surrogate's own UTF-8-like bytes (CESU-8), which no UTF-8 decoder may accept.
  const RAW_BYTES: [string, number[]][] = [
    ["a raw high surrogate", [0xed, 0xa0, 0x80]],
    ["a raw low surrogate", [0xed, 0xb0, 0x80]],
    ["a raw surrogate pair (CESU-8)", [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]],
    ["a lone continuation byte", [0x80]],
    ["continuation bytes", [0xbf, 0xbf]],
    ["0xFF", [0xff]],
    ["0xFE 0xFF (UTF-16 BOM)", [0xfe, 0xff]],
    ["0xC0 0x80 (overlong NUL)", [0xc0, 0x80]],
    ["overlong slash", [0xe0, 0x80, 0xaf]],
    ["overlong four-byte", [0xf0, 0x80, 0x80, 0xaf]],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["five-byte form", [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ["truncated two-byte", [0xc3]],
    ["truncated three-byte", [0xe2, 0x82]],
    ["truncated four-byte", [0xf0, 0x9f, 0x98]],
    ["Latin-1 é", [0xe9]],
    ["Windows-1252 quote", [0x93, 0x94]],
    ["a truncated sequence then ASCII", [0xe2, 0x41]],
  ];

  it(`${RAW_BYTES.length} kinds of invalid UTF-8, in the body, the name and the story: 400 invalid_json, nothing stored`, async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE site_id = ?").bind(site.id).first<{ n: number }>())!.n;
    const cases: Case[] = [];
    for (const [what, bytes] of RAW_BYTES) {
      const fields = (at: "body" | "name" | "story") => ({
        story: at === "story" ? "\u0001" : "raw",
        body: at === "body" ? "x\u0001y" : "ok",
        author: { name: at === "name" ? "A\u0001" : "Ana" },
      });
      for (const at of ["body", "name", "story"] as const) {
        cases.push({ what: `${what} in ${at}`, path: "/comments", body: withRawBytes(fields(at), bytes) });
      }
      cases.push({
        what: `${what} between fields`,
        path: "/comments",
        body: withRawBytes({ story: "raw", body: "ok", x: "\u0001" }, bytes),
      });
    }
    const out = await sendAll(site, cases);
    expectRefused(out, ["invalid_json"], 400);
    const after = (await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE site_id = ?").bind(site.id).first<{ n: number }>())!.n;
    expect(after).toBe(before);
  });

  it("NUL and other controls, escaped or raw, anywhere: 400", async () => {
    const cases: Case[] = [];
    for (const ch of ["\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0080", "\u0085", "\u009F"]) {
      for (const t of places(ch)) {
        cases.push(post("controls", t, "Ana", `${JSON.stringify(t)} in body`));
        cases.push(post("controls", "ok", t, `${JSON.stringify(t)} in name`));
      }
      // Unescaped inside a JSON string, a C0 control is not JSON at all.
      if (ch < " ")
        cases.push({
          what: `raw ${JSON.stringify(ch)} in a JSON string`,
          path: "/comments",
          body: withRawBytes({ story: "c", body: "a\u0001", author: { name: "Ana" } }, [ch.charCodeAt(0)]),
        });
    }
    expectRefused(await sendAll(site, cases), ["validation_failed", "invalid_json"], 400);
  });
});

describe("names", () => {
  const INVISIBLE = [
    "\u200B",
    "\u200C",
    "\u200D",
    "\u2060",
    "\uFEFF",
    "\u3164",
    "\uFFA0",
    "\u115F",
    "\u1160",
    "\u00AD",
    "\u034F",
    "\u061C",
    "\u180E",
    "\u200E",
    "\u200F",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\u206A",
    "\u206F",
    "\uFE00",
    "\uFE0F",
    "\u{1D173}",
    "\u{E0001}",
    "\u{E007F}",
    "\u2800",
  ];
  const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];

  it(`made only of invisible or format characters (${INVISIBLE.length} kinds, alone, tripled and mixed with spaces): 400 invisible_name`, async () => {
    const names = INVISIBLE.flatMap((ch) => [ch, ch.repeat(3), ` ${ch} \u3000${ch} `]);
    const out = await sendAll(
      site,
      names.map((n) => post("invisible", "hello", n, `name ${JSON.stringify(n)}`)),
    );
    expectRefused(out, ["validation_failed"], 400);
    for (const o of out) expect(o.data.error.issues[0], o.c.what).toMatchObject({ path: ["author", "name"], code: "invisible_name" });
  });

  it("holding a bidi control anywhere: 400 bidi_control", async () => {
    const names = BIDI.flatMap((ch) => [`${ch}Admin`, `Admin${ch}`, `Ad${ch}min`, `${ch}${ch}`, `moc.elpmaxe${ch}@ana`]);
    const out = await sendAll(
      site,
      names.map((n) => post("bidi", "hello", n, `name ${JSON.stringify(n)}`)),
    );
    expectRefused(out, ["validation_failed"], 400);
    for (const o of out) expect(o.data.error.issues[0], o.c.what).toMatchObject({ path: ["author", "name"], code: "bidi_control" });
  });

  it("with format characters inside real letters (joiners, marks): stored as sent", async () => {
    const names = [
      "Ana\u200B",
      "👩\u200D👩\u200D👧",
      "می\u200Cخواهم",
      "محمد\u200F",
      "Zoe\u0308",
      "Ｆｕｌｌ",
      "ǅemal",
      "İstanbul",
      "ß",
      "\u{1F1EB}\u{1F1F7} Paris",
    ];
    const out = await sendAll(
      site,
      names.map((n) => post("fine-names", `hi from ${n}`, n)),
    );
    expectAsRuled(
      out,
      names.map((name) => ({ body: `hi from ${name}`, name })),
      expected,
    );
    expect(out.every((o) => o.status === 201)).toBe(true);
  });
});

describe("SQL-looking text is text", () => {
  const SQL = [
    "'; DROP TABLE comments; --",
    '" OR 1=1 --',
    "1' OR '1'='1",
    "Robert'); DROP TABLE commenters;--",
    "' UNION SELECT password_hash FROM staff --",
    "%' AND 1=0 UNION SELECT sql FROM sqlite_master --",
    "'; UPDATE comments SET status='published' WHERE '1'='1",
    "?1 ?2 :name @x $y",
    "\\'; ATTACH DATABASE '/tmp/x' AS x; --",
    "*/ SELECT 1; /*",
    "x' || (SELECT count(*) FROM staff) || '",
    "1; PRAGMA writable_schema=ON;",
    "%_%_%",
    "\\x00\\x1a",
    "' AND randomblob(1000000000) --",
    "COLLATE NOCASE",
  ];
  it(`${SQL.length * 3} SQL-looking bodies, names and story keys are stored and read as text`, async () => {
    const cases = [...SQL.map((s) => post("sql", s, "Bobby")), ...SQL.map((s) => post("sql", "named", s.slice(0, NAME_MAX)))];
    const out = await sendAll(site, cases);
    expectAsRuled(
      out,
      [...SQL.map((body) => ({ body, name: "Bobby" })), ...SQL.map((s) => ({ body: "named", name: s.slice(0, NAME_MAX) }))],
      expected,
    );
    const stories = await sendAll(
      site,
      SQL.map((s) => post(s, "story key", "Ana", `story ${s}`)),
    );
    for (const o of stories) {
      if (o.status === 201) expect(o.data.story.key, o.c.what).toBe((o.c.body as { story: string }).story.trim());
    }
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM staff").first<{ n: number }>())!;
    expect(n).toBeGreaterThanOrEqual(0); // the table is still there
  });
});
