// The deployed databases for `npm run move -- --remote`: the move's D1 surface (services/move/sql.ts
// MoveDb) over `wrangler d1 execute <database_name> --remote --json`, one wrangler run per read and
// per batch, with the operator's Cloudflare credentials (CLOUDFLARE_API_TOKEN, or `wrangler login`).
// wrangler binds no parameters: values are written into the SQL as literals, and a statement's rows
// stay under D1's 100 KB statement length. Databases are found by binding in wrangler.toml.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MoveDb, MoveStatement } from "../services/move";

const WRANGLER = join("node_modules", ".bin", "wrangler");
/** Under D1's 100 000-byte statement: the inlined JSON of a page of rows. */
const MAX_JSON = 80_000;
/** Longer batches go through a file (a command line holds at most 128 KiB). */
const MAX_COMMAND = 90_000;

export interface Where {
  /** --remote, or --local with this persistence directory (the tests) */
  remote: boolean;
  persistTo?: string;
}

/** The binding → database_name pairs of wrangler.toml's [[d1_databases]]. */
export function d1Databases(toml = readFileSync("wrangler.toml", "utf8")): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of toml.split(/^\[\[d1_databases\]\]\s*$/m).slice(1)) {
    const body = block.split(/^\[/m)[0] ?? "";
    const binding = /^binding\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const name = /^database_name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    if (binding && name) out.set(binding, name);
  }
  return out;
}

/** A value as an SQL literal. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as SQL`);
    return String(v);
  }
  if (typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** `sql` with its numbered parameters (?1, ?2…) written as literals. The move's SQL has no ? in its own literals. */
export function inline(sql: string, values: unknown[]): string {
  return sql.replace(/\?(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
}

interface Answer {
  results?: Record<string, unknown>[];
  meta?: { changes?: number };
  success?: boolean;
}

function wrangler(database: string, where: Where, args: string[]): Answer[] {
  const place = where.remote ? ["--remote"] : ["--local", ...(where.persistTo ? ["--persist-to", where.persistTo] : [])];
  const run = spawnSync(WRANGLER, ["d1", "execute", database, ...place, "--yes", "--json", ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`Could not run wrangler (${run.error.message}). Run \`npm install\` first.`);
  if (run.status !== 0) throw new Error(`wrangler d1 execute ${database} failed:\n${`${run.stdout}\n${run.stderr}`.trim()}`);
  try {
    const parsed = JSON.parse(run.stdout) as Answer[] | Answer;
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    throw new Error(`Unexpected answer from wrangler:\n${run.stdout}`);
  }
}

class Statement implements MoveStatement {
  constructor(
    readonly db: WranglerDb,
    readonly sql: string,
    readonly values: unknown[] = [],
  ) {}
  bind(...values: unknown[]): MoveStatement {
    return new Statement(this.db, this.sql, values);
  }
  text(): string {
    return inline(this.sql, this.values);
  }
  async all(): Promise<{ results: Record<string, unknown>[] }> {
    const [answer] = wrangler(this.db.database, this.db.where, ["--command", this.text()]);
    return { results: answer?.results ?? [] };
  }
  async run(): Promise<{ meta: { changes?: number } }> {
    const [answer] = wrangler(this.db.database, this.db.where, ["--command", this.text()]);
    return { meta: { changes: answer?.meta?.changes } };
  }
}

class WranglerDb implements MoveDb {
  readonly maxJson = MAX_JSON;
  constructor(
    readonly database: string,
    readonly where: Where,
  ) {}
  prepare(sql: string): MoveStatement {
    return new Statement(this, sql);
  }
  async batch(statements: MoveStatement[]) {
    if (!statements.length) return [];
    const text = statements.map((s) => (s as Statement).text()).join(";\n");
    if (text.length <= MAX_COMMAND) {
      const answers = wrangler(this.database, this.where, ["--command", text]);
      return statements.map((_, i) => ({ results: answers[i]?.results ?? [], meta: { changes: answers[i]?.meta?.changes } }));
    }
    // only writes are this long: their answers are not read
    const dir = mkdtempSync(join(tmpdir(), "palabre-move-"));
    try {
      const file = join(dir, "batch.sql");
      writeFileSync(file, `${text};\n`, { mode: 0o600 });
      wrangler(this.database, this.where, ["--file", file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return statements.map(() => ({ results: [], meta: {} }));
  }
}

/** Every D1 database of wrangler.toml, by binding, through wrangler. */
export function wranglerBindings(where: Where, toml?: string): Record<string, MoveDb> {
  return Object.fromEntries([...d1Databases(toml)].map(([binding, name]) => [binding, new WranglerDb(name, where)]));
}

/** The deployed databases (--remote). */
export function remoteBindings(): Record<string, MoveDb> {
  return wranglerBindings({ remote: true });
}
