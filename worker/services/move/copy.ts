// The copy, while the site takes reads and writes in its source: every table parent-first in key
// pages, then catch-up passes over the rows written meanwhile (site_move_log), until few are left.
import { SITE_TABLES, type SiteTable } from "../../db/site-tables";
import { type Ctx, REGISTRY, report, staffFor } from "./context";
import {
  clearLate,
  deleteKeys,
  dropTaken,
  type MoveStatement,
  readPage,
  type Row,
  siteRow,
  TAKEN,
  takeLog,
  takenGone,
  takenKeys,
  takenRows,
  upsertRows,
  upsertSite,
} from "./sql";

const withLate = SITE_TABLES.filter((t) => t.late);

/** Writes a page of rows to the target, with the staff rows they name first. */
async function writeRows(ctx: Ctx, t: SiteTable, rows: Row[], nullLate: boolean): Promise<void> {
  const staff = await staffFor(
    ctx,
    rows.flatMap((r) => t.staff.map((c) => r[c])),
  );
  const upserts = upsertRows(ctx.target, t, rows, nullLate);
  const writes: MoveStatement[] = [...staff, ...upserts];
  if (!writes.length) return;
  const results = await ctx.target.batch(writes);
  // an upsert writes each row (an update counts even when nothing changed), but for a key held by
  // another site of the target: found now, rather than as a difference of counts at the switch
  const changes = results.slice(staff.length).map((r) => r.meta?.changes);
  if (changes.every((n) => typeof n === "number")) {
    const written = changes.reduce((sum: number, n) => sum + (n as number), 0);
    if (written < rows.length) throw new IdTaken(t.name, rows.length - written);
  }
}

/** Keys of the moving site's new rows, taken in the target by another site during the copy. */
export class IdTaken extends Error {
  constructor(
    readonly table: string,
    readonly count: number,
  ) {
    super(`${count} key(s) of ${table} taken in the target by another site`);
  }
}

/**
 * The target's site row (arriving: nothing routes there) and the copies of the site's staff roles
 * and of the staff they name. The registry's own roles are left alone when it is the target.
 */
export async function prepareTarget(ctx: Ctx): Promise<void> {
  const registryRow = await siteRow(ctx.registry, ctx.site);
  if (!registryRow) throw new Error(`site ${ctx.site} vanished from the registry`);
  if (ctx.to === REGISTRY) {
    await ctx.target.prepare("UPDATE sites SET moving = 'arriving' WHERE id = ?1").bind(ctx.site).run();
    return;
  }
  const roles = (
    await ctx.registry.prepare("SELECT staff_id, site_id, role FROM staff_roles WHERE site_id = ?1").bind(ctx.site).all()
  ).results.map((r) => ({ staff_id: Number(r.staff_id), site_id: String(r.site_id), role: String(r.role) }));
  const staff = await staffFor(
    ctx,
    roles.map((r) => r.staff_id),
  );
  await ctx.target.batch([
    upsertSite(ctx.target, registryRow, "arriving", ctx.from),
    ...staff,
    ...roles.map((r) =>
      ctx.target
        .prepare(
          "INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?1, ?2, ?3) ON CONFLICT (staff_id, site_id) DO UPDATE SET role = excluded.role",
        )
        .bind(r.staff_id, r.site_id, r.role),
    ),
  ]);
}

/** Every row of the site, parent tables first, upserted into the target. */
export async function fullCopy(ctx: Ctx): Promise<void> {
  for (const t of SITE_TABLES) await copyTable(ctx, t, "", !!t.late);
  // the cycles' columns, once both ends are there
  for (const t of withLate) {
    const where = `(${Object.keys(t.late!)
      .map((c) => `${c} IS NOT NULL`)
      .join(" OR ")})`;
    await copyTable(ctx, t, where, false);
  }
}

async function copyTable(ctx: Ctx, t: SiteTable, where: string, nullLate: boolean): Promise<void> {
  let after: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const rows = await readPage(ctx.source, t, ctx.site, after, ctx.page, where);
    if (!rows.length) break;
    await writeRows(ctx, t, rows, nullLate);
    copied += rows.length;
    report(ctx, { phase: "copy", table: t.name, rows: copied });
    const last = rows[rows.length - 1]!;
    after = t.pk.map((c) => last[c]);
    if (rows.length < ctx.page) break;
  }
}

/**
 * One catch-up pass: takes every entry of the log, deletes from the target the rows gone from the
 * source (children first), copies again those still there (parents first), then forgets the
 * entries. Returns how many rows it copied or deleted.
 */
export async function catchUp(ctx: Ctx): Promise<number> {
  await takeLog(ctx.source, ctx.site).run();
  // only the tables written to (a read per table and step is a wrangler run with --remote)
  const names = new Set(
    (
      await ctx.source.prepare(`SELECT DISTINCT tbl FROM site_move_log WHERE site_id = ?1 AND tbl LIKE '${TAKEN}%'`).bind(ctx.site).all()
    ).results.map((r) => String(r.tbl).slice(TAKEN.length)),
  );
  const tables = SITE_TABLES.filter((t) => names.has(t.name));
  let done = 0;
  // the cycles first: the late columns of every noted row set to NULL in the target (the upserts
  // below set them again from the source), so that either end of a cycle can be deleted
  for (const t of tables.filter((t) => t.late)) {
    let after: string | null = null;
    for (;;) {
      const pks = await takenKeys(ctx.source, t, ctx.site, after, ctx.page);
      if (!pks.length) break;
      await clearLate(
        ctx.target,
        t,
        ctx.site,
        pks.map((pk) => JSON.parse(pk) as unknown[]),
      )?.run();
      after = pks[pks.length - 1]!;
      if (pks.length < ctx.page) break;
    }
  }
  for (const t of [...tables].reverse()) {
    await eachGone(ctx, t, async (keys) => {
      await deleteKeys(ctx.target, t, ctx.site, keys).run();
      done += keys.length;
      report(ctx, { phase: "catch-up", table: t.name, rows: done });
    });
  }
  for (const t of tables) done += await recopy(ctx, t, !!t.late);
  for (const t of tables.filter((t) => t.late)) await recopy(ctx, t, false);
  await dropTaken(ctx.source, ctx.site).run();
  return done;
}

async function eachGone(ctx: Ctx, t: SiteTable, apply: (keys: unknown[][]) => Promise<void>): Promise<void> {
  let before: string | null = null;
  for (;;) {
    const pks = await takenGone(ctx.source, t, ctx.site, before, ctx.page);
    if (!pks.length) return;
    await apply(pks.map((pk) => JSON.parse(pk) as unknown[]));
    before = pks[pks.length - 1]!;
    if (pks.length < ctx.page) return;
  }
}

async function recopy(ctx: Ctx, t: SiteTable, nullLate: boolean): Promise<number> {
  let after: string | null = null;
  let copied = 0;
  for (;;) {
    const page = await takenRows(ctx.source, t, ctx.site, after, ctx.page);
    if (!page.length) break;
    await writeRows(
      ctx,
      t,
      page.map((p) => p.row),
      nullLate,
    );
    copied += page.length;
    report(ctx, { phase: "catch-up", table: t.name, rows: copied });
    after = page[page.length - 1]!.pk;
    if (page.length < ctx.page) break;
  }
  return copied;
}
