// Issue 10 point 6, staff side: every text staff type follows the readers' rules (no NUL, ESC or
// other control character, no lone surrogate; NFC), the charter and word lists included, and a
// site's name follows the rules of a person's name. Nothing is written on a refusal.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createSite, errorOf } from "../support";
import { admin, refusedUnchanged, seedScene, signedIn, type Scene } from "../admin/support";

let siteId: string;
let cookie: string;
let s: Scene;
const p = (rest: string) => `/sites/${siteId}${rest}`;

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "admin" })).cookie;
  s = await seedScene(siteId, 9100);
});

const BAD: [string, string, string][] = [
  ["NUL", "a\u0000b", "control_character"],
  ["ESC", "a\u001B[31mb", "control_character"],
  ["BEL", "a\u0007b", "control_character"],
  ["DEL", "a\u007Fb", "control_character"],
  ["a C1 control", "a\u009Bb", "control_character"],
  ["a lone high surrogate", "a\uD800b", "lone_surrogate"],
  ["a lone low surrogate", "a\uDC00b", "lone_surrogate"],
];

const ok = { name: "Site", allowedOrigins: ["https://www.example.com"], settings: {} };

/** Each staff write with the text put in one field, and where the refusal must point. */
const WRITES: { what: string; method: string; path: () => string; body: (t: string) => unknown; at: (string | number)[] }[] = [
  {
    what: "the charter",
    method: "PUT",
    path: () => p("/settings"),
    body: (t) => ({ ...ok, settings: { charter: t } }),
    at: ["settings", "charter"],
  },
  {
    what: "a banned word",
    method: "PUT",
    path: () => p("/settings"),
    body: (t) => ({ ...ok, settings: { bannedWords: ["ok", t] } }),
    at: ["settings", "bannedWords", 1],
  },
  {
    what: "a suspect word",
    method: "PUT",
    path: () => p("/settings"),
    body: (t) => ({ ...ok, settings: { suspectWords: [t] } }),
    at: ["settings", "suspectWords", 0],
  },
  { what: "the site's name", method: "PUT", path: () => p("/settings"), body: (t) => ({ ...ok, name: t }), at: ["name"] },
  { what: "a note on a person", method: "POST", path: () => p(`/commenters/${s.ana}/notes`), body: (t) => ({ body: t }), at: ["body"] },
  {
    what: "a ban reason",
    method: "POST",
    path: () => p(`/commenters/${s.bob}/ban`),
    body: (t) => ({ duration: "permanent", reason: t }),
    at: ["reason"],
  },
  {
    what: "a ban-and-reject reason",
    method: "POST",
    path: () => p(`/commenters/${s.bob}/ban-and-reject`),
    body: (t) => ({ duration: { hours: 2 }, reason: t }),
    at: ["reason"],
  },
  { what: "an editor's note", method: "POST", path: () => p(`/comments/${s.top}/feature`), body: (t) => ({ note: t }), at: ["note"] },
  {
    what: "a template's title",
    method: "POST",
    path: () => p("/reply-templates"),
    body: (t) => ({ title: t, body: "Merci." }),
    at: ["title"],
  },
  {
    what: "a template's text",
    method: "POST",
    path: () => p("/reply-templates"),
    body: (t) => ({ title: "Merci", body: t }),
    at: ["body"],
  },
  { what: "a staff reply", method: "POST", path: () => p("/replies"), body: (t) => ({ parentId: s.top, body: t }), at: ["body"] },
];

describe("every text staff type refuses what readers' text refuses", () => {
  for (const w of WRITES) {
    it(`${w.what}: control characters and lone surrogates refused with their reason, nothing written`, async () => {
      for (const [label, text, code] of BAD) {
        const res = await refusedUnchanged(() => admin(w.path(), { method: w.method, cookie, body: w.body(text) }));
        expect(res.status, `${w.what} with ${label}`).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe("validation_failed");
        const issue = error.issues!.find((i) => JSON.stringify(i.path) === JSON.stringify(w.at));
        expect(issue, `${w.what} with ${label}: ${JSON.stringify(error.issues)}`).toBeDefined();
        expect(issue!.code, `${w.what} with ${label}`).toBe(code);
      }
    });
  }

  it("a staff JSON body that is not UTF-8 is refused (400 invalid_json), nothing written", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"body":"a'), 0xff, ...new TextEncoder().encode('b"}')]);
    const res = await refusedUnchanged(() =>
      api(`/api/admin${p(`/commenters/${s.ana}/notes`)}`, {
        method: "POST",
        origin: "https://palabre.test",
        headers: { "Content-Type": "application/json", Cookie: `palabre_session=${cookie}` },
        body: bytes,
      }),
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
  });
});

describe("a site's name and the word lists follow the rules of a name", () => {
  for (const [name, code] of [
    ["\u200B\u200B", "invisible_name"],
    ["\u3164", "invisible_name"],
    ["Le Monde\u202E", "bidi_control"],
  ] as const) {
    it(`refuses the name ${JSON.stringify(name)} (${code})`, async () => {
      const res = await refusedUnchanged(() => admin(p("/settings"), { method: "PUT", cookie, body: { ...ok, name } }));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues![0]).toMatchObject({ path: ["name"], code });
    });
  }

  it("refuses a banned word that is invisible", async () => {
    const res = await refusedUnchanged(() =>
      admin(p("/settings"), { method: "PUT", cookie, body: { ...ok, settings: { bannedWords: ["\u200B"] } } }),
    );
    expect((await errorOf(res)).issues![0]).toMatchObject({ path: ["settings", "bannedWords", 0], code: "invisible_name" });
  });
});

describe("accepted staff text is stored in the canonical form", () => {
  it("the charter and words are stored NFC with \\n line breaks, and served to readers so", async () => {
    const charter = "Soyez courtois.\r\nPas d'attaques personnelles. Cafe\u0301";
    const res = await admin(p("/settings"), {
      method: "PUT",
      cookie,
      body: { ...ok, settings: { charter, bannedWords: [" cafe\u0301 "], suspectWords: ["e\u0301te\u0301"] } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(siteId).first<{ settings: string }>();
    const stored = JSON.parse(row!.settings) as { charter: string; bannedWords: string[]; suspectWords: string[] };
    expect(stored.charter).toBe("Soyez courtois.\nPas d'attaques personnelles. Café");
    expect(stored.bannedWords).toEqual(["café"]);
    expect(stored.suspectWords).toEqual(["été"]);
  });

  it("a charter stored with a NUL by hand is not served to readers", async () => {
    await env.DB.prepare("UPDATE sites SET settings = ? WHERE id = ?")
      .bind(JSON.stringify({ charter: "bad\u0000\u001B[2J" }), siteId)
      .run();
    const thread = await api(`/api/v1/${siteId}/thread?story=${s.storyKey}`, { origin: "https://www.example.com" });
    expect(await thread.text()).not.toMatch(/\\u0000|\\u001b/i);
    await env.DB.prepare("UPDATE sites SET settings = '{}' WHERE id = ?").bind(siteId).run();
  });
});
