// The move's SQL over any table of the spec (worker/db/site-tables.ts), generic in its key.
//
// Rows travel as one JSON parameter per statement (json_each): D1 binds at most 100 parameters to a
// statement, and a comments row alone has 29 columns. Rows are written with an upsert that never
// deletes (ON CONFLICT DO UPDATE; INSERT OR REPLACE would delete the old row, and cascade), and that
// leaves alone a row of another site holding the same key: such a row is counted out at the switch.
import type { SiteTable } from "../../db/site-tables";

/**
 * The part of D1 the move uses: D1Database fits it, and so can an adapter (the CLI runs in Node).
 * Rows come back untyped: each read converts the values it uses (Number, String).
 */
export interface MoveStatement {
  bind(...values: unknown[]): MoveStatement;
  all(): Promise<{ results: Record<string, unknown>[] }>;
  run(): Promise<{ meta: { changes?: number } }>;
}
export interface MoveDb {
  /** the most characters of JSON rows one statement may carry (default 500 000; wrangler's SQL text is shorter) */
  readonly maxJson?: number;
  prepare(sql: string): MoveStatement;
  batch(statements: MoveStatement[]): Promise<{ results?: unknown[]; meta?: { changes?: number } }[]>;
}

export type Row = Record<string, unknown>;

/** A statement's rows are at most this many characters of JSON (D1 takes values up to 2 MB). */
const MAX_JSON = 500_000;

const cols = (t: SiteTable) => t.pk.join(", ");
const params = (n: number, from: number) => Array.from({ length: n }, (_, i) => `?${from + i}`).join(", ");

/** `T`'s key columns against the JSON array `json` (a site_move_log key, or an element of json_each). */
function keyMatch(t: SiteTable, json: string, alias = t.name): string {
  return t.pk.map((c, i) => `${alias}.${c} = json_extract(${json}, '$[${i}]')`).join(" AND ");
}

/** A `count(*) AS n` row's number. */
export function count(row: unknown): number {
  return typeof row === "object" && row !== null && "n" in row ? Number(row.n) : 0;
}

/** The key of a row as the log writes it (json_array of the key's columns). */
export function keyOf(t: SiteTable, row: Row): unknown[] {
  return t.pk.map((c) => row[c]);
}

/** `site_id = ?1`, kept from the planner's choice of index where walking the key is cheaper (SiteTable.siteIndex). */
function ofSite(t: SiteTable): string {
  return t.siteIndex || t.pk[0] === "site_id" ? "site_id = ?1" : "+site_id = ?1";
}

/**
 * The site's rows (`what`: columns) in key order, a page after `from` (a key) when given, or
 * before it with `DESC`; `where` narrows them.
 */
function pageSql(t: SiteTable, what: string, from: unknown[] | null, limit: number, dir: "ASC" | "DESC", where = ""): string {
  return (
    `SELECT ${what} FROM ${t.name} WHERE ${ofSite(t)}${where ? ` AND ${where}` : ""}` +
    (from ? ` AND (${cols(t)}) ${dir === "ASC" ? ">" : "<"} (${params(t.pk.length, 2)})` : "") +
    ` ORDER BY ${t.pk.map((c) => `${c} ${dir}`).join(", ")} LIMIT ${limit}`
  );
}

/** A page of the site's rows in key order, after `after` (a key) when given; `where` narrows it. */
export async function readPage(db: MoveDb, t: SiteTable, site: string, after: unknown[] | null, limit: number, where = "") {
  return (
    await db
      .prepare(pageSql(t, "*", after, limit, "ASC", where))
      .bind(site, ...(after ?? []))
      .all()
  ).results;
}

/** A page of the site's keys, ascending after `from` or descending before it. */
export async function readKeys(db: MoveDb, t: SiteTable, site: string, from: unknown[] | null, limit: number, dir: "ASC" | "DESC") {
  const rows = (
    await db
      .prepare(pageSql(t, cols(t), from, limit, dir))
      .bind(site, ...(from ?? []))
      .all()
  ).results;
  return rows.map((r) => keyOf(t, r));
}

/** Splits rows into the JSON parameters of as few statements as their size allows. */
function chunks(rows: Row[], columns: string[], max: number): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const row of rows) {
    const one = JSON.stringify(columns.map((c) => row[c] ?? null));
    if (part.length && size + one.length > max) {
      out.push(`[${part.join(",")}]`);
      part = [];
      size = 0;
    }
    part.push(one);
    size += one.length + 1;
  }
  if (part.length) out.push(`[${part.join(",")}]`);
  return out;
}

/**
 * Statements writing `rows` into `T` (insert, or update the row with the same key when it is the
 * same site's). `late` columns are written NULL (the spec's cycles: set by a second upsert).
 */
export function upsertRows(db: MoveDb, t: SiteTable, rows: Row[], nullLate = false): MoveStatement[] {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]!);
  const late = nullLate ? Object.keys(t.late ?? {}) : [];
  const values = columns.map((c, i) => (late.includes(c) ? "NULL" : `json_extract(value, '$[${i}]')`)).join(", ");
  const updates = columns.filter((c) => !t.pk.includes(c)).map((c) => `${c} = excluded.${c}`);
  const sql =
    `INSERT INTO ${t.name} (${columns.join(", ")}) SELECT ${values} FROM json_each(?1) WHERE true ` +
    `ON CONFLICT (${cols(t)}) DO ${updates.length ? `UPDATE SET ${updates.join(", ")} WHERE ${t.name}.site_id = excluded.site_id` : "NOTHING"}`;
  return chunks(rows, columns, db.maxJson ?? MAX_JSON).map((json) => db.prepare(sql).bind(json));
}

/** A statement deleting the site's rows of `T` with these keys. */
export function deleteKeys(db: MoveDb, t: SiteTable, site: string, keys: unknown[][]): MoveStatement {
  const pick = t.pk.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  return db
    .prepare(`DELETE FROM ${t.name} WHERE site_id = ?1 AND (${cols(t)}) IN (SELECT ${pick} FROM json_each(?2))`)
    .bind(site, JSON.stringify(keys));
}

/** A statement setting the late columns of these rows to NULL (before deletions: breaks the cycle). */
export function clearLate(db: MoveDb, t: SiteTable, site: string, keys: unknown[][] | null): MoveStatement | null {
  const late = Object.keys(t.late ?? {});
  if (!late.length) return null;
  const set = late.map((c) => `${c} = NULL`).join(", ");
  const notNull = late.map((c) => `${c} IS NOT NULL`).join(" OR ");
  if (!keys) return db.prepare(`UPDATE ${t.name} SET ${set} WHERE site_id = ?1 AND (${notNull})`).bind(site);
  const pick = t.pk.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  return db
    .prepare(`UPDATE ${t.name} SET ${set} WHERE site_id = ?1 AND (${notNull}) AND (${cols(t)}) IN (SELECT ${pick} FROM json_each(?2))`)
    .bind(site, JSON.stringify(keys));
}

/** The number of the site's rows in each table of `tables`. */
export async function countRows(db: MoveDb, tables: readonly SiteTable[], site: string): Promise<Map<string, number>> {
  const results = await db.batch(tables.map((t) => db.prepare(`SELECT count(*) AS n FROM ${t.name} WHERE site_id = ?1`).bind(site)));
  return new Map(tables.map((t, i) => [t.name, count(results[i]?.results?.[0])]));
}

// ---- site_move_log ----
// Entries are taken by renaming their tbl to 'taken:<table>' (one statement), copied, and deleted
// only once copied: a move interrupted after taking them finds them again. A write after the take
// notes a fresh '<table>' entry, for the next pass.

export const TAKEN = "taken:";

export function takeLog(db: MoveDb, site: string): MoveStatement {
  return db
    .prepare(`UPDATE OR IGNORE site_move_log SET tbl = '${TAKEN}' || tbl WHERE site_id = ?1 AND tbl NOT LIKE '${TAKEN}%'`)
    .bind(site);
}

export function dropTaken(db: MoveDb, site: string): MoveStatement {
  return db.prepare(`DELETE FROM site_move_log WHERE site_id = ?1 AND tbl LIKE '${TAKEN}%'`).bind(site);
}

/** Every entry of the site: the move done or undone. */
export function dropLog(db: MoveDb, site: string): MoveStatement {
  return db.prepare("DELETE FROM site_move_log WHERE site_id = ?1").bind(site);
}

export async function logSize(db: MoveDb, site: string): Promise<number> {
  const rows = (await db.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?1").bind(site).all()).results;
  return count(rows[0]);
}

/** Key order of log entries: by length first, so that '[9]' comes before '[10]' (replies after what they answer). */
const LOG_ORDER = (dir: "ASC" | "DESC") => `length(l.pk) ${dir}, l.pk ${dir}`;

/** A page of taken entries of `T` whose row is still in the source, with that row (and the entry's key as __pk). */
export async function takenRows(db: MoveDb, t: SiteTable, site: string, after: string | null, limit: number) {
  const sql =
    `SELECT l.pk AS __pk, ${t.name}.* FROM site_move_log l JOIN ${t.name} ON ${t.name}.site_id = l.site_id AND ${keyMatch(t, "l.pk")} ` +
    `WHERE l.site_id = ?1 AND l.tbl = ?2${after === null ? "" : " AND (length(l.pk), l.pk) > (length(?3), ?3)"} ORDER BY ${LOG_ORDER("ASC")} LIMIT ${limit}`;
  const rows = (
    await db
      .prepare(sql)
      .bind(site, TAKEN + t.name, ...(after === null ? [] : [after]))
      .all()
  ).results;
  return rows.map(({ __pk, ...row }) => ({ pk: String(__pk), row }));
}

/** A page of the keys of taken entries of `T`, in the log's own order. */
export async function takenKeys(db: MoveDb, t: SiteTable, site: string, after: string | null, limit: number): Promise<string[]> {
  const sql = `SELECT pk FROM site_move_log WHERE site_id = ?1 AND tbl = ?2${after === null ? "" : " AND pk > ?3"} ORDER BY pk LIMIT ${limit}`;
  const rows = (
    await db
      .prepare(sql)
      .bind(site, TAKEN + t.name, ...(after === null ? [] : [after]))
      .all()
  ).results;
  return rows.map((r) => String(r.pk));
}

/** A page of taken entries of `T` whose row is gone from the source: the last keys first. */
export async function takenGone(db: MoveDb, t: SiteTable, site: string, before: string | null, limit: number): Promise<string[]> {
  const sql =
    `SELECT l.pk AS pk FROM site_move_log l WHERE l.site_id = ?1 AND l.tbl = ?2 ` +
    `AND NOT EXISTS (SELECT 1 FROM ${t.name} WHERE ${t.name}.site_id = l.site_id AND ${keyMatch(t, "l.pk")})` +
    `${before === null ? "" : " AND (length(l.pk), l.pk) < (length(?3), ?3)"} ORDER BY ${LOG_ORDER("DESC")} LIMIT ${limit}`;
  const rows = (
    await db
      .prepare(sql)
      .bind(site, TAKEN + t.name, ...(before === null ? [] : [before]))
      .all()
  ).results;
  return rows.map((r) => String(r.pk));
}

// ---- sites and staff ----

export interface SiteRow {
  id: string;
  name: string;
  allowed_origins: string;
  settings: string;
  created_at: number;
  db: string;
  moving: string | null;
}

export async function siteRow(db: MoveDb, site: string): Promise<SiteRow | null> {
  const rows = (
    await db.prepare("SELECT id, name, allowed_origins, settings, created_at, db, moving FROM sites WHERE id = ?1").bind(site).all()
  ).results;
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    name: String(r.name),
    allowed_origins: String(r.allowed_origins),
    settings: String(r.settings),
    created_at: Number(r.created_at),
    db: String(r.db),
    moving: r.moving == null ? null : String(r.moving),
  };
}

export function setMoving(db: MoveDb, site: string, moving: string | null, home?: string): MoveStatement {
  return home === undefined
    ? db.prepare("UPDATE sites SET moving = ?2 WHERE id = ?1").bind(site, moving)
    : db.prepare("UPDATE sites SET moving = ?2, db = ?3 WHERE id = ?1").bind(site, moving, home);
}

/** The target's copy of the registry's site row, in the state given. */
export function upsertSite(db: MoveDb, s: SiteRow, moving: string | null, home: string): MoveStatement {
  return db
    .prepare(
      `INSERT INTO sites (id, name, allowed_origins, settings, created_at, db, moving) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins, settings = excluded.settings,
         created_at = excluded.created_at, db = excluded.db, moving = excluded.moving`,
    )
    .bind(s.id, s.name, s.allowed_origins, s.settings, s.created_at, home, moving);
}

export interface StaffCopy {
  id: number;
  email: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export async function readStaff(db: MoveDb, ids: number[]): Promise<StaffCopy[]> {
  if (!ids.length) return [];
  return (
    await db
      .prepare("SELECT id, email, name, created_at, updated_at FROM staff WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(ids))
      .all()
  ).results.map((r) => ({
    id: Number(r.id),
    email: String(r.email),
    name: String(r.name),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  }));
}

/** Copies of staff rows for a database that is not the registry: never a password (as lib/staff-copies.ts). */
export function upsertStaff(db: MoveDb, rows: StaffCopy[]): MoveStatement[] {
  return rows.map((s) =>
    db
      .prepare(
        `INSERT INTO staff (id, email, name, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, '', ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, updated_at = excluded.updated_at`,
      )
      .bind(s.id, s.email, s.name, s.created_at, s.updated_at),
  );
}
