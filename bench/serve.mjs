// The built worker on plain Miniflare (one workerd, no wrangler dev proxy in front), with what
// wrangler.toml gives it: its D1 (worker/migrations applied in order), its static assets
// (dist/public, built by `npm run build`: the embed, the dashboard, the demos, the worker running
// first), its queue, its Durable Objects (a story's live readers), and IP_HASH_KEY. The entry is
// bench/instrumented-entry.ts: Palabre's worker, which counts D1 round trips for the requests that
// ask (X-Bench-D1).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Miniflare as wrangler runs it (the version wrangler pins), like bench/first-comment.mjs.
const { Miniflare } = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"))("miniflare");

/** compatibility_date and compatibility_flags from wrangler.toml (the rest is fixed below). */
export function wranglerConfig() {
  const toml = readFileSync("wrangler.toml", "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  return { compatibilityDate: date, compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [] };
}

/**
 * wrangler.toml's [[durable_objects.bindings]] (name, class_name) as Miniflare's durableObjects,
 * SQLite-backed as its [[migrations]] make them (new_sqlite_classes): the live readers' objects.
 */
export function durableObjects() {
  const toml = readFileSync("wrangler.toml", "utf8");
  const sqlite = new Set(
    [...toml.matchAll(/^new_sqlite_classes\s*=\s*\[([^\]]*)\]/gm)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((c) => c[1])),
  );
  const out = {};
  for (const block of toml.split(/^\[\[durable_objects\.bindings\]\]\s*$/m).slice(1)) {
    const body = block.split(/^\[/m)[0];
    const name = /^name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const className = /^class_name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    if (name && className) out[name] = { className, useSQLite: sqlite.has(className) };
  }
  return out;
}

/**
 * A migration file's statements, split at semicolons outside strings, identifiers and comments
 * (the migrations' comments hold apostrophes and semicolons), a trigger's body kept whole up to
 * its END: what wrangler's own splitter does for `d1 migrations apply`.
 */
export function sqlStatements(sql) {
  const out = [];
  let current = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      let j = i + 1;
      for (;;) {
        j = sql.indexOf(ch, j);
        if (j === -1) throw new Error("unterminated quote in SQL");
        if (sql[j + 1] === ch)
          j += 2; // a doubled quote is an escaped one
        else break;
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === ";") {
      const trigger = /^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(current);
      if (trigger && !/\bEND\s*$/i.test(current)) current += ch;
      else {
        if (current.trim()) out.push(current.trim());
        current = "";
      }
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * The bench's D1 from Node, through the bench entry's POST /__bench/sql: prepare(sql).bind(…)
 * and batch([…]) as D1 spells them, plus first() for one row.
 */
function sqlClient(origin) {
  // A connection of its own for each call: after a seeding batch of several seconds, fetch's
  // kept-alive socket was found reset by workerd.
  const post = (payload) =>
    new Promise((resolve, reject) => {
      const req = request(
        `${origin}/__bench/sql`,
        { method: "POST", agent: false, headers: { "Content-Type": "application/json" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ ok: res.statusCode === 200, body: JSON.parse(text) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  const run = async (statements) => {
    const { ok, body } = await post(JSON.stringify(statements));
    if (!ok) throw new Error(`D1: ${body.error}\n${statements.map((s) => s.sql.slice(0, 200)).join("\n")}`);
    return body;
  };
  const statement = (sql, params = []) => ({
    sql,
    params,
    bind: (...values) => statement(sql, values),
    first: async () => (await run([{ sql, params }]))[0][0] ?? null,
  });
  return {
    prepare: (sql) => statement(sql),
    batch: async (list) => (await run(list.map(({ sql, params }) => ({ sql, params })))).map((results) => ({ results })),
  };
}

/**
 * The CPU time (ms) used so far by the workerd processes this process started: all of the server's
 * work (the worker, Miniflare's router, the assets, D1's SQLite), none of autocannon's or of the
 * machine's other tenants. Linux only (/proc): null elsewhere.
 */
function serverCpu() {
  let tick = 100;
  try {
    tick = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
  } catch {
    // keep Linux's usual 100 Hz
  }
  const stat = (pid) => {
    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  };
  let pids = null;
  return () => {
    try {
      pids ??= readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .filter((pid) => {
          try {
            return Number(stat(pid)[1]) === process.pid && readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd";
          } catch {
            return false; // gone meanwhile
          }
        });
      if (pids.length === 0) return null;
      return pids.reduce((ms, pid) => {
        const f = stat(pid);
        return ms + ((Number(f[11]) + Number(f[12])) * 1000) / tick;
      }, 0);
    } catch {
      return null;
    }
  };
}

/**
 * Builds the bench's worker and starts it on 127.0.0.1:port (0: any free port) with an empty, migrated D1 kept on
 * disk in a temporary directory (as D1 keeps it). Returns the Miniflare, its D1 from Node (above),
 * cpu() (the server's CPU ms so far, or null) and a stop() that disposes of it and removes the directory.
 */
export async function serve({ port }) {
  if (!existsSync("dist/public/embed.js")) throw new Error("dist/public is not built: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "palabre-bench-"));
  // Interrupted (Ctrl-C), Miniflare's own exit hook stops workerd and exits: the directory goes then.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  const script = join(dir, "worker.mjs");
  await build({
    entryPoints: ["bench/instrumented-entry.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    outfile: script,
    logLevel: "error",
  });
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    modules: true,
    scriptPath: script,
    modulesRoot: dir,
    ...wranglerConfig(),
    d1Databases: { DB: "palabre-bench" },
    d1Persist: join(dir, "d1"),
    // [assets] with run_worker_first = true: every request reaches the worker, which asks ASSETS.
    assets: {
      directory: "dist/public",
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
    // [[queues.producers]] and [[queues.consumers]]: the worker produces and consumes deliveries.
    // The cron trigger is left out: nothing measured here depends on the 5-minute tick.
    queueProducers: { DELIVERIES: { queueName: "palabre-deliveries" } },
    queueConsumers: { "palabre-deliveries": { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 20 } },
    // [[durable_objects.bindings]]: a story's live readers (worker/live), kept in memory.
    durableObjects: durableObjects(),
    bindings: { PALABRE_URL: `http://127.0.0.1:${port}`, IP_HASH_KEY: "bench-ip-hash-key-not-a-secret" },
  });
  // port 0: any free port (the CI test); the address is known once workerd listens
  const origin = (await mf.ready).origin;
  const db = sqlClient(origin);
  for (const file of readdirSync("worker/migrations")
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    await db.batch(sqlStatements(readFileSync(join("worker/migrations", file), "utf8")).map((s) => db.prepare(s)));
  }
  return {
    mf,
    db,
    origin,
    cpu: serverCpu(),
    async stop() {
      try {
        await mf.dispose();
      } finally {
        removeDir();
        process.off("exit", removeDir);
      }
    },
  };
}
