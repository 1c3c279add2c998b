// What a move checks before writing anything, and where an earlier, interrupted move of the same
// site stands (the same command resumes it). Each refusal is one line saying what to do.
import { keyedBySite, SITE_TABLES, type SiteTable } from "../../db/site-tables";
import { MoveRefused, REGISTRY } from "./context";
import { countRows, type MoveDb, readKeys, siteRow } from "./sql";

const BINDING = /^DB(_[A-Z0-9][A-Z0-9_]*)?$/;

function isDb(value: unknown): value is MoveDb {
  const v = value as Partial<MoveDb> | null;
  return typeof v?.prepare === "function" && typeof v.batch === "function";
}

/** The D1 bindings of an env (or the CLI's platform proxy) by name. */
export function databasesOf(bindings: Record<string, unknown>): Map<string, MoveDb> {
  return new Map(Object.entries(bindings).filter((e): e is [string, MoveDb] => BINDING.test(e[0]) && isDb(e[1])));
}

export type Start =
  /** a new move; `clearTarget`: the target holds a leftover of an earlier attempt to delete first */
  | { kind: "fresh"; clearTarget: boolean }
  /** an interrupted copy or switch, resumed */
  | { kind: "copying" | "switching" }
  /** the registry already names the target: only the old rows' purge is left, in `from` */
  | { kind: "switched" };

export interface Plan {
  from: string;
  source: MoveDb;
  target: MoveDb;
  registry: MoveDb;
  start: Start;
}

async function migrated(db: MoveDb, name: string): Promise<void> {
  const rows = await db
    .prepare("SELECT name FROM sqlite_master WHERE name IN ('site_move_log', 'stories_move_refuse_insert')")
    .all()
    .then((r) => r.results);
  if (rows.length < 2)
    throw new MoveRefused(
      `The database ${name} lacks migrations 0018-0019 (site_move_log, the move's triggers): run \`npm run db:migrate\` first.`,
    );
}

export async function preflight(dbs: Map<string, MoveDb>, site: string, to: string): Promise<Plan> {
  if (!BINDING.test(to)) throw new MoveRefused(`--to ${to} is not a database binding's name (DB, or DB_ followed by capitals and digits).`);
  const target = dbs.get(to);
  if (!target)
    throw new MoveRefused(`The Worker has no D1 binding named ${to}: add a [[d1_databases]] with binding = "${to}" to wrangler.toml.`);
  const registry = dbs.get(REGISTRY);
  if (!registry) throw new MoveRefused("The Worker has no D1 binding named DB (the registry of sites).");
  await migrated(registry, REGISTRY);
  await migrated(target, to);

  const entry = await siteRow(registry, site);
  if (!entry) throw new MoveRefused(`Unknown site ${site}: the registry (DB) has no such site.`);
  if (entry.db === to) {
    // the switch is done: an old copy may still be purging, or not yet marked away
    for (const [name, db] of dbs) {
      if (name === to) continue;
      const row = await siteRow(db, site).catch(() => null);
      if (row && (row.moving === "switching" || row.moving === "purging")) {
        await migrated(db, name);
        return { from: name, source: db, target, registry, start: { kind: "switched" } };
      }
    }
    throw new MoveRefused(`${site} already lives in ${to}: nothing to move.`);
  }

  const from = entry.db;
  const source = dbs.get(from);
  if (!source)
    throw new MoveRefused(`The registry places ${site} in ${from}, which is not a D1 binding of this Worker: add it to wrangler.toml.`);
  await migrated(source, from);
  const home = await siteRow(source, site);
  if (!home) throw new MoveRefused(`${from} has no row for ${site}, though the registry places it there: check sites.db in DB.`);
  const there = await siteRow(target, site);

  if (home.moving === "copying" || home.moving === "switching") {
    if (there?.moving !== "arriving") {
      for (const [name, db] of dbs) {
        if (name !== to && name !== from && (await siteRow(db, site).catch(() => null))?.moving === "arriving") {
          throw new MoveRefused(`${site} is being moved to ${name}: finish that move first (npm run move -- --site ${site} --to ${name}).`);
        }
      }
    }
    if (home.moving === "copying") await noCollision(source, target, site, to);
    return { from, source, target, registry, start: { kind: home.moving } };
  }
  if (home.moving !== null) {
    throw new MoveRefused(
      `${site} is marked '${home.moving}' in ${from}, where the registry places it: check sites.db and sites.moving there.`,
    );
  }

  const leftover = there?.moving === "arriving" || there?.moving === "purging";
  if (!leftover) {
    const held = [...(await countRows(target, SITE_TABLES, site))].filter(([, n]) => n > 0);
    if (held.length) {
      throw new MoveRefused(
        `${to} already holds rows of ${site} (${held.map(([t, n]) => `${n} in ${t}`).join(", ")}), kept by an earlier move (--keep-source?): delete them there first.`,
      );
    }
  }
  await noCollision(source, target, site, to);
  return { from, source, target, registry, start: { kind: "fresh", clearTarget: leftover } };
}

/** Refuses when keys of the site's rows are used in the target by another site (ids are kept). */
async function noCollision(source: MoveDb, target: MoveDb, site: string, to: string): Promise<void> {
  const found: string[] = [];
  for (const t of SITE_TABLES) {
    if (keyedBySite(t)) continue;
    const n = await collisions(source, target, t, site);
    if (n) found.push(`${n} in ${t.name}`);
  }
  if (found.length) {
    throw new MoveRefused(
      `Keys of ${site}'s rows are used in ${to} by other sites (${found.join(", ")}): move it to a database of its own, or one where its ids are free.`,
    );
  }
}

async function first(db: MoveDb, sql: string, ...values: unknown[]): Promise<Record<string, unknown> | undefined> {
  return (
    await db
      .prepare(sql)
      .bind(...values)
      .all()
  ).results[0];
}

async function collisions(source: MoveDb, target: MoveDb, t: SiteTable, site: string): Promise<number> {
  if (!(await first(target, `SELECT 1 AS x FROM ${t.name} WHERE site_id != ?1 LIMIT 1`, site))) return 0;
  const cols = t.pk.join(", ");
  if (t.pk.length === 1) {
    const range = await first(source, `SELECT min(${cols}) AS lo, max(${cols}) AS hi FROM ${t.name} WHERE site_id = ?1`, site);
    if (range?.lo == null) return 0;
    const inRange = `SELECT 1 AS x FROM ${t.name} WHERE ${cols} BETWEEN ?2 AND ?3 AND site_id != ?1 LIMIT 1`;
    if (!(await first(target, inRange, site, range.lo, range.hi))) return 0;
  }
  // the slow way: every key of the site, a page at a time
  const pick = t.pk.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  let total = 0;
  let after: unknown[] | null = null;
  for (;;) {
    const keys = await readKeys(source, t, site, after, 1000, "ASC");
    if (!keys.length) return total;
    const hit = await first(
      target,
      `SELECT count(*) AS n FROM ${t.name} WHERE site_id != ?1 AND (${cols}) IN (SELECT ${pick} FROM json_each(?2))`,
      site,
      JSON.stringify(keys),
    );
    total += Number(hit?.n ?? 0);
    after = keys[keys.length - 1]!;
    if (keys.length < 1000) return total;
  }
}
