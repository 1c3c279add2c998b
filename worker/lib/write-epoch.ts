// A counter of the writes this isolate has run, for the copies it keeps without asking D1
// (services/recent-pages.ts): a copy taken under another count may predate a write, and is not used.
//
// Every request that may write (any method but GET, HEAD and OPTIONS), every Cron tick and every
// queue batch moves the count on when it starts and again when it ends. Both matter: a read that
// began while a write was running may have read D1 before the write committed, and the count it
// started under is then gone by the time anyone could use its copy. No route is trusted to say
// what it changed: the reader API's GETs write nothing a reader sees (a story created on first
// read has no copy yet), and everything else counts, a staff password change as much as a post.
import type { MiddlewareHandler } from "hono";

let count = 0;

/** The isolate's count of writes started and ended: compare two readings, never the value. */
export function writeEpoch(): number {
  return count;
}

/** Runs `work` as a write: the count moves on before it starts and after it ends, failed or not. */
export async function asWrite<T>(work: () => Promise<T>): Promise<T> {
  count++;
  try {
    return await work();
  } finally {
    count++;
  }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The app's middleware: every request but a read runs as a write. */
export const countWrites: MiddlewareHandler = (c, next) => (READS.has(c.req.method) ? next() : asWrite(next));
