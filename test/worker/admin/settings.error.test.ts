// Settings refusals: every field checked, nothing saved from a refused request.
import { beforeAll, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, signedIn } from "./support";

let siteId: string;
let cookie: string;

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "admin" })).cookie;
});

const ok = { name: "Site", allowedOrigins: ["https://www.example.com"], settings: {} };

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
    [{ ...ok, settings: { reportThreshold: 0 } }, ["settings", "reportThreshold"]],
    [{ ...ok, settings: { defaultLocale: "de" } }, ["settings", "defaultLocale"]],
    [{ ...ok, settings: { bannedWords: [""] } }, ["settings", "bannedWords", 0]],
    [{ ...ok, settings: { premoderation: "yes" } }, ["settings", "premoderation"]],
    [{ ...ok, settings: { bannedWord: ["typo"] } }, ["settings"]],
    [{ name: "Site", allowedOrigins: [] }, ["settings"]],
  ];
  for (const [body, path] of cases) {
    const res = await refusedUnchanged(() => admin(`/sites/${siteId}/settings`, { method: "PUT", cookie, body }));
    expect(res.status, JSON.stringify(body)).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.[0]?.path, JSON.stringify(body)).toEqual(path);
  }
});

it("accepts origins with a port and plain http (local development)", async () => {
  const res = await admin(`/sites/${siteId}/settings`, {
    method: "PUT",
    cookie,
    body: { ...ok, allowedOrigins: ["http://localhost:8787", "https://www.example.com:8443", "http://127.0.0.1:8787"] },
  });
  expect(res.status).toBe(200);
});
