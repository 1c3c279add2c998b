// The end of a move: the switch (the only time the site's writes are refused), the purge of the old
// rows, and the way back when the switch finds the copy wrong (the target cleared, the site left
// writable where it was).
import { SITE_TABLES } from "../../db/site-tables";
import { type Ctx, MoveRefused, REGISTRY, report } from "./context";
import { catchUp } from "./copy";
import { clearLate, countRows, deleteKeys, dropLog, logSize, readKeys, type MoveDb, setMoving, siteRow, upsertSite } from "./sql";

/**
 * Writes refused from here ('switching'); the log drained; the row counts compared; then the
 * target named the site's home: its own row, the registry, the source's forwarding row, left
 * `then`: 'purging' when the purge follows (an interruption before it is finished by the next
 * run), 'away' when the old rows are kept.
 */
export async function switchOver(ctx: Ctx, then: "purging" | "away"): Promise<Record<string, number>> {
  await setMoving(ctx.source, ctx.site, "switching").run();
  await ctx.opts.at?.("switching");
  report(ctx, { phase: "switch", note: "writes refused; copying the last rows" });
  while ((await logSize(ctx.source, ctx.site)) > 0) await catchUp(ctx);

  const [inSource, inTarget] = await Promise.all([
    countRows(ctx.source, SITE_TABLES, ctx.site),
    countRows(ctx.target, SITE_TABLES, ctx.site),
  ]);
  const wrong = SITE_TABLES.filter((t) => inSource.get(t.name) !== inTarget.get(t.name)).map(
    (t) => `${t.name} (${inSource.get(t.name)} in ${ctx.from}, ${inTarget.get(t.name)} in ${ctx.to})`,
  );
  if (wrong.length) {
    await clearTarget(ctx);
    await reopenSource(ctx);
    throw new MoveRefused(
      `The copy of ${ctx.site} differs in ${wrong.join(", ")}: rows of another site of ${ctx.to} may have taken their ids during the copy. ` +
        `The move was undone; ${ctx.site} stays in ${ctx.from} and takes writes.`,
    );
  }

  const registryRow = await siteRow(ctx.registry, ctx.site);
  if (!registryRow) throw new MoveRefused(`${ctx.site} vanished from the registry during the move.`);
  // the target first: nothing routes there until the registry says so
  await upsertSite(ctx.target, registryRow, null, ctx.to).run();
  if (ctx.from === REGISTRY) {
    // the registry's row is also the source's: home and forwarding note in one statement
    await setMoving(ctx.source, ctx.site, then, ctx.to).run();
  } else {
    if (ctx.to !== REGISTRY) await ctx.registry.prepare("UPDATE sites SET db = ?2 WHERE id = ?1").bind(ctx.site, ctx.to).run();
    await setMoving(ctx.source, ctx.site, then, ctx.to).run();
  }
  report(ctx, { phase: "switch", note: `${ctx.site} now lives in ${ctx.to}` });
  return Object.fromEntries(inTarget);
}

/**
 * Deletes the site's rows from `db`, children first, in bounded statements. The cycles' late
 * columns are cleared first; `sealed` databases (the source: updates refused there) get that done
 * in the same transaction that seals them, by passing through NULL.
 */
async function deleteSite(ctx: Ctx, db: MoveDb, phase: "purge" | "clear-target", seal: string | null): Promise<void> {
  const clears = SITE_TABLES.map((t) => clearLate(db, t, ctx.site, null)).filter((s) => s !== null);
  await db.batch(seal ? [setMoving(db, ctx.site, null), ...clears, setMoving(db, ctx.site, seal)] : clears);
  const limit = Math.max(ctx.page, 500);
  for (const t of [...SITE_TABLES].reverse()) {
    // the last keys first (replies before what they answer), each page below the one before
    let deleted = 0;
    let before: unknown[] | null = null;
    for (;;) {
      const keys = await readKeys(db, t, ctx.site, before, limit, "DESC");
      if (!keys.length) break;
      await deleteKeys(db, t, ctx.site, keys).run();
      deleted += keys.length;
      report(ctx, { phase, table: t.name, rows: deleted });
      before = keys[keys.length - 1]!;
      if (keys.length < limit) break;
    }
  }
}

/** The old rows deleted from the source; its row stays, 'away': the forwarding note (in DB, the registry's entry). */
export async function purgeSource(ctx: Ctx): Promise<void> {
  await deleteSite(ctx, ctx.source, "purge", "purging");
  const writes = [dropLog(ctx.source, ctx.site)];
  // copies of the roles (the registry's are the real ones)
  if (ctx.from !== REGISTRY) writes.push(ctx.source.prepare("DELETE FROM staff_roles WHERE site_id = ?1").bind(ctx.site));
  writes.push(setMoving(ctx.source, ctx.site, "away"));
  await ctx.source.batch(writes);
  report(ctx, { phase: "purge", note: `old rows deleted from ${ctx.from}` });
}

/** The site's rows and copies removed from the target (a failed switch, or a leftover of one). */
export async function clearTarget(ctx: Ctx): Promise<void> {
  // a target whose row refuses updates (the leftover of a move away from it) is unsealed as the source is
  const state = (await siteRow(ctx.target, ctx.site))?.moving ?? null;
  await deleteSite(ctx, ctx.target, "clear-target", state === null || state === "arriving" || state === "copying" ? null : state);
  if (ctx.to === REGISTRY) {
    // the registry's row stays: the site lives elsewhere, so it is a forwarding note again
    await setMoving(ctx.target, ctx.site, "away").run();
  } else {
    await ctx.target.batch([
      ctx.target.prepare("DELETE FROM staff_roles WHERE site_id = ?1").bind(ctx.site),
      dropLog(ctx.target, ctx.site),
      ctx.target.prepare("DELETE FROM sites WHERE id = ?1").bind(ctx.site),
    ]);
  }
}

/** The move undone in the source: writable again, nothing noted any more. */
export async function reopenSource(ctx: Ctx): Promise<void> {
  await ctx.source.batch([setMoving(ctx.source, ctx.site, null), dropLog(ctx.source, ctx.site)]);
}
