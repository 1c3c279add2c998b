// SQL for the sites table.
import { SITE_HOME_SQL } from "./site-home-sql";
import { typed, type Typed } from "./typed";
import { readSiteSettings, type SiteSettings } from "../schemas/site-settings";

export interface SiteRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  /** every setting as the rules apply it (a key stored out of range reads as its default) */
  settings: SiteSettings;
  /** the settings JSON exactly as stored, so the admin screen can show what is out of range */
  storedSettings: string;
  /** the D1 binding that holds the site's data, as the database this row was read from says (migration 0018) */
  db: string;
  /** where a move of the site stands in that database (null: none) */
  moving: string | null;
}

export interface SiteRow {
  id: string;
  name: string;
  allowed_origins: string;
  settings: string;
  db: string;
  moving: string | null;
}

export function parseOrigins(json: string): string[] {
  try {
    const list = JSON.parse(json);
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
}

export function toSiteRecord(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: parseOrigins(row.allowed_origins),
    settings: readSiteSettings(row.settings),
    storedSettings: row.settings,
    db: row.db,
    moving: row.moving,
  };
}

export function selectSite(db: D1Database, siteId: string): Typed<SiteRow> {
  return typed(db.prepare("SELECT id, name, allowed_origins, settings, db, moving FROM sites WHERE id = ?").bind(siteId));
}

export async function findSite(db: D1Database, siteId: string): Promise<SiteRecord | null> {
  const row = await selectSite(db, siteId).first();
  return row ? toSiteRecord(row) : null;
}

/** Where the registry places the site (sites.db in DB, migration 0018), or nothing for an unknown site. */
export function selectSiteHome(registry: D1Database, siteId: string): Typed<{ db: string }> {
  return typed(registry.prepare(SITE_HOME_SQL).bind(siteId));
}

/**
 * The registry's row of a site that lives in another database follows the site's own row in what
 * the registry's screens show (the sites list, the home): name, origins, settings.
 */
export function copySiteIdentity(
  registry: D1Database,
  row: Pick<SiteRow, "id" | "name" | "allowed_origins" | "settings">,
): D1PreparedStatement {
  return registry
    .prepare("UPDATE sites SET name = ?2, allowed_origins = ?3, settings = ?4 WHERE id = ?1 AND db <> 'DB'")
    .bind(row.id, row.name, row.allowed_origins, row.settings);
}

/**
 * The registry's own audit rows are only those of the sites that live in it (DB): a site that lives
 * in its own database has its audit log there (worker/lib/team-audit.ts writes it after the change).
 * ?1 is the site.
 */
export const LIVES_HERE = "(SELECT db FROM sites WHERE id = ?1) = 'DB'";

// ---- staff: site settings ----

/**
 * An admin's save: replaces name and origins, and merges `patch` into the stored settings in SQL
 * (RFC 7396 json_patch: the keys sent replace theirs, a null removes one, the others stay as
 * stored), so two admins saving different keys at once both keep theirs. A row that is not a JSON
 * object is replaced by the patch.
 */
export function updateSite(
  db: D1Database,
  s: { id: string; name: string; allowedOrigins: string[]; patch: Record<string, unknown> },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE sites SET name = ?1, allowed_origins = ?2,
         settings = json_patch(CASE WHEN json_valid(settings) AND json_type(settings) = 'object' THEN settings ELSE '{}' END, ?3)
       WHERE id = ?4`,
    )
    .bind(s.name, JSON.stringify(s.allowedOrigins), JSON.stringify(s.patch), s.id);
}
