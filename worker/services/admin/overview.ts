// The home ("My sites"): every site of the signed-in staff member with what waits there.
import { selectSiteOverviews } from "../../db/overview";
import { selectStaffSites, type StaffRow, type StaffSiteRow } from "../../db/staff";
import type { Env } from "../../env";
import { perDatabase, registryOf } from "../../lib/databases";
import type { OverviewResponse, StaffSiteView } from "../../schemas/admin-views";
import { readSiteSettings } from "../../schemas/site-settings";

const DAY_MS = 24 * 60 * 60 * 1000;

export function toStaffSiteView(row: StaffSiteRow): StaffSiteView {
  return { id: row.id, name: row.name, color: readSiteSettings(row.settings).color, role: row.role };
}

/**
 * Two round trips whatever the number of sites: the member's sites (their roles decide which
 * sites are counted, nothing from the request does), then one statement for all their counts.
 */
export async function readOverview(env: Env, staff: StaffRow, now: number): Promise<OverviewResponse> {
  const sites = (await selectStaffSites(registryOf(env), staff.id).all()).results;
  if (sites.length === 0) return { sites: [] };
  // One statement per database holding some of the sites (issue 14), run side by side.
  const perDb = await perDatabase(
    env,
    sites,
    async (db, siteIds) => (await selectSiteOverviews(db, { siteIds, since24h: now - DAY_MS }).all()).results,
  );
  const bySite = new Map(perDb.flat().map((r) => [r.site_id, r]));
  return {
    sites: sites.map((s) => {
      const r = bySite.get(s.id);
      return {
        site: toStaffSiteView(s),
        pending: r?.pending ?? 0,
        reported: r?.reported ?? 0,
        toAnswer: r?.to_answer ?? 0,
        oldestToAnswerAt: r?.oldest_to_answer_at != null ? new Date(r.oldest_to_answer_at).toISOString() : null,
        comments24h: r?.comments_24h ?? 0,
        openAlerts: r?.open_alerts ?? 0,
        notices: r?.notices ?? 0,
        appeals: r?.appeals ?? 0,
      };
    }),
  };
}
