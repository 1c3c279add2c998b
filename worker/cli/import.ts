// `npm run import -- disqus|wordpress|palabre FILE --site S [--remote] [--persist-to DIR]`: brings
// comments from another system (or a Palabre export) into a site. See worker/import/run.ts.
import { createReadStream, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseDisqus } from "../import/disqus";
import { parsePalabre } from "../import/palabre";
import { IMPORT_SOURCES, ImportError, type ImportSource } from "../import/records";
import { runImport, type Parser } from "../import/run";
import { parseWxr } from "../import/wxr";
import { SITE_ID } from "../schemas/reader";
import { printReport, Progress } from "./import-progress";
import { checkCredentials, localExecutor, wranglerExecutor, type Target } from "./import-target";
import { siteHome } from "./site-home";

const USAGE = `Usage:
  npm run import -- disqus FILE.xml --site S [--remote] [--persist-to DIR]
  npm run import -- wordpress FILE.xml --site S [--remote] [--persist-to DIR]
  npm run import -- palabre FILE.json --site S [--remote] [--persist-to DIR]
      Imports threads, authors and comments into site S of the local database (or, with --remote,
      the deployed one through wrangler: CLOUDFLARE_API_TOKEN or \`wrangler login\`). Running it
      again creates nothing new; an interrupted run, run again, completes.`;

/** Larger than any real export of one site; bigger files are refused before being read. */
export const MAX_FILE_BYTES = 1024 ** 3;

/** Where each run's list of skipped items goes (dist/ is not versioned). */
const REPORTS = join("dist", "import-reports");

const PARSERS: Record<ImportSource, Parser> = { disqus: parseDisqus, wordpress: parseWxr, palabre: parsePalabre };

function fail(message: string): never {
  throw new ImportError(message);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      site: { type: "string" },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      "batch-size": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return void console.log(USAGE);
  const [kind, file, ...rest] = positionals;
  if (!kind || !file || rest.length) fail(`${USAGE}`);
  if (!(IMPORT_SOURCES as readonly string[]).includes(kind)) fail(`"${kind}" is not a source: use disqus, wordpress or palabre.`);
  const site = values.site ?? fail("--site is required, e.g. --site demo-journal");
  if (!SITE_ID.test(site)) fail(`--site "${site}" is not a site id (lowercase letters, digits and dashes).`);
  const target: Target = { remote: values.remote ?? false, persistTo: values["persist-to"] };
  if (target.remote && target.persistTo) fail("--persist-to is for the local database: drop it with --remote.");
  const batchSize = values["batch-size"] ? Number(values["batch-size"]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) fail("--batch-size must be a whole number from 1 to 5000.");

  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail(`${file} is not a file.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    fail(`Cannot read ${file}: ${(e as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) {
    fail(
      `${file} is ${(size / 1024 ** 3).toFixed(1)} GB, over the ${MAX_FILE_BYTES / 1024 ** 3} GB this importer takes. ` +
        "Split the export (Disqus and WordPress can export a date range or a category), then import each part: nothing was imported.",
    );
  }
  checkCredentials(target);
  // The site's rows go to its own database (issue 14): the registry says which.
  target.home = siteHome(target, site, (m) => new ImportError(m));

  const where = target.remote ? "the deployed database" : "the local database";
  const progress = new Progress(join(REPORTS, `${kind}-${site}-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`));
  const exec = target.remote ? { ...wranglerExecutor(target), close: async () => {} } : await localExecutor(target);
  console.error(`Checking ${file} (${(size / 1024 ** 2).toFixed(1)} MB) before writing anything…`);
  try {
    const report = await runImport({
      site,
      source: kind as ImportSource,
      parse: PARSERS[kind as ImportSource],
      open: () => createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 }),
      exec,
      now: Date.now(),
      batchSize,
      hooks: progress,
    });
    await progress.stop();
    await exec.close();
    printReport(report, progress, where);
  } catch (e) {
    await progress.stop();
    await exec.close();
    // Past the first pass, some batches may be written: every statement is idempotent, so the
    // same command completes the import.
    if (progress.writing) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ImportError(`${why}\nThe import stopped part way. Run the same command again: it adds only what is missing.`);
    }
    throw e;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ImportError || (e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
});
