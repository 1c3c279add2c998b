// Issue 10 point 6, readers' side: a body that is not UTF-8 is refused rather than repaired, and a
// name that reads as blank or reorders the text around it is refused with its reason.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, comment, createSite, errorOf, post, postOk, refusedWithoutWrite, sitePath, type TestSite } from "../support";

let site: TestSite;
let existing: number;

beforeAll(async () => {
  site = await createSite();
  existing = (await postOk(site, comment("utf8", "already here"))).comment.id;
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

/** A JSON body whose `body` string holds these raw bytes between "x" and "y". */
function withBytes(bytes: number[], fields: (text: string) => object = (t) => comment("utf8", t)): Uint8Array {
  const [before, after] = JSON.stringify(fields("x\u0001y")).split("\\u0001");
  return concat(utf8(before!), new Uint8Array(bytes), utf8(after!));
}

const sendBytes = (path: string, method: string, bytes: Uint8Array) =>
  api(sitePath(site, path), { method, origin: site.origin, headers: { "Content-Type": "application/json" }, body: bytes });

const INVALID_UTF8: [string, number[]][] = [
  ["a lone continuation byte", [0x80]],
  ["an invalid start byte", [0xff]],
  ["a truncated two-byte sequence", [0xc3]],
  ["a truncated four-byte sequence", [0xf0, 0x9f, 0x98]],
  ["an overlong slash", [0xc0, 0xaf]],
  ["an encoded surrogate (CESU-8)", [0xed, 0xa0, 0x80]],
  ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ["Latin-1 é", [0xe9]],
];

describe("a request body that is not UTF-8", () => {
  for (const [what, bytes] of INVALID_UTF8) {
    it(`is refused with 400 invalid_json, nothing stored: ${what}`, async () => {
      const res = await refusedWithoutWrite(() => sendBytes("/comments", "POST", withBytes(bytes)));
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("invalid_json");
      expect(error.message).toMatch(/UTF-8/);
    });
  }

  it("is refused on every JSON write: edit, report, subscription", async () => {
    for (const [path, method, fields] of [
      [`/comments/${existing}`, "PATCH", (t: string) => ({ body: t })],
      [`/comments/${existing}/reports`, "POST", (t: string) => ({ reason: "other", note: t })],
      [`/comments/${existing}/subscription`, "POST", (t: string) => ({ email: `${t}@example.com` })],
    ] as const) {
      const res = await refusedWithoutWrite(() => sendBytes(path, method, withBytes([0xff], fields)));
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code, path).toBe("invalid_json");
    }
  });

  it("stores no U+FFFD, and the same text in valid UTF-8 is stored as sent", async () => {
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM comments WHERE instr(body, char(65533)) > 0").first<{ n: number }>())!;
    expect(n).toBe(0);
    const res = await sendBytes("/comments", "POST", withBytes([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]));
    expect(res.status).toBe(201);
    const saved = await res.json<{ comment: { body: string } }>();
    expect(saved.comment.body).toBe("xé😀y");
  });

  it("a UTF-8 byte order mark before the JSON is allowed", async () => {
    const res = await sendBytes(
      "/comments",
      "POST",
      concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(comment("utf8", "bom")))),
    );
    expect(res.status).toBe(201);
  });
});

async function refusedName(name: string, code: string) {
  const res = await refusedWithoutWrite(() => post(site, comment("names", "hello", name)));
  expect(res.status, JSON.stringify(name)).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("validation_failed");
  const issue = error.issues!.find((i) => i.path.join(".") === "author.name");
  expect(issue, JSON.stringify(error.issues)).toBeDefined();
  expect(issue!.code, JSON.stringify(name)).toBe(code);
}

describe("names that read as blank", () => {
  const invisible: [string, string][] = [
    ["ZERO WIDTH SPACE", "\u200B"],
    ["three ZERO WIDTH SPACEs", "\u200B\u200B\u200B"],
    ["HANGUL FILLER", "\u3164"],
    ["HALFWIDTH HANGUL FILLER", "\uFFA0"],
    ["HANGUL CHOSEONG FILLER", "\u115F"],
    ["WORD JOINER", "\u2060"],
    ["ZERO WIDTH NO-BREAK SPACE (BOM)", "\uFEFF"],
    ["SOFT HYPHEN", "\u00AD"],
    ["ZERO WIDTH JOINER and NON-JOINER", "\u200D\u200C"],
    ["LEFT-TO-RIGHT MARK", "\u200E"],
    ["ARABIC LETTER MARK", "\u061C"],
    ["MONGOLIAN VOWEL SEPARATOR", "\u180E"],
    ["a variation selector", "\uFE0F"],
    ["a tag character", "\u{E0041}"],
    ["BRAILLE PATTERN BLANK", "\u2800"],
    ["invisible characters between spaces", " \u200B \u3164 "],
  ];
  for (const [what, name] of invisible) {
    it(`refuses a name made only of ${what} (invisible_name)`, () => refusedName(name, "invisible_name"));
  }
});

describe("names holding bidi controls", () => {
  for (const ch of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
    const code = ch.codePointAt(0)!.toString(16).toUpperCase();
    it(`refuses U+${code} anywhere in a name (bidi_control)`, async () => {
      await refusedName(`Alice${ch}txt.exe`, "bidi_control");
      await refusedName(`${ch}Modération`, "bidi_control");
    });
  }
});

describe("names that stay allowed", () => {
  const fine = [
    "Zoë",
    "李小龍",
    "محمد\u200F",
    "Ana\u200Dbel",
    "👩\u200D💻 Dev",
    "Ré\u0301mi",
    "Ιωάννης",
    "O'Brien; DROP TABLE commenters;--",
  ];
  for (const name of fine) {
    it(`accepts ${JSON.stringify(name)}`, async () => {
      const res = await post(site, comment("names-ok", `from ${name}`, name));
      expect(res.status, await res.clone().text()).toBe(201);
    });
  }
});
