// `npm run export -- --site S --format json|csv [--out FILE] [--remote] [--persist-to DIR]`: a
// site's comments in Palabre's format (worker/schemas/export.ts; `npm run import -- palabre` reads
// it back) or CSV, written as it is read: one page of rows in memory at a time.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { SITE_ID } from "../schemas/reader";
import { ExportSiteMissing, csvExport, jsonExport, prepareExport } from "../services/export-stream";
import { ExportCliError, wranglerExportSource } from "./export-source";
import { siteHome } from "./site-home";

const USAGE = `Usage:
  npm run export -- --site S [--format json|csv] [--out FILE] [--remote] [--persist-to DIR]
      Writes site S's stories, commenters and comments (JSON, Palabre's own format, the default) or
      its comments (CSV) to FILE, or to the standard output. Reads the local database, or with
      --remote the deployed one through wrangler (CLOUDFLARE_API_TOKEN or \`wrangler login\`).`;

/** Rows per wrangler run: each run costs a process start, so pages are bigger than the Worker's. */
const CLI_PAGE = 5_000;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      site: { type: "string" },
      format: { type: "string", default: "json" },
      out: { type: "string" },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const site = values.site ?? "";
  if (!SITE_ID.test(site)) throw new ExportCliError(`--site is required: a site id (lower-case letters, digits and dashes).\n\n${USAGE}`);
  if (values.format !== "json" && values.format !== "csv") throw new ExportCliError(`--format must be json or csv.\n\n${USAGE}`);
  const format = values.format;
  let comments = 0;
  const where = { remote: values.remote ?? false, persistTo: values["persist-to"] };
  // The site's rows are read in its own database (issue 14): the registry says which.
  const { database } = siteHome(where, site, (m) => new ExportCliError(m));
  const src = wranglerExportSource({ ...where, database }, (kind, rows) => {
    if (kind === "comments" || kind === "csv") comments += rows;
    if (values.out)
      process.stderr.write(`${kind === "csv" ? "comments" : kind}: ${kind === "comments" || kind === "csv" ? comments : rows} read\n`);
  });
  let prepared;
  try {
    prepared = await prepareExport(src, site);
  } catch (err) {
    if (err instanceof ExportSiteMissing) {
      throw new ExportCliError(`No site "${site}" in the ${values.remote ? "deployed" : "local"} database.`);
    }
    throw err;
  }
  const chunks = format === "json" ? jsonExport(src, prepared, Date.now(), CLI_PAGE) : csvExport(src, prepared, CLI_PAGE);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  // pipeline waits for the file to take each chunk before the next page is read.
  await pipeline(Readable.from(chunks), out);
  if (values.out) process.stderr.write(`Wrote ${comments} comments of ${site} to ${values.out} (${format}).\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ExportCliError) {
    console.error(err.message);
    process.exitCode = 1;
    return;
  }
  console.error(err);
  process.exitCode = 1;
});
