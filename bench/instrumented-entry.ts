// The worker as the bench runs it (bench/run.mjs, built with esbuild for the bench only, never
// deployed): Palabre's own entry, unchanged, plus a count of D1 round trips for the requests that
// ask for it. A request carrying `X-Bench-D1` gets a DB binding that counts each call reaching
// the database (a batch, or a statement's first/all/run/raw: one round trip each, a network trip
// in production) and the statements they carry, and the answer says so:
//   X-Bench-D1: trips=N;statements=M;after=K
// where K counts the trips made after the answer (ctx.waitUntil), awaited before the header is set,
// and X-Bench-D1-SQL lists each trip's statements (the start of each, whitespace collapsed).
// Requests without the header go straight to the worker with its own binding, so the timed runs
// measure Palabre alone, not this wrapper. POST /__bench/sql runs a batch of SQL for the bench's
// migrations and seed (Miniflare's D1 proxy from Node makes a blocking call per statement, which
// failed now and then on this busy machine); nothing of this entry is ever deployed.
import worker from "../worker/index";
import type { Env } from "../worker/env";
import type { DeliveryMessage } from "../worker/services/delivery/types";

// The Durable Object classes the worker binds (bench/serve.mjs durableObjects()), exported as its entry does.
export { StoryLive } from "../worker/index";

interface Counter {
  trips: number;
  statements: number;
  /** each trip's statements, shortened */
  log: string[];
}

/** The real statement behind each counting one, so that batch() hands D1 its own objects. */
const realStatements = new WeakMap<object, D1PreparedStatement>();
/** The SQL of each counting statement, for the log. */
const sqlOf = new WeakMap<object, string>();

const short = (sql: string | undefined) => (sql ?? "?").replace(/\s+/g, " ").trim().slice(0, 70);

function trip(counter: Counter, sql: (string | undefined)[]): void {
  counter.trips++;
  counter.statements += sql.length;
  counter.log.push(sql.length === 1 ? short(sql[0]) : `batch(${sql.map(short).join(" | ")})`);
}

const EXECUTING = new Set<PropertyKey>(["first", "all", "run", "raw"]);

function countingStatement(real: D1PreparedStatement, counter: Counter, sql: string): D1PreparedStatement {
  const proxy = new Proxy(real, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "bind") {
        return (...args: unknown[]) => countingStatement(value.apply(target, args) as D1PreparedStatement, counter, sql);
      }
      if (EXECUTING.has(prop)) {
        return (...args: unknown[]) => {
          trip(counter, [sql]);
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
  realStatements.set(proxy, real);
  sqlOf.set(proxy, sql);
  return proxy;
}

/** A D1 database or session (withSession) whose calls are counted; anything else passes through. */
function countingDatabase<T extends object>(real: T, counter: Counter): T {
  return new Proxy(real, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      switch (prop) {
        case "prepare":
          return (sql: string) => countingStatement(value.call(target, sql) as D1PreparedStatement, counter, sql);
        case "batch":
          return (statements: D1PreparedStatement[], ...rest: unknown[]) => {
            trip(
              counter,
              statements.map((s) => sqlOf.get(s)),
            );
            return value.call(
              target,
              statements.map((s) => realStatements.get(s) ?? s),
              ...rest,
            );
          };
        case "exec":
          return (sql: string) => {
            // exec runs one statement per line of SQL
            trip(
              counter,
              sql.split("\n").filter((line) => line.trim() !== ""),
            );
            return value.call(target, sql);
          };
        case "withSession":
          return (...args: unknown[]) => countingDatabase(value.apply(target, args) as object, counter);
        default:
          return value.bind(target);
      }
    },
  });
}

async function countedFetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const counter: Counter = { trips: 0, statements: 0, log: [] };
  const later: Promise<unknown>[] = [];
  const countingCtx = {
    waitUntil(promise: Promise<unknown>) {
      later.push(promise);
      ctx.waitUntil(promise);
    },
    passThroughOnException: () => ctx.passThroughOnException(),
    props: ctx.props,
  } as ExecutionContext;
  const answer = await worker.fetch(request, { ...env, DB: countingDatabase(env.DB, counter) }, countingCtx);
  const during = { ...counter };
  await Promise.allSettled(later);
  const res = new Response(answer.body, answer);
  res.headers.set("X-Bench-D1", `trips=${during.trips};statements=${during.statements};after=${counter.trips - during.trips}`);
  // header values are Latin-1: the SQL is ASCII but for safety anything else becomes "?"
  res.headers.set("X-Bench-D1-SQL", counter.log.join(" ; ").replace(/[^\x20-\x7e]/g, "?"));
  return res;
}

/** A batch of { sql, params } run as one D1 batch: each statement's rows, or the error's message (500). */
async function runSql(request: Request, env: Env): Promise<Response> {
  const statements = await request.json<{ sql: string; params?: unknown[] }[]>();
  try {
    const results = await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...(s.params ?? []))));
    return Response.json(results.map((r) => r.results));
  } catch (e) {
    return Response.json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
  }
}

export default {
  ...worker,
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (request.method === "POST" && new URL(request.url).pathname === "/__bench/sql") return runSql(request, env);
    return request.headers.has("X-Bench-D1") ? countedFetch(request, env, ctx) : worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env, DeliveryMessage>;
