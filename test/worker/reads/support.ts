// A D1 binding that counts round trips, and the app called with it: each batch, and each
// statement run on its own (first, all, run, raw), is one trip to the database (a network trip in
// production). The statements themselves are the real ones, on the real local D1.
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../../worker/app";
import { BASE } from "../support";

export interface Trips {
  /** round trips: batches plus statements run alone */
  trips: number;
  /** statements sent, in all */
  statements: number;
  /** rows D1 read for the batches (meta.rows_read): what a page build costs the database */
  rowsRead: number;
  /** each trip, as the start of its statements' SQL (for a failure's message) */
  log: string[];
}

function countingDb(real: D1Database, tally: Trips): D1Database {
  // The proxies handed out, back to the statements D1 made (its batch takes only those).
  const unwrap = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  const short = (sql: string | undefined) => (sql ?? "?").replace(/\s+/g, " ").trim().slice(0, 70);
  const wrapStatement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrapStatement(target.bind(...values), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => {
            tally.trips++;
            tally.statements++;
            tally.log.push(short(sql));
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    unwrap.set(proxy, stmt);
    sqlOf.set(proxy, sql);
    return proxy;
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrapStatement(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          tally.trips++;
          tally.statements += statements.length;
          tally.log.push(`batch of ${statements.length}: ${statements.map((s) => short(sqlOf.get(s)).slice(0, 30)).join(" | ")}`);
          return target.batch(statements.map((s) => unwrap.get(s) ?? s)).then((results) => {
            for (const r of results) tally.rowsRead += r.meta?.rows_read ?? 0;
            return results;
          });
        };
      }
      // The reader API runs each request on a D1 session (worker/lib/d1-session.ts): its trips count too.
      if (prop === "withSession") {
        return (...args: Parameters<D1Database["withSession"]>) => countingDb(target.withSession(...args) as unknown as D1Database, tally);
      }
      if (prop === "exec") {
        return (sql: string) => {
          tally.trips++;
          tally.statements++;
          tally.log.push(short(sql));
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Calls the app with the counting binding; returns the answer and the trips it took. Waits for
 * what the request left running (a page being stored in the Cache API) before answering.
 */
export async function counted(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<{ res: Response; trips: Trips }> {
  const { origin, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (origin) headers.set("Origin", origin);
  const tally: Trips = { trips: 0, statements: 0, rowsRead: 0, log: [] };
  const bindings = { ...env, DB: countingDb(env.DB, tally) };
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(new URL(path, BASE), { ...rest, headers }), bindings, ctx);
  // The body is read before the tally is returned: a streamed answer could still be reading.
  const body = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { res: new Response(res.status === 304 ? null : body, res), trips: { ...tally, log: [...tally.log] } };
}
