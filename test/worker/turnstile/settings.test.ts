// The bot check's settings as admins save them: the check cannot be turned on without both keys
// (400 naming the missing one, nothing saved); the secret is write-only like the SSO and webhook
// secrets (never in GET or PUT answers, not even stored out of range).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf, json } from "../support";
import { admin, signedIn } from "../admin/support";
import type { SiteSettingsResponse } from "../../../worker/schemas/admin-views";
import { SECRET, SITE_KEY } from "./support";

let siteId: string;
let cookie: string;

beforeAll(async () => {
  siteId = (await createSite({ name: "Le Quotidien", origins: ["https://quotidien.example"] })).id;
  cookie = (await signedIn({ [siteId]: "admin" })).cookie;
});

function put(settings: object): Promise<Response> {
  return admin(`/sites/${siteId}/settings`, {
    method: "PUT",
    cookie,
    body: { name: "Le Quotidien", allowedOrigins: ["https://quotidien.example"], settings },
  });
}

async function stored(): Promise<Record<string, unknown>> {
  const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(siteId).first<{ settings: string }>();
  return JSON.parse(row!.settings) as Record<string, unknown>;
}

describe("turning the check on", () => {
  it("without the site key or without the secret: 400 naming the missing key, nothing saved", async () => {
    const before = await stored();
    const noKeys = await put({ turnstile: true });
    expect(noKeys.status).toBe(400);
    const e1 = await errorOf(noKeys);
    expect(e1.code).toBe("validation_failed");
    expect(e1.message).toContain("turnstileSiteKey");
    expect(e1.issues).toEqual([expect.objectContaining({ path: ["settings", "turnstileSiteKey"], code: "turnstile_keys" })]);

    const noSecret = await put({ turnstile: true, turnstileSiteKey: SITE_KEY });
    expect(noSecret.status).toBe(400);
    expect((await errorOf(noSecret)).issues).toEqual([expect.objectContaining({ path: ["settings", "turnstileSecret"] })]);
    expect(await stored()).toEqual(before);
  });

  it("with both keys: saved; the answer tells whether the secret is set, never the secret", async () => {
    const res = await put({ turnstile: true, turnstileSiteKey: SITE_KEY, turnstileSecret: SECRET });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toContain(SECRET);
    const body = await json<SiteSettingsResponse>(res);
    expect(body.settings.turnstile).toBe(true);
    expect(body.settings.turnstileSiteKey).toBe(SITE_KEY);
    expect(body.settings).not.toHaveProperty("turnstileSecret");
    expect((body as unknown as Record<string, unknown>).turnstileSecret).toEqual({ set: true, last4: SECRET.slice(-4) });

    const read = await admin(`/sites/${siteId}/settings`, { cookie });
    expect(await read.text()).not.toContain(SECRET);

    // the keys stored, turning it off and on again needs only the switch
    expect((await put({ turnstile: false })).status).toBe(200);
    expect((await put({ turnstile: true })).status).toBe(200);
    // removing the secret while the check is on is refused
    expect((await put({ turnstileSecret: "" })).status).toBe(400);
    expect((await stored()).turnstileSecret).toBe(SECRET);
  });

  it("keys that are not keys are refused; a broken stored secret is reported without its value", async () => {
    const bad = await put({ turnstileSiteKey: "<script>" });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues).toEqual([
      expect.objectContaining({ path: ["settings", "turnstileSiteKey"], code: "turnstile_key" }),
    ]);

    const other = await createSite({ settings: { turnstileSecret: "a secret with spaces" } });
    const { cookie: otherCookie } = await signedIn({ [other.id]: "admin" });
    const res = await admin(`/sites/${other.id}/settings`, { cookie: otherCookie });
    const text = await res.text();
    expect(text).not.toContain("a secret with spaces");
    const body = JSON.parse(text) as SiteSettingsResponse;
    expect(body.invalid).toEqual([
      expect.objectContaining({ key: "turnstileSecret", stored: null, message: expect.stringContaining("hidden") }),
    ]);
  });
});
