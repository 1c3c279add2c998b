// Incidents as staff see them: the list of a site and the acknowledgement (audited, once).
import { batchOf } from "../../db/typed";
import { acknowledgeIncident, selectIncidents, type IncidentRow } from "../../db/incidents";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { AlertsResponse, IncidentFigures, IncidentView } from "../../schemas/alert-views";
import { linkableStoryUrl } from "../stories";

/** The list is bounded: open incidents, then the most recent resolved ones. */
export const ALERTS_LIST_MAX = 100;

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

function parseFigures(json: string): IncidentFigures {
  try {
    const f: unknown = JSON.parse(json);
    if (f !== null && typeof f === "object" && !Array.isArray(f)) return { peak: 0, ...(f as Partial<IncidentFigures>) };
  } catch {
    // a hand-edited row: show no figures rather than fail the whole list
  }
  return { peak: 0 };
}

/** `allowedOrigins`: the site's; a story URL off them is given without a link (issue 10 point 4). */
export function toIncidentView(row: IncidentRow, allowedOrigins: readonly string[]): IncidentView {
  return {
    id: row.id,
    rule: row.rule,
    story:
      row.story_id != null
        ? { id: row.story_id, key: row.story_key ?? "", title: row.story_title, url: linkableStoryUrl(allowedOrigins, row.story_url) }
        : null,
    status: row.status,
    figures: parseFigures(row.figures),
    openedAt: iso(row.opened_at)!,
    updatedAt: iso(row.updated_at)!,
    resolvedAt: iso(row.resolved_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by != null ? { id: row.acknowledged_by, name: row.acknowledged_by_name ?? "" } : null,
  };
}

export async function listIncidents(db: D1Database, site: SiteRecord, status: "open" | "all"): Promise<AlertsResponse> {
  const rows = (await selectIncidents(db, { siteId: site.id, openOnly: status === "open", rows: ALERTS_LIST_MAX }).all()).results;
  return { incidents: rows.map((row) => toIncidentView(row, site.allowedOrigins)) };
}

/**
 * The first acknowledgement of an incident stays (who and when) and is the only one audited; a
 * second one answers the incident as it is. Another site's incident is not found.
 */
export async function acknowledge(db: D1Database, site: SiteRecord, staff: StaffRow, id: number, now: number): Promise<IncidentView> {
  const [, , after] = await batchOf(db, acknowledgeIncident(db, { siteId: site.id, id, staffId: staff.id, now }));
  const row = after.results[0];
  if (!row) throw new ApiError(404, "incident_not_found", `This site has no incident with the id ${id}.`);
  return toIncidentView(row, site.allowedOrigins);
}
