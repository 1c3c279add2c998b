// The site export's rows read through wrangler (`wrangler d1 execute --json`), from the local D1
// as `npm run staff` reaches it or, with --remote, the deployed one (the operator's Cloudflare
// credentials). Each page is one wrangler run, so the CLI reads bigger pages than the Worker.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { BOUNDS_SQL, PAGE_SQL, SITE_SQL, type Bounds, type ExportSource, type PageKinds, type SiteRowX } from "../services/export-rows";

const WRANGLER = join("node_modules", ".bin", "wrangler");

export class ExportCliError extends Error {}

export interface Target {
  remote: boolean;
  persistTo: string | undefined;
  /** the site's database_name (cli/site-home.ts); palabre when absent */
  database?: string;
}

/** The statement's ?N replaced by SQL literals: a site id (checked against SITE_ID by the caller) or whole numbers. */
export function inline(sql: string, values: (string | number)[]): string {
  return sql.replace(/\?(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) throw new ExportCliError(`not a whole number: ${v}`);
      return String(v);
    }
    if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
    throw new ExportCliError(`no value for ?${n}`);
  });
}

function query<T>(target: Target, sql: string): T[] {
  const where = target.remote ? ["--remote"] : ["--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : [])];
  const run = spawnSync(
    WRANGLER,
    ["d1", "execute", target.database ?? "palabre", ...where, "--json", "--command", sql.replace(/\s+/g, " ")],
    {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.error) throw new ExportCliError(`Could not run wrangler (${run.error.message}). Run \`npm install\` first.`);
  if (run.status !== 0) {
    const out = `${run.stdout}\n${run.stderr}`.trim();
    if (/no such column: erased_at/.test(out)) {
      throw new ExportCliError(
        `The ${target.remote ? "deployed" : "local"} database lacks migration 0015: run \`npm run db:migrate\` first.`,
      );
    }
    throw new ExportCliError(`wrangler failed:\n${out}`);
  }
  try {
    return (JSON.parse(run.stdout) as { results: T[] }[]).flatMap((r) => r.results);
  } catch {
    throw new ExportCliError(`Unexpected answer from wrangler:\n${run.stdout.slice(0, 2000)}`);
  }
}

export function wranglerExportSource(target: Target, onPage?: (kind: string, rows: number) => void): ExportSource {
  return {
    site: async (siteId) => query<SiteRowX>(target, inline(SITE_SQL, [siteId]))[0] ?? null,
    bounds: async () => query<Bounds>(target, BOUNDS_SQL)[0]!,
    page: async <K extends keyof PageKinds>(kind: K, siteId: string, afterId: number, limit: number, upTo: number) => {
      const rows = query<PageKinds[K]>(target, inline(PAGE_SQL[kind], [siteId, afterId, limit, upTo]));
      onPage?.(kind, rows.length);
      return rows;
    },
  };
}
