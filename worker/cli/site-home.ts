// Which database a site's data lives in, for the CLIs that read or write a site's rows (import,
// export): the registry (DB, `palabre` in wrangler.toml) says which binding (sites.db, issue 14),
// and wrangler.toml's [[d1_databases]] which database that binding is.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { SITE_HOME_SQL } from "../db/site-home-sql";
import { d1Databases, inline } from "./move-remote";

const WRANGLER = join("node_modules", ".bin", "wrangler");

export interface SiteHome {
  /** the Worker's binding (DB, DB_2…) */
  binding: string;
  /** its database_name, as `wrangler d1 execute` takes it */
  database: string;
}

/**
 * Where `site` lives, asked of the registry; an unknown site is looked for in the registry's own
 * database (the caller then says it is missing). `fail` makes the caller's own error.
 */
export function siteHome(
  where: { remote: boolean; persistTo: string | undefined },
  site: string,
  fail: (message: string) => Error,
): SiteHome {
  const databases = d1Databases();
  const registry = databases.get("DB");
  if (!registry) throw fail("wrangler.toml binds no D1 database as DB (the registry).");
  const place = where.remote ? ["--remote"] : ["--local", ...(where.persistTo ? ["--persist-to", where.persistTo] : [])];
  const sql = inline(SITE_HOME_SQL, [site]);
  const run = spawnSync(WRANGLER, ["d1", "execute", registry, ...place, "--json", "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  if (run.error) throw fail(`Could not run wrangler (${run.error.message}). Run \`npm install\` first.`);
  if (run.status !== 0) {
    const out = `${run.stdout}\n${run.stderr}`.trim();
    if (/no such column: db/.test(out)) throw fail("The database lacks migration 0018: run `npm run db:migrate` first.");
    throw fail(`wrangler failed:\n${out}`);
  }
  let binding = "DB";
  try {
    binding = (JSON.parse(run.stdout) as { results: { db: string }[] }[])[0]?.results[0]?.db ?? "DB";
  } catch {
    throw fail(`Unexpected answer from wrangler:\n${run.stdout}`);
  }
  const database = databases.get(binding);
  if (!database) throw fail(`The registry places ${site} in the D1 binding ${binding}, which wrangler.toml does not declare.`);
  return { binding, database };
}
