// Site settings for admins: read, change (only the keys sent), audited with the changed keys;
// the SSO secret is write-only; values stored out of range are reported; readers see the change.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { SiteSettingsResponse } from "../../../worker/schemas/admin-views";
import { siteSettingsSchema } from "../../../worker/schemas/site-settings";
import { api, createSite, json } from "../support";
import { admin, auditSince, lastAuditId, signedIn, snapshot, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;

beforeAll(async () => {
  siteId = (await createSite({ name: "Le Quotidien", origins: ["https://www.lequotidien.example"], settings: { color: "#a4161a" } })).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "admin" }));
});

const path = () => `/sites/${siteId}/settings`;
const { ssoSecret: _secret, webhookSecret: _webhookSecret, turnstileSecret: _turnstileSecret, ...DEFAULTS } = siteSettingsSchema.parse({});
const SECRET = "le-quotidien-sso-secret-0123456789-wxyz";

async function storedSettings(id = siteId): Promise<Record<string, unknown>> {
  const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(id).first<{ settings: string }>();
  return JSON.parse(row!.settings) as Record<string, unknown>;
}

async function storeByHand(settings: string, id = siteId): Promise<void> {
  await env.DB.prepare("UPDATE sites SET settings = ? WHERE id = ?").bind(settings, id).run();
}

function put(body: unknown, id = siteId): Promise<Response> {
  return admin(`/sites/${id}/settings`, { method: "PUT", cookie, body });
}

/** A fresh site with these stored settings, its admin being the signed-in one. */
async function siteWith(settings: object | string): Promise<string> {
  const id = (await createSite({ name: "Autre", origins: [] })).id;
  await env.DB.prepare("INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?, ?, 'admin')").bind(staff.id, id).run();
  await storeByHand(typeof settings === "string" ? settings : JSON.stringify(settings), id);
  return id;
}

it("reads the site's name, origins and every setting with its default, the secret only as set or not", async () => {
  const res = await admin(path(), { cookie });
  expect(res.status).toBe(200);
  expect(await json<SiteSettingsResponse>(res)).toEqual({
    site: { id: siteId, name: "Le Quotidien", allowedOrigins: ["https://www.lequotidien.example"] },
    settings: { ...DEFAULTS, color: "#a4161a" },
    ssoSecret: { set: false, last4: null },
    webhookSecret: { set: false, last4: null },
    turnstileSecret: { set: false, last4: null },
    invalid: [],
  });
});

it("replaces them, answers what is now stored and audits the changed keys only", async () => {
  const current = await json<SiteSettingsResponse>(await admin(path(), { cookie }));
  const auditFrom = await lastAuditId();
  const next = {
    name: "Le Quotidien du Soir",
    allowedOrigins: ["https://www.lequotidien.example", "http://localhost:8787"],
    settings: { ...current.settings, bannedWords: ["connard", "enfoiré"], premoderation: true, guestPosting: false, editWindowMinutes: 30 },
  };
  const res = await put(next);
  expect(res.status).toBe(200);
  const saved = await json<SiteSettingsResponse>(res);
  expect(saved).toEqual({
    site: { id: siteId, name: next.name, allowedOrigins: next.allowedOrigins },
    settings: next.settings,
    ssoSecret: { set: false, last4: null },
    webhookSecret: { set: false, last4: null },
    turnstileSecret: { set: false, last4: null },
    invalid: [],
  });
  expect(await json<SiteSettingsResponse>(await admin(path(), { cookie }))).toEqual(saved);

  const row = await env.DB.prepare("SELECT name, allowed_origins FROM sites WHERE id = ?").bind(siteId).first<{
    name: string;
    allowed_origins: string;
  }>();
  expect(row!.name).toBe(next.name);
  expect(JSON.parse(row!.allowed_origins)).toEqual(next.allowedOrigins);
  expect(await storedSettings()).toEqual(next.settings);

  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: staff.id,
      action: "settings",
      target_type: "site",
      target_id: siteId,
      detail: {
        changed: [
          "name",
          "allowedOrigins",
          "settings.bannedWords",
          "settings.premoderation",
          "settings.guestPosting",
          "settings.editWindowMinutes",
        ],
      },
    },
  ]);
});

it("changes only the settings sent: the others keep their stored value, and a save that changes nothing writes nothing", async () => {
  const id = await siteWith({ maxLinks: 7, charter: "Soyez courtois.", floodMaxPerIp: 40 });
  const auditFrom = await lastAuditId();
  const res = await put(
    { name: "Autre", allowedOrigins: [], settings: { floodMaxPerIp: 50, loginUrl: "https://compte.example/login" } },
    id,
  );
  expect(res.status).toBe(200);
  const body = await json<SiteSettingsResponse>(res);
  expect(body.settings).toEqual({
    ...DEFAULTS,
    maxLinks: 7,
    charter: "Soyez courtois.",
    floodMaxPerIp: 50,
    loginUrl: "https://compte.example/login",
  });
  expect(await storedSettings(id)).toEqual({
    maxLinks: 7,
    charter: "Soyez courtois.",
    floodMaxPerIp: 50,
    loginUrl: "https://compte.example/login",
  });
  expect((await auditSince(id, auditFrom)).map((a) => a.detail)).toEqual([{ changed: ["settings.floodMaxPerIp", "settings.loginUrl"] }]);

  // Sending every setting as GET shows it (what the dashboard does) changes nothing either.
  for (const settings of [{}, body.settings, { maxLinks: 7 }]) {
    const before = await snapshot();
    const again = await put({ name: "Autre", allowedOrigins: [], settings }, id);
    expect(again.status).toBe(200);
    expect(await json<SiteSettingsResponse>(again)).toEqual(body);
    expect(await snapshot()).toBe(before);
  }
});

it("keeps the SSO secret write-only: set, shown by its last 4 characters, kept when not sent, cleared with an empty string", async () => {
  const id = await siteWith({});
  const auditFrom = await lastAuditId();
  const set = await put({ name: "Autre", allowedOrigins: [], settings: { ssoSecret: SECRET } }, id);
  expect(set.status).toBe(200);
  const setText = await set.text();
  expect(setText).not.toContain(SECRET.slice(0, 20));
  expect(JSON.parse(setText).ssoSecret).toEqual({ set: true, last4: "wxyz" });
  expect(JSON.parse(setText).settings).not.toHaveProperty("ssoSecret");
  expect((await storedSettings(id)).ssoSecret).toBe(SECRET);

  const read = await admin(`/sites/${id}/settings`, { cookie });
  const readText = await read.text();
  expect(readText).not.toContain(SECRET.slice(0, 20));
  expect(JSON.parse(readText).ssoSecret).toEqual({ set: true, last4: "wxyz" });

  // A save without the secret (the dashboard never has it) keeps it.
  const other = await put({ name: "Autre", allowedOrigins: [], settings: { ...JSON.parse(readText).settings, guestPosting: false } }, id);
  expect(other.status).toBe(200);
  expect((await storedSettings(id)).ssoSecret).toBe(SECRET);

  const replaced = await put({ name: "Autre", allowedOrigins: [], settings: { ssoSecret: `${SECRET}-v2-abcd` } }, id);
  expect((await json<SiteSettingsResponse>(replaced)).ssoSecret).toEqual({ set: true, last4: "abcd" });

  const cleared = await put({ name: "Autre", allowedOrigins: [], settings: { ssoSecret: "" } }, id);
  expect((await json<SiteSettingsResponse>(cleared)).ssoSecret).toEqual({ set: false, last4: null });
  expect((await storedSettings(id)).ssoSecret).toBe("");

  const audit = await auditSince(id, auditFrom);
  expect(audit.map((a) => a.detail)).toEqual([
    { changed: ["settings.ssoSecret"] },
    { changed: ["settings.guestPosting"] },
    { changed: ["settings.ssoSecret"] },
    { changed: ["settings.ssoSecret"] },
  ]);
  expect(JSON.stringify(audit)).not.toContain(SECRET.slice(0, 20));
});

it("reports a value stored out of range with the value found, while the rules use the default", async () => {
  const id = await siteWith({
    floodWindowSeconds: 999_999,
    maxLinks: 3.5,
    guestPosting: "yes",
    charter: "Charte",
    bannedWords: ["ok", ""],
  });
  const body = await json<SiteSettingsResponse>(await admin(`/sites/${id}/settings`, { cookie }));
  expect(body.settings).toEqual({ ...DEFAULTS, charter: "Charte" });
  expect(body.invalid).toEqual([
    { key: "floodWindowSeconds", stored: 999_999, message: "must be from 0 to 86400" },
    { key: "maxLinks", stored: 3.5, message: "must be a whole number from 0 to 50" },
    { key: "guestPosting", stored: "yes", message: "must be true or false" },
    { key: "bannedWords", stored: ["ok", ""], message: "1: a word is empty" },
  ]);
});

it("keeps a stored out-of-range value that a save does not mention, and lists it until a valid one replaces it", async () => {
  const id = await siteWith({ floodWindowSeconds: -5, maxLinks: 9 });
  const untouched = await put({ name: "Autre", allowedOrigins: [], settings: { maxLinks: 10 } }, id);
  expect(untouched.status).toBe(200);
  expect((await json<SiteSettingsResponse>(untouched)).invalid).toEqual([
    { key: "floodWindowSeconds", stored: -5, message: "must be from 0 to 86400" },
  ]);
  expect(await storedSettings(id)).toEqual({ floodWindowSeconds: -5, maxLinks: 10 });

  // Fixing it to the very value the rules already used still counts as a change: the row changes.
  const auditFrom = await lastAuditId();
  const fixed = await put({ name: "Autre", allowedOrigins: [], settings: { floodWindowSeconds: 60 } }, id);
  const answer = await json<SiteSettingsResponse>(fixed);
  expect(answer.invalid).toEqual([]);
  expect(answer.settings.floodWindowSeconds).toBe(60);
  expect(await storedSettings(id)).toEqual({ floodWindowSeconds: 60, maxLinks: 10 });
  expect((await auditSince(id, auditFrom)).map((a) => a.detail)).toEqual([{ changed: ["settings.floodWindowSeconds"] }]);
});

it("never echoes a stored secret that is out of range, and says so", async () => {
  const id = await siteWith({ ssoSecret: "short-secret-abcd" });
  const res = await admin(`/sites/${id}/settings`, { cookie });
  const text = await res.text();
  expect(text).not.toContain("short-secret");
  const body = JSON.parse(text) as SiteSettingsResponse;
  expect(body.ssoSecret).toEqual({ set: false, last4: null });
  expect(body.invalid).toEqual([{ key: "ssoSecret", stored: null, message: expect.stringContaining("17 characters") }]);
});

it("reports a row that is not JSON as a whole, and a save makes it JSON again", async () => {
  const id = await siteWith('{"maxLinks": 4,');
  const body = await json<SiteSettingsResponse>(await admin(`/sites/${id}/settings`, { cookie }));
  expect(body.settings).toEqual(DEFAULTS);
  expect(body.invalid).toEqual([{ key: "*", stored: null, message: expect.stringContaining("not a JSON object") }]);

  const auditFrom = await lastAuditId();
  const saved = await json<SiteSettingsResponse>(await put({ name: "Autre", allowedOrigins: [], settings: { maxLinks: 4 } }, id));
  expect(saved.invalid).toEqual([]);
  expect(await storedSettings(id)).toEqual({ maxLinks: 4 });
  expect((await auditSince(id, auditFrom)).map((a) => a.detail)).toEqual([{ changed: ["settings.*", "settings.maxLinks"] }]);
});

it("lists a stored key that is no setting, and removes it at the next save", async () => {
  const id = await siteWith({ maxLinks: 4, oldRule: true });
  const body = await json<SiteSettingsResponse>(await admin(`/sites/${id}/settings`, { cookie }));
  expect(body.invalid).toEqual([{ key: "oldRule", stored: true, message: expect.stringContaining("not a setting") }]);
  const saved = await json<SiteSettingsResponse>(await put({ name: "Autre", allowedOrigins: [], settings: {} }, id));
  expect(saved.invalid).toEqual([]);
  expect(await storedSettings(id)).toEqual({ maxLinks: 4 });
});

it("takes effect for readers: a new origin may call the reader API", async () => {
  await put({ name: "Le Quotidien", allowedOrigins: ["https://new.example"], settings: {} });
  const res = await api(`/api/v1/${siteId}/featured`, { origin: "https://new.example" });
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("https://new.example");
});
