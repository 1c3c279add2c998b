// A site's settings as its admins read and replace them, with the changed keys in the audit log.
import { insertAudit } from "../../db/audit";
import { updateSite, type SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import type { SettingsInput } from "../../schemas/admin";
import type { SiteSettingsResponse } from "../../schemas/admin-views";

export function settingsView(site: SiteRecord): SiteSettingsResponse {
  return { site: { id: site.id, name: site.name, allowedOrigins: site.allowedOrigins }, settings: site.settings };
}

/** The names of what differs: name, allowedOrigins and each settings key (e.g. "settings.bannedWords"). */
function changedKeys(site: SiteRecord, input: SettingsInput): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const keys: string[] = [];
  if (site.name !== input.name) keys.push("name");
  if (!same(site.allowedOrigins, input.allowedOrigins)) keys.push("allowedOrigins");
  for (const key of Object.keys(input.settings) as (keyof SettingsInput["settings"])[]) {
    if (!same(site.settings[key], input.settings[key])) keys.push(`settings.${key}`);
  }
  return keys;
}

/** Replaces name, origins and settings (missing settings keys take their defaults); a save that changes nothing writes nothing. */
export async function updateSettings(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: SettingsInput,
  now: number,
): Promise<SiteSettingsResponse> {
  const changed = changedKeys(site, input);
  const updated: SiteRecord = { id: site.id, name: input.name, allowedOrigins: input.allowedOrigins, settings: input.settings };
  if (changed.length === 0) return settingsView(updated);
  await db.batch([
    updateSite(db, updated),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "settings",
      targetType: "site",
      targetId: site.id,
      detail: { changed },
      now,
    }),
  ]);
  return settingsView(updated);
}
