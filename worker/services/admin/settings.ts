// A site's settings as its admins read and change them: the SSO secret write-only, values stored
// out of range reported, partial saves merged into what is stored, the changed keys audited.
import { insertAudit } from "../../db/audit";
import { selectSite, toSiteRecord, updateSite, type SiteRecord, type SiteRow } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
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

export function settingsView(site: SiteRecord): SiteSettingsResponse {
  const { ssoSecret, ...settings } = site.settings;
  return {
    site: { id: site.id, name: site.name, allowedOrigins: site.allowedOrigins },
    settings,
    // Enough for the admin to recognise the secret, never enough to use it.
    ssoSecret: { set: ssoSecret !== "", last4: ssoSecret === "" ? null : ssoSecret.slice(-4) },
    invalid: storedSettingsProblems(site.storedSettings),
  };
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
 * its audit row are one batch, and a save that changes nothing writes nothing.
 */
export async function updateSettings(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: SettingsInput,
  now: number,
): Promise<SiteSettingsResponse> {
  const { changed, patch } = planChange(site, input);
  if (changed.length === 0) return settingsView(site);
  const results = await db.batch<SiteRow>([
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
