// The sites a member works on, an owner creating a site (they become its first admin), and a site's
// admins changing its identity (name, allowed origins, language, colour). Each write and its audit
// row are one batch; a refused request writes nothing.
import { parseOrigins, selectSite, type SiteRecord, type SiteRow } from "../../db/sites";
import { selectStaffSites, type StaffRow } from "../../db/staff";
import { batchOf, resultOf } from "../../db/typed";
import { insertSiteByOwner, selectOwner, updateSiteIdentity } from "../../db/teams";
import { insertAudit } from "../../db/audit";
import { ApiError } from "../../lib/errors";
import { readSiteSettings } from "../../schemas/site-settings";
import type { StaffRole } from "../../schemas/admin-views";
import type { CreateSiteInput, SiteIdentityInput, TeamSitesResponse, TeamSiteView } from "../../schemas/teams";

function siteView(row: Pick<SiteRow, "id" | "name" | "settings" | "allowed_origins">, role: StaffRole): TeamSiteView {
  const settings = readSiteSettings(row.settings);
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: parseOrigins(row.allowed_origins),
    language: settings.defaultLocale,
    color: settings.color,
    role,
  };
}

export async function isOwner(db: D1Database, staffId: number): Promise<boolean> {
  return (await selectOwner(db, staffId).first())?.owner === 1;
}

export async function listSites(db: D1Database, staff: StaffRow): Promise<TeamSitesResponse> {
  const [owner, sites] = await batchOf(db, [selectOwner(db, staff.id), selectStaffSites(db, staff.id)]);
  return {
    owner: owner.results[0]?.owner === 1,
    sites: sites.results.map((s) => siteView(s, s.role)),
  };
}

export async function createSite(db: D1Database, staff: StaffRow, input: CreateSiteInput, now: number): Promise<{ site: TeamSiteView }> {
  if (!(await isOwner(db, staff.id))) throw new ApiError(403, "forbidden", "Only an owner of this Palabre may create sites.");
  const readBack = selectSite(db, input.id);
  const statements = [
    ...insertSiteByOwner(db, {
      id: input.id,
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      settings: { defaultLocale: input.language, color: input.color },
      staffId: staff.id,
      now,
    }),
    readBack,
  ];
  const results = await db.batch(statements);
  const [inserted] = results;
  const read = resultOf(results, statements, readBack);
  if (inserted!.meta.changes !== 1) {
    if (read.results.length > 0)
      throw new ApiError(409, "site_exists", `A site with the id "${input.id}" already exists: choose another id.`);
    throw new ApiError(403, "forbidden", "Only an owner of this Palabre may create sites.");
  }
  return { site: siteView(read.results[0]!, "admin") };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the save changes, by name; only the keys sent count, and a key sent unchanged is no change. */
function changedKeys(site: SiteRecord, input: SiteIdentityInput): string[] {
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== site.name) changed.push("name");
  if (input.allowedOrigins !== undefined && !same(input.allowedOrigins, site.allowedOrigins)) changed.push("allowedOrigins");
  if (input.language !== undefined && input.language !== site.settings.defaultLocale) changed.push("language");
  if (input.color !== undefined && input.color !== site.settings.color.toLowerCase()) changed.push("color");
  return changed;
}

export async function updateIdentity(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: SiteIdentityInput,
  now: number,
): Promise<{ site: TeamSiteView }> {
  const changed = changedKeys(site, input);
  if (changed.length === 0) {
    const row = await selectSite(db, site.id).first();
    return { site: siteView(row!, "admin") };
  }
  const patch: Record<string, unknown> = {};
  if (input.language !== undefined) patch.defaultLocale = input.language;
  if (input.color !== undefined) patch.color = input.color;
  const results = await batchOf(db, [
    updateSiteIdentity(db, { id: site.id, name: input.name ?? null, allowedOrigins: input.allowedOrigins ?? null, patch }),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "site_update",
      targetType: "site",
      targetId: site.id,
      detail: { changed },
      now,
    }),
    selectSite(db, site.id),
  ]);
  const row = results[2]!.results[0];
  if (!row) throw new ApiError(404, "site_not_found", "This site no longer exists.");
  return { site: siteView(row, "admin") };
}
