// Moving a site to another D1 database (issue 14: a database per large tenant), by direct copy with
// every id kept (permalinks, mailed links and cursors stay valid). `npm run move` (worker/cli/move.ts)
// runs it; the site stays readable throughout and writable until the final switch:
//
//   preflight   refusals before any write (preflight.ts);
//   copy        source 'copying' (its writes noted in site_move_log, migration 0019), target
//               'arriving'; every table copied parent-first; catch-up passes copy the noted rows
//               again until few are left (copy.ts);
//   switch      source 'switching' (writes refused, 503 site_moving): the log drained, the row
//               counts compared (a difference undoes the move), the target and the registry
//               name the new home, the source row becomes the forwarding note (finish.ts);
//   purge       the old rows deleted, children first ('purging', then 'away'), unless --keep-source
//               (then 'away' at once, the rows left).
//
// Interrupted anywhere, the same command resumes from the rows' states (preflight.ts: Start).
import { type Ctx, type MoveOptions, MoveRefused, type MoveResult, report } from "./context";
import { catchUp, fullCopy, IdTaken, prepareTarget } from "./copy";
import { clearTarget, purgeSource, reopenSource, switchOver } from "./finish";
import { databasesOf, preflight } from "./preflight";
import { countRows, dropLog, logSize, setMoving, siteRow } from "./sql";
import { SITE_TABLES } from "../../db/site-tables";

export { MoveRefused } from "./context";
export type { MoveOptions, MoveProgress, MoveResult } from "./context";
export type { MoveDb, MoveStatement } from "./sql";

/** The most catch-up passes while the site takes writes; the switch then drains what is left. */
const MAX_PASSES = 20;

export async function moveSite(bindings: object, opts: MoveOptions): Promise<MoveResult> {
  const plan = await preflight(databasesOf(bindings as Record<string, unknown>), opts.site, opts.to);
  const ctx: Ctx = {
    site: opts.site,
    from: plan.from,
    to: opts.to,
    registry: plan.registry,
    source: plan.source,
    target: plan.target,
    opts,
    page: opts.pageRows ?? 200,
    staffCopied: new Set(),
  };
  report(ctx, { phase: "preflight", note: `moving ${ctx.site} from ${ctx.from} to ${ctx.to}` });
  const result: MoveResult = { site: ctx.site, from: ctx.from, to: ctx.to, rows: {}, passes: 0, purged: false };

  if (plan.start.kind === "switched") {
    // interrupted between the registry's update and the source's: the source becomes the forwarding note
    if ((await siteRow(ctx.source, ctx.site))?.moving === "switching")
      await setMoving(ctx.source, ctx.site, opts.keepSource ? "away" : "purging", ctx.to).run();
    result.rows = Object.fromEntries(await countRows(ctx.target, SITE_TABLES, ctx.site));
  } else {
    if (plan.start.kind === "fresh") {
      if (plan.start.clearTarget) {
        report(ctx, { phase: "clear-target", note: `deleting the leftover of an earlier attempt from ${ctx.to}` });
        await clearTarget(ctx);
      }
      // from here the source notes its writes: none made during the copy is missed (and none
      // noted by an abandoned attempt is left over)
      await ctx.source.batch([dropLog(ctx.source, ctx.site), setMoving(ctx.source, ctx.site, "copying")]);
    }
    if (plan.start.kind !== "switching") {
      try {
        await prepareTarget(ctx);
        await fullCopy(ctx);
        await opts.at?.("copied");
        const switchAt = opts.switchAt ?? 100;
        do {
          await catchUp(ctx);
          result.passes++;
        } while ((await logSize(ctx.source, ctx.site)) > switchAt && result.passes < MAX_PASSES);
      } catch (e) {
        if (!(e instanceof IdTaken)) throw e;
        await clearTarget(ctx);
        await reopenSource(ctx);
        throw new MoveRefused(
          `Another site of ${ctx.to} took ids of ${ctx.site}'s new rows during the copy (${e.count} in ${e.table}): the move was undone, ` +
            `${ctx.site} stays in ${ctx.from} and takes writes. Move it to a database of its own, or try again when ${ctx.to} is quieter.`,
        );
      }
      await opts.at?.("caught-up");
    }
    result.rows = await switchOver(ctx, opts.keepSource ? "away" : "purging");
  }
  await opts.at?.("switched");

  if (opts.keepSource) {
    report(ctx, { phase: "done", note: `old rows kept in ${ctx.from} (refused there: the site is 'away')` });
  } else {
    await purgeSource(ctx);
    result.purged = true;
  }
  report(ctx, { phase: "done", note: `${ctx.site} lives in ${ctx.to}` });
  return result;
}

/** Whether an error is one of the move's own refusals (a line for the operator) rather than a fault. */
export function isRefusal(e: unknown): e is MoveRefused {
  return e instanceof MoveRefused;
}
