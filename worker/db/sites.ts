// SQL for the sites table.
import { readSiteSettings, type SiteSettings } from "../schemas/site-settings";

export interface SiteRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
}

interface SiteRow {
  id: string;
  name: string;
  allowed_origins: string;
  settings: string;
}

function parseOrigins(json: string): string[] {
  try {
    const list = JSON.parse(json);
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
}

export async function findSite(db: D1Database, siteId: string): Promise<SiteRecord | null> {
  const row = await db
    .prepare("SELECT id, name, allowed_origins, settings FROM sites WHERE id = ?")
    .bind(siteId)
    .first<SiteRow>();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: parseOrigins(row.allowed_origins),
    settings: readSiteSettings(row.settings),
  };
}

// ---- staff: site settings ----

/** Replaces the site's name, origins and settings (an admin's PUT). */
export function updateSite(
  db: D1Database,
  s: { id: string; name: string; allowedOrigins: string[]; settings: SiteSettings },
): D1PreparedStatement {
  return db
    .prepare("UPDATE sites SET name = ?, allowed_origins = ?, settings = ? WHERE id = ?")
    .bind(s.name, JSON.stringify(s.allowedOrigins), JSON.stringify(s.settings), s.id);
}
