// Where `npm run import` writes: the local D1 (as `npm run staff` reaches it) or, with --remote,
// the deployed one through wrangler's D1 access (`wrangler d1 execute --remote`), which uses the
// operator's Cloudflare credentials (CLOUDFLARE_API_TOKEN, or `wrangler login`). Chosen over an
// admin import endpoint: no new route to guard, no batch size bound by a request's limits, and the
// same code path as the local database. Each batch is one --file, which wrangler runs as one unit.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImportError } from "../import/records";
import type { Executor } from "../import/run";

const WRANGLER = join("node_modules", ".bin", "wrangler");

export interface Target {
  remote: boolean;
  persistTo: string | undefined;
  /** the site's database (cli/site-home.ts): its binding and database_name; DB (palabre) when absent */
  home?: { binding: string; database: string };
}

function wrangler(target: Target, args: string[]): string {
  const where = target.remote ? ["--remote"] : ["--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : [])];
  const run = spawnSync(WRANGLER, ["d1", "execute", target.home?.database ?? "palabre", ...where, "--yes", ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new ImportError(`Could not run wrangler (${run.error.message}). Run \`npm install\` first.`);
  if (run.status !== 0) {
    const out = `${run.stdout}\n${run.stderr}`.trim();
    if (/no such table: import_sources/.test(out)) {
      throw new ImportError(
        `The ${target.remote ? "deployed" : "local"} database lacks migration 0016: run \`npm run db:migrate\`${target.remote ? " (or wrangler d1 migrations apply palabre --remote)" : ""} first.`,
      );
    }
    throw new ImportError(`wrangler failed:\n${out}`);
  }
  return run.stdout;
}

/** --remote needs Cloudflare credentials: checked before reading the file, with the way to get them. */
export function checkCredentials(target: Target): void {
  if (!target.remote) return;
  const run = spawnSync(WRANGLER, ["whoami"], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  const out = `${run.stdout}\n${run.stderr}`;
  if (
    run.status !== 0 ||
    (/not authenticated|You are not logged in|CLOUDFLARE_API_TOKEN/i.test(out) && !/associated with the email|You are logged in/i.test(out))
  ) {
    throw new ImportError(
      "--remote needs Cloudflare credentials, and wrangler found none that work: set CLOUDFLARE_API_TOKEN (a token with D1 edit rights) " +
        "and CLOUDFLARE_ACCOUNT_ID, or run `npx wrangler login`. Nothing was imported.",
    );
  }
}

/** D1's surface this file uses (the CLI has Node's types, not Workers'). */
interface D1Like {
  prepare(sql: string): { all<T>(): Promise<{ results: T[] }> };
  batch(statements: unknown[]): Promise<unknown>;
}

/**
 * The local database through wrangler's platform proxy: the same Miniflare D1 that `wrangler d1
 * execute --local` opens, but the statements go to `batch()` as they are (one transaction), not
 * through wrangler's file splitter, which is quadratic in a statement's length (a batch of 1000
 * comments took 12 s that way).
 */
export async function localExecutor(target: Target): Promise<Executor & { close(): Promise<void> }> {
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<Record<string, D1Like>>({
    persist: { path: join(target.persistTo ?? join(".wrangler", "state"), "v3") },
  });
  const db = proxy.env[target.home?.binding ?? "DB"]!;
  const missingMigration = (e: unknown) =>
    e instanceof Error && /no such table: import_sources/.test(e.message)
      ? new ImportError("The local database lacks migration 0016: run `npm run db:migrate` first.")
      : e;
  return {
    async run(statements) {
      await db.batch(statements.map((s) => db.prepare(s))).catch((e: unknown) => {
        throw missingMigration(e);
      });
    },
    async query<T>(sql: string) {
      return (
        await db
          .prepare(sql)
          .all<T>()
          .catch((e: unknown) => {
            throw missingMigration(e);
          })
      ).results;
    },
    close: () => proxy.dispose(),
  };
}

export function wranglerExecutor(target: Target): Executor {
  return {
    async run(statements) {
      const dir = mkdtempSync(join(tmpdir(), "palabre-import-"));
      try {
        const file = join(dir, "batch.sql");
        writeFileSync(file, statements.join("\n"), { mode: 0o600 });
        wrangler(target, ["--file", file]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async query<T>(sql: string) {
      const out = wrangler(target, ["--json", "--command", sql]);
      try {
        return (JSON.parse(out) as { results: T[] }[]).flatMap((r) => r.results);
      } catch {
        throw new ImportError(`Unexpected answer from wrangler:\n${out}`);
      }
    },
  };
}
