// A site's settings as its admins read and change them: the SSO, webhook and Turnstile secrets write-only,
// values stored out of range reported, partial saves merged into what is stored, the changed keys
// audited, a webhook URL checked against where Palabre runs (http only in development).
import { batchOf } from "../../db/typed";
import { env } from "cloudflare:workers";
import { insertAudit } from "../../db/audit";
import { selectSite, toSiteRecord, updateSite, type SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import { webhookUrlProblem } from "../delivery/address";
import { checkTurnstileSettings } from "../bot-check";
import type { SettingsInput } from "../../schemas/admin";
import type { SiteSettingsResponse } from "../../schemas/admin-views";
import {
  parseStoredSettings,
  readSiteSettings,
  siteSettingsSchema,
  storedSettingsProblems,
  type SettingKey,
  type SiteSettingsPatch,
} from "../../schemas/site-settings";

const SETTING_KEYS = Object.keys(siteSettingsSchema.shape) as SettingKey[];

// Enough for the admin to recognise a secret, never enough to use it.
const secretState = (secret: string) => ({ set: secret !== "", last4: secret === "" ? null : secret.slice(-4) });

export function settingsView(site: SiteRecord): SiteSettingsResponse {
  const { ssoSecret, webhookSecret, turnstileSecret, ...settings } = site.settings;
  return {
    site: { id: site.id, name: site.name, allowedOrigins: site.allowedOrigins },
    settings,
    ssoSecret: secretState(ssoSecret),
    webhookSecret: secretState(webhookSecret),
    turnstileSecret: secretState(turnstileSecret),
    invalid: storedSettingsProblems(site.storedSettings),
  };
}

/**
 * The schema allows https, or http to localhost; whether http is allowed at all depends on where
 * Palabre runs (development: PALABRE_URL is http on localhost), known only here.
 */
function checkWebhookUrl(input: SettingsInput, palabreUrl: string | undefined): void {
  const url = (input.settings as SiteSettingsPatch).webhookUrl;
  if (url === undefined) return;
  const problem = webhookUrlProblem(url, palabreUrl);
  if (problem === null) return;
  throw new ApiError(400, "validation_failed", `Invalid request. settings.webhookUrl: ${problem}`, [
    { path: ["settings", "webhookUrl"], message: problem, code: "webhook_url" },
  ]);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the save changes, by name ("name", "allowedOrigins", "settings.bannedWords"…): a setting
 * whose applied value changes, or whose stored value was unusable and is now replaced. A stored
 * key that is no setting is removed (a null in the merge patch) and listed too. Only names are
 * listed, so the SSO secret never reaches the audit log.
 */
function planChange(site: SiteRecord, input: SettingsInput): { changed: string[]; patch: Record<string, unknown> } {
  const stored = parseStoredSettings(site.storedSettings);
  const sent = input.settings as SiteSettingsPatch;
  const patch: Record<string, unknown> = { ...sent };
  const changed: string[] = [];
  if (site.name !== input.name) changed.push("name");
  if (!same(site.allowedOrigins, input.allowedOrigins)) changed.push("allowedOrigins");
  if (stored === null) changed.push("settings.*");

  const unusable = new Set(storedSettingsProblems(site.storedSettings).map((p) => p.key));
  const next = readSiteSettings(JSON.stringify({ ...(stored ?? {}), ...sent }));
  for (const key of SETTING_KEYS) {
    const replacedUnusable = unusable.has(key) && key in sent;
    if (!same(site.settings[key], next[key]) || replacedUnusable) changed.push(`settings.${key}`);
  }
  for (const key of Object.keys(stored ?? {})) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      patch[key] = null;
      changed.push(`settings.${key}`);
    }
  }
  return { changed, patch };
}

/**
 * Replaces name and origins and merges the settings sent into the stored ones (a key not sent
 * keeps its stored value, even one out of range, which stays listed in `invalid`); the write and
 * its audit row are one batch, and a save that changes nothing writes nothing. `palabreUrl` is
 * the request's PALABRE_URL (the Worker's own env when the route does not pass it).
 */
export async function updateSettings(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: SettingsInput,
  now: number,
  palabreUrl: string | undefined = env.PALABRE_URL,
): Promise<SiteSettingsResponse> {
  checkWebhookUrl(input, palabreUrl);
  // The bot check needs both keys, as the settings will be after this save (stored ones count).
  checkTurnstileSettings(
    readSiteSettings(JSON.stringify({ ...(parseStoredSettings(site.storedSettings) ?? {}), ...(input.settings as SiteSettingsPatch) })),
  );
  const { changed, patch } = planChange(site, input);
  if (changed.length === 0) return settingsView(site);
  const results = await batchOf(db, [
    updateSite(db, { id: site.id, name: input.name, allowedOrigins: input.allowedOrigins, patch }),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "settings",
      targetType: "site",
      targetId: site.id,
      detail: { changed },
      now,
    }),
    selectSite(db, site.id),
  ]);
  const row = results[2]?.results[0];
  if (!row) throw new ApiError(404, "site_not_found", "This site no longer exists.");
  return settingsView(toSiteRecord(row));
}
