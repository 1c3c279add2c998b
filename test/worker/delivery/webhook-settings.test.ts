// The webhook's settings: the URL must be https (http only to localhost, and only while Palabre
// itself runs in development); anything else is refused by name and writes nothing. The secret is
// write-only like the SSO secret: never sent back, never in the audit log, never echoed broken.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { findSite } from "../../../worker/db/sites";
import type { SiteSettingsResponse } from "../../../worker/schemas/admin-views";
import { updateSettings } from "../../../worker/services/admin/settings";
import { ApiError } from "../../../worker/lib/errors";
import { createSite, errorOf, json } from "../support";
import { admin, auditSince, lastAuditId, signedIn, snapshot, type TestStaff } from "../admin/support";

let siteId: string;
let cookie: string;
let staff: TestStaff;
const SECRET = "le-quotidien-webhook-secret-WXYZ";

beforeAll(async () => {
  siteId = (await createSite({ name: "Le Quotidien", origins: [] })).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "admin" }));
});

function put(settings: object): Promise<Response> {
  return admin(`/sites/${siteId}/settings`, { method: "PUT", cookie, body: { name: "Le Quotidien", allowedOrigins: [], settings } });
}

async function stored(): Promise<Record<string, unknown>> {
  const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(siteId).first<{ settings: string }>();
  return JSON.parse(row!.settings) as Record<string, unknown>;
}

it("takes an https URL", async () => {
  const res = await put({ webhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX" });
  expect(res.status).toBe(200);
  expect((await json<SiteSettingsResponse>(res)).settings.webhookUrl).toBe("https://hooks.slack.com/services/T000/B000/XXXX");
});

it("takes http://localhost and http://127.0.0.1 while Palabre runs in development (PALABRE_URL http://localhost)", async () => {
  expect(env.PALABRE_URL).toBe("http://localhost:8787");
  for (const url of ["http://localhost:9000/hook", "http://127.0.0.1:8790/hook/ok/x"]) {
    const res = await put({ webhookUrl: url });
    expect(res.status).toBe(200);
    expect((await stored()).webhookUrl).toBe(url);
  }
});

it("refuses plain http to localhost once Palabre runs in production, and writes nothing", async () => {
  const site = (await findSite(env.DB, siteId))!;
  const before = await snapshot();
  const refusal = await updateSettings(
    env.DB,
    site,
    { id: staff.id, email: staff.email, name: staff.name },
    { name: "Le Quotidien", allowedOrigins: [], settings: { webhookUrl: "http://localhost:9000/hook" } },
    Date.now(),
    "https://comments.lequotidien.example",
  ).catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(ApiError);
  expect(refusal).toMatchObject({
    status: 400,
    code: "validation_failed",
    issues: [
      {
        path: ["settings", "webhookUrl"],
        code: "webhook_url",
        message: expect.stringContaining("only for localhost while Palabre runs in development"),
      },
    ],
  });
  expect(await snapshot()).toBe(before);
});

it("refuses anything that is not https or local http, by name, and writes nothing", async () => {
  for (const url of [
    "ftp://files.example.org/hook",
    "not a url",
    "http://hooks.example.org/x",
    "javascript:alert(1)",
    "https://user:pass@hooks.example.org/",
    "https://",
  ]) {
    const before = await snapshot();
    const res = await put({ webhookUrl: url });
    expect(res.status, url).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues).toEqual([expect.objectContaining({ path: ["settings", "webhookUrl"], code: "webhook_url" })]);
    expect(await snapshot()).toBe(before);
  }
});

it("keeps the webhook secret write-only: shown as set with its last 4 characters, never in settings, the audit or a report", async () => {
  const auditFrom = await lastAuditId();
  const res = await put({ webhookSecret: SECRET });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(SECRET);
  const body = JSON.parse(text) as SiteSettingsResponse;
  expect(body.webhookSecret).toEqual({ set: true, last4: "WXYZ" });
  expect(body.settings).not.toHaveProperty("webhookSecret");
  expect((await stored()).webhookSecret).toBe(SECRET);

  const read = await (await admin(`/sites/${siteId}/settings`, { cookie })).text();
  expect(read).not.toContain(SECRET);
  expect((JSON.parse(read) as SiteSettingsResponse).webhookSecret).toEqual({ set: true, last4: "WXYZ" });

  const audit = await auditSince(siteId, auditFrom);
  expect(audit.map((a) => a.detail)).toEqual([{ changed: ["settings.webhookSecret"] }]);
  expect(JSON.stringify(audit)).not.toContain(SECRET);

  const cleared = await json<SiteSettingsResponse>(await put({ webhookSecret: "" }));
  expect(cleared.webhookSecret).toEqual({ set: false, last4: null });
});

it("never echoes a stored webhook secret that is out of range", async () => {
  await env.DB.prepare("UPDATE sites SET settings = json_set(settings, '$.webhookSecret', 'short-WXYZ') WHERE id = ?").bind(siteId).run();
  const text = await (await admin(`/sites/${siteId}/settings`, { cookie })).text();
  expect(text).not.toContain("short-WXYZ");
  const body = JSON.parse(text) as SiteSettingsResponse;
  expect(body.webhookSecret).toEqual({ set: false, last4: null });
  expect(body.invalid).toEqual([
    { key: "webhookSecret", stored: null, message: expect.stringMatching(/10 characters, hidden.*webhooks are sent unsigned meanwhile/) },
  ]);
});
