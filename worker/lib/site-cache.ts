// The sites read by the reader API, kept in the isolate: a read checks its copy inside its own D1
// batch (the batch's first statement is the site's row) instead of a round trip of its own.
//
// A copy is compared with the row as stored, not by a version column: every way a row changes
// (the dashboard, the staff CLI, an import, SQL by hand, a test's storage rolled back) is then
// seen, with nothing to remember to bump. The row is a few short strings; it is parsed again only
// when it differs.
import { selectSite, toSiteRecord, type SiteRecord, type SiteRow } from "../db/sites";
import { batchOf } from "../db/typed";
import { sha256Hex } from "./hash";

interface CachedSite {
  row: SiteRow;
  record: SiteRecord;
  /** a digest of the row: the site's part of the thread's ETag and of the page cache's key */
  version: string;
}

// Bounded: an isolate serving many sites keeps the most recently used ones (a Map iterates in
// insertion order, and a hit is moved to the end).
const MAX_SITES = 500;
const sites = new Map<string, CachedSite>();
const versions = new WeakMap<SiteRecord, string>();

function sameRow(a: SiteRow, b: SiteRow): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.allowed_origins === b.allowed_origins &&
    a.settings === b.settings &&
    a.db === b.db &&
    a.moving === b.moving
  );
}

/** The isolate's copy of this site, if it has one. */
export function cachedSite(id: string): SiteRecord | null {
  const hit = sites.get(id);
  if (!hit) return null;
  sites.delete(id);
  sites.set(id, hit);
  return hit.record;
}

/**
 * The site as this row says: the copy kept when the row is the same, else the row parsed (and
 * kept). `changed` tells whether the caller's copy was out of date.
 */
export async function rememberSite(row: SiteRow): Promise<{ record: SiteRecord; changed: boolean }> {
  const hit = sites.get(row.id);
  if (hit && sameRow(hit.row, row)) return { record: hit.record, changed: false };
  const record = toSiteRecord(row);
  const version = (await sha256Hex(JSON.stringify([row.id, row.name, row.allowed_origins, row.settings]))).slice(0, 16);
  versions.set(record, version);
  sites.delete(row.id);
  const kept = { id: row.id, name: row.name, allowed_origins: row.allowed_origins, settings: row.settings, db: row.db, moving: row.moving };
  sites.set(row.id, { row: kept, record, version });
  while (sites.size > MAX_SITES) sites.delete(sites.keys().next().value!);
  return { record, changed: true };
}

/** The site is gone (or its id no longer names a row): drop the copy. */
export function forgetSite(id: string): void {
  sites.delete(id);
}

/** The version of a site record kept here ("" for one made elsewhere, which no cache then trusts). */
export function siteVersion(site: SiteRecord): string {
  return versions.get(site) ?? "";
}

/** Reads the site's row now (one round trip) and keeps it. */
export async function loadSite(db: D1Database, id: string): Promise<SiteRecord | null> {
  const row = await selectSite(db, id).first();
  if (!row) {
    forgetSite(id);
    return null;
  }
  return (await rememberSite(row)).record;
}

/** The site's row changed since the copy a request started with: the request is run again with the new one. */
export class SiteChanged extends Error {
  constructor(readonly site: SiteRecord | null) {
    super("the site changed while the request was answered");
  }
}

/**
 * `db` whose first batch also reads the site's row, as its first statement (the results the caller
 * gets are its own): when that row is not `site`'s, SiteChanged is thrown before the caller sees
 * anything, and the request runs again with the new copy. Only that first batch checks, so it must
 * come before anything the site's settings decide is written.
 */
export function checkingSite(db: D1Database, site: SiteRecord, onCheck: () => void): D1Database {
  let checked = false;
  const batch = async <T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
    if (checked) return db.batch<T>(statements);
    checked = true;
    onCheck();
    const [siteResult, ...results] = await batchOf(db, [selectSite(db, site.id), ...statements]);
    const row = siteResult.results[0];
    if (!row) {
      forgetSite(site.id);
      throw new SiteChanged(null);
    }
    const { record, changed } = await rememberSite(row);
    if (changed || record !== site) throw new SiteChanged(record);
    return results as D1Result<T>[];
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "batch") return batch;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
