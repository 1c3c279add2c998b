// Site settings for admins: read, replace, audited with the changed keys; readers see the change.
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

it("reads the site's name, origins and every setting with its default", async () => {
  const res = await admin(path(), { cookie });
  expect(res.status).toBe(200);
  expect(await json<SiteSettingsResponse>(res)).toEqual({
    site: { id: siteId, name: "Le Quotidien", allowedOrigins: ["https://www.lequotidien.example"] },
    settings: { ...siteSettingsSchema.parse({}), color: "#a4161a" },
  });
});

it("replaces them, answers what is now stored and audits the changed keys only", async () => {
  const current = await json<SiteSettingsResponse>(await admin(path(), { cookie }));
  const auditFrom = await lastAuditId();
  const next = {
    name: "Le Quotidien du Soir",
    allowedOrigins: ["https://www.lequotidien.example", "http://localhost:8787"],
    settings: { ...current.settings, bannedWords: ["connard", "enfoiré"], premoderation: true },
  };
  const res = await admin(path(), { method: "PUT", cookie, body: next });
  expect(res.status).toBe(200);
  const saved = await json<SiteSettingsResponse>(res);
  expect(saved).toEqual({ site: { id: siteId, name: next.name, allowedOrigins: next.allowedOrigins }, settings: next.settings });
  expect(await json<SiteSettingsResponse>(await admin(path(), { cookie }))).toEqual(saved);

  const row = await env.DB.prepare("SELECT name, allowed_origins, settings FROM sites WHERE id = ?").bind(siteId).first<{
    name: string;
    allowed_origins: string;
    settings: string;
  }>();
  expect(row!.name).toBe(next.name);
  expect(JSON.parse(row!.allowed_origins)).toEqual(next.allowedOrigins);
  expect(JSON.parse(row!.settings)).toEqual(next.settings);

  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: staff.id,
      action: "settings",
      target_type: "site",
      target_id: siteId,
      detail: { changed: ["name", "allowedOrigins", "settings.bannedWords", "settings.premoderation"] },
    },
  ]);
});

it("gives omitted settings their defaults, and a save that changes nothing writes nothing", async () => {
  const res = await admin(path(), { method: "PUT", cookie, body: { name: "Le Quotidien", allowedOrigins: [], settings: {} } });
  expect(res.status).toBe(200);
  expect((await json<SiteSettingsResponse>(res)).settings).toEqual(siteSettingsSchema.parse({}));
  const before = await snapshot();
  const again = await admin(path(), { method: "PUT", cookie, body: { name: "Le Quotidien", allowedOrigins: [], settings: {} } });
  expect(again.status).toBe(200);
  expect(await snapshot()).toBe(before);
});

it("takes effect for readers: a new origin may call the reader API", async () => {
  await admin(path(), { method: "PUT", cookie, body: { name: "Le Quotidien", allowedOrigins: ["https://new.example"], settings: {} } });
  const res = await api(`/api/v1/${siteId}/featured`, { origin: "https://new.example" });
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("https://new.example");
});
