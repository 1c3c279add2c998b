// What every step of a move shares: the databases, the site, the options, the progress callback.
import type { MoveDb, StaffCopy } from "./sql";
import { readStaff, upsertStaff } from "./sql";

export const REGISTRY = "DB";

/** A refusal or a stop of the move, as one line for the operator. */
export class MoveRefused extends Error {}

export type MovePhase = "preflight" | "copy" | "catch-up" | "switch" | "purge" | "clear-target" | "done";

export interface MoveProgress {
  phase: MovePhase;
  /** the table whose rows were just copied or deleted */
  table?: string;
  /** rows copied (or deleted) so far in this table during this phase */
  rows?: number;
  /** a line to show */
  note?: string;
}

export interface MoveOptions {
  site: string;
  /** the binding to move the site to (DB, DB_2, …) */
  to: string;
  /** leave the old rows in the source (still refused there: the row is 'away') */
  keepSource?: boolean;
  /** rows per page read (default 200) */
  pageRows?: number;
  /** the catch-up stops and the switch begins once the log holds at most this many entries (default 100) */
  switchAt?: number;
  progress?: (p: MoveProgress) => void;
  /**
   * Awaited at each step (tests use it to write in between, or to interrupt: a throw stops the
   * move where it stands). 'copied': the first full copy is done; 'caught-up': the catch-up is done,
   * the switch is next; 'switching': writes are refused, the drain is next; 'switched': the
   * registry names the target, the purge is next.
   */
  at?: (step: "copied" | "caught-up" | "switching" | "switched") => Promise<void> | void;
}

export interface MoveResult {
  site: string;
  from: string;
  to: string;
  /** rows of the site in the target after the switch, by table */
  rows: Record<string, number>;
  /** catch-up passes run while the site took writes */
  passes: number;
  purged: boolean;
}

export interface Ctx {
  site: string;
  from: string;
  to: string;
  registry: MoveDb;
  source: MoveDb;
  target: MoveDb;
  opts: MoveOptions;
  page: number;
  /** staff rows already copied to the target by this run */
  staffCopied: Set<number>;
}

export function report(ctx: Ctx, p: MoveProgress): void {
  ctx.opts.progress?.(p);
}

/**
 * Statements copying to the target the staff rows these ids name, not yet copied (foreign keys).
 * Read from the registry (the source of truth), else from the source's own copy. Nothing when the
 * target is the registry: its staff rows are the real ones.
 */
export async function staffFor(ctx: Ctx, ids: Iterable<unknown>) {
  if (ctx.to === REGISTRY) return [];
  const wanted = [...new Set([...ids].filter((v): v is number => typeof v === "number" && !ctx.staffCopied.has(v)))];
  if (!wanted.length) return [];
  const found: StaffCopy[] = await readStaff(ctx.registry, wanted);
  const missing = wanted.filter((id) => !found.some((s) => s.id === id));
  if (missing.length && ctx.source !== ctx.registry) found.push(...(await readStaff(ctx.source, missing)));
  for (const id of wanted) ctx.staffCopied.add(id);
  return upsertStaff(ctx.target, found);
}
