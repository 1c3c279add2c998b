// Settings refusals: every field checked, each out-of-range value named, nothing saved from a refused request.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, signedIn } from "./support";

let siteId: string;
let cookie: string;

beforeAll(async () => {
  siteId = (await createSite({ settings: { maxLinks: 4, floodWindowSeconds: 120 } })).id;
  cookie = (await signedIn({ [siteId]: "admin" })).cookie;
});

const ok = { name: "Site", allowedOrigins: ["https://www.example.com"], settings: {} };

async function refused(body: unknown): Promise<{ path: (string | number)[] | undefined; message: string; all: string }> {
  const res = await refusedUnchanged(() => admin(`/sites/${siteId}/settings`, { method: "PUT", cookie, body }));
  expect(res.status, JSON.stringify(body)).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("validation_failed");
  return { path: error.issues?.[0]?.path, message: error.issues?.[0]?.message ?? "", all: error.message };
}

it("refuses each bad field with 400 and its path", async () => {
  const cases: [unknown, (string | number)[]][] = [
    [{ ...ok, name: "" }, ["name"]],
    [{ ...ok, name: "x".repeat(101) }, ["name"]],
    [{ ...ok, name: "tab\there" }, ["name"]],
    [{ allowedOrigins: [], settings: {} }, ["name"]],
    [{ ...ok, allowedOrigins: ["https://www.example.com/"] }, ["allowedOrigins", 0]],
    [{ ...ok, allowedOrigins: ["https://www.example.com/comments"] }, ["allowedOrigins", 0]],
    [{ ...ok, allowedOrigins: ["https://WWW.example.com"] }, ["allowedOrigins", 0]],
    [{ ...ok, allowedOrigins: ["ftp://files.example.com"] }, ["allowedOrigins", 0]],
    [{ ...ok, allowedOrigins: ["www.example.com"] }, ["allowedOrigins", 0]],
    [{ ...ok, allowedOrigins: ["https://a.example", "https://b.example?x=1"] }, ["allowedOrigins", 1]],
    [{ ...ok, allowedOrigins: ["https://a.example", "https://a.example"] }, ["allowedOrigins"]],
    [{ ...ok, allowedOrigins: "https://a.example" }, ["allowedOrigins"]],
    [{ ...ok, settings: { color: "red" } }, ["settings", "color"]],
    [{ ...ok, settings: { defaultLocale: "de" } }, ["settings", "defaultLocale"]],
    [{ ...ok, settings: { bannedWords: [""] } }, ["settings", "bannedWords", 0]],
    [{ ...ok, settings: { suspectWords: "arnaque" } }, ["settings", "suspectWords"]],
    [{ ...ok, settings: { charter: "x".repeat(5001) } }, ["settings", "charter"]],
    [{ ...ok, settings: { bannedWord: ["typo"] } }, ["settings", "bannedWord"]],
    [{ ...ok, settings: null }, ["settings"]],
    [{ ...ok, settings: [] }, ["settings"]],
    [{ name: "Site", allowedOrigins: [] }, ["settings"]],
  ];
  for (const [body, path] of cases) {
    expect((await refused(body)).path, JSON.stringify(body)).toEqual(path);
  }
});

// Every numeric setting with its range: each value outside it, of the wrong type or not whole is refused by name.
const NUMERIC: [string, number, number][] = [
  ["maxLinks", 0, 50],
  ["newCommenterHold", 0, 20],
  ["floodMaxPerAuthor", 0, 1000],
  ["floodMaxPerIp", 0, 1000],
  ["floodWindowSeconds", 0, 86_400],
  ["duplicateWindowSeconds", 0, 30 * 86_400],
  ["reportThreshold", 1, 100],
  ["closeAfterDays", 0, 3650],
  ["editWindowMinutes", 0, 7 * 24 * 60],
];

describe.each(NUMERIC)("%s (%i to %i)", (key, min, max) => {
  it.each([
    ["below the range", min - 1],
    ["above the range", max + 1],
    ["not whole", min + 0.5],
    ["null", null],
    ["a string", String(max)],
    ["a boolean", true],
  ])("refuses %s with 400 naming the field and the range", async (_case, value) => {
    const { path, message, all } = await refused({ ...ok, settings: { [key]: value } });
    expect(path).toEqual(["settings", key]);
    expect(message).toContain(`${min} to ${max}`);
    expect(all).toContain(`settings.${key}`);
  });

  it("accepts both ends of the range", async () => {
    for (const value of [min, max]) {
      const res = await admin(`/sites/${siteId}/settings`, { method: "PUT", cookie, body: { ...ok, settings: { [key]: value } } });
      expect(res.status, `${key}=${value}`).toBe(200);
    }
  });
});

it.each(["premoderation", "premoderateLinks", "guestPosting"])("refuses a %s that is not true or false", async (key) => {
  for (const value of ["yes", 1, null]) {
    const { path, message } = await refused({ ...ok, settings: { [key]: value } });
    expect(path).toEqual(["settings", key]);
    expect(message).toBe("must be true or false");
  }
});

it.each([
  ["31 characters", "x".repeat(31)],
  ["257 characters", "x".repeat(257)],
  ["a number", 123456789012345],
  ["null", null],
])("refuses an SSO secret of %s", async (_case, value) => {
  const { path, message } = await refused({ ...ok, settings: { ssoSecret: value } });
  expect(path).toEqual(["settings", "ssoSecret"]);
  expect(message.length).toBeGreaterThan(0);
});

it.each([["javascript:alert(1)"], ["ftp://files.example.com/login"], ["/login"], ["https://"]])(
  "refuses the login URL %s",
  async (value) => {
    const { path, message } = await refused({ ...ok, settings: { loginUrl: value } });
    expect(path).toEqual(["settings", "loginUrl"]);
    expect(message).toBe("must be empty or an http(s) address");
  },
);

it("writes nothing when one setting of several is wrong, and keeps the stored values", async () => {
  const set = { ...ok, settings: { maxLinks: 4, floodWindowSeconds: 120 } };
  expect((await admin(`/sites/${siteId}/settings`, { method: "PUT", cookie, body: set })).status).toBe(200);
  const { path } = await refused({ ...ok, settings: { maxLinks: 10, premoderation: true, floodWindowSeconds: 86_401 } });
  expect(path).toEqual(["settings", "floodWindowSeconds"]);
  const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(siteId).first<{ settings: string }>();
  expect(JSON.parse(row!.settings)).toMatchObject({ maxLinks: 4, floodWindowSeconds: 120 });
});

it("accepts origins with a port and plain http (local development)", async () => {
  const res = await admin(`/sites/${siteId}/settings`, {
    method: "PUT",
    cookie,
    body: { ...ok, allowedOrigins: ["http://localhost:8787", "https://www.example.com:8443", "http://127.0.0.1:8787"] },
  });
  expect(res.status).toBe(200);
});
