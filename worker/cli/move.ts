// `npm run move -- --site S --to DB_2 [--keep-source] [--persist-to DIR] [--remote]`: moves a site's
// data to another D1 database of the Worker (worker/services/move), ids kept. The site stays
// readable throughout and writable until the final switch, which refuses its writes (503) for the
// few statements it takes. Interrupted, the same command resumes the move.
//
// Locally the databases are wrangler's (the same Miniflare D1 as `npm start`, through
// getPlatformProxy: every [[d1_databases]] of wrangler.toml, by binding). With --remote, the deployed
// ones through `wrangler d1 execute --remote` (move-remote.ts).
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isRefusal, type MoveProgress, type MoveResult, moveSite } from "../services/move";
import { remoteBindings } from "./move-remote";

const USAGE = `Usage:
  npm run move -- --site S --to BINDING [--keep-source] [--persist-to DIR] [--remote]
      Moves site S's data to the D1 database bound as BINDING (DB, DB_2…, see wrangler.toml), with
      every id kept. S stays readable, and writable until the final switch. The old rows are then
      deleted (unless --keep-source); the old database keeps S's row as a forwarding note.
      Run it again after an interruption: it resumes where the move stood.
      Local databases (.wrangler/state, or DIR), or with --remote the deployed ones through wrangler
      (CLOUDFLARE_API_TOKEN or \`wrangler login\`).`;

class CliError extends Error {}

/** Progress lines on stderr: one per table and phase with its final count, rewritten in place on a terminal. */
function progressPrinter(): (p: MoveProgress) => void {
  const tty = process.stderr.isTTY;
  let key = "";
  let line = "";
  const flush = () => {
    if (line) process.stderr.write(tty ? "\n" : `${line}\n`);
    key = line = "";
  };
  return (p) => {
    if (p.note) {
      flush();
      process.stderr.write(`${p.note}\n`);
      return;
    }
    if (key !== `${p.phase} ${p.table}`) flush();
    key = `${p.phase} ${p.table}`;
    line = `${p.phase}: ${p.table} ${p.rows} rows`;
    if (tty) process.stderr.write(`\r${line}`);
  };
}

function summary(r: MoveResult, keep: boolean): string {
  const rows = Object.entries(r.rows).filter(([, n]) => n > 0);
  const total = rows.reduce((s, [, n]) => s + n, 0);
  return [
    `Moved ${r.site} from ${r.from} to ${r.to}: ${total} rows in ${rows.length} tables (${rows.map(([t, n]) => `${t} ${n}`).join(", ")}).`,
    `Catch-up passes while writable: ${r.passes}.`,
    r.purged
      ? `Old rows deleted from ${r.from}; its row of ${r.site} forwards to ${r.to}.`
      : `Old rows kept in ${r.from} (${keep ? "--keep-source" : "not purged"}), refused there.`,
  ].join("\n");
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      site: { type: "string" },
      to: { type: "string" },
      "keep-source": { type: "boolean", default: false },
      "persist-to": { type: "string" },
      remote: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  if (!values.site) throw new CliError(`--site is required.\n\n${USAGE}`);
  if (!values.to) throw new CliError(`--to is required: the binding of the database to move to (DB, DB_2…).\n\n${USAGE}`);
  if (values.remote && values["persist-to"]) throw new CliError("--remote and --persist-to do not go together.");
  const opts = { site: values.site, to: values.to, keepSource: values["keep-source"], progress: progressPrinter() };

  if (values.remote) {
    const bindings = remoteBindings();
    console.log(summary(await moveSite(bindings, { ...opts, pageRows: 1000 }), opts.keepSource ?? false));
    return;
  }
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<Record<string, unknown>>({
    persist: { path: join(values["persist-to"] ?? join(".wrangler", "state"), "v3") },
  });
  try {
    console.log(summary(await moveSite(proxy.env, opts), opts.keepSource ?? false));
  } finally {
    await proxy.dispose();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.exitCode = 1;
  if (err instanceof CliError || isRefusal(err)) return void console.error(err.message);
  console.error(err);
  console.error("The move stopped. Run the same command again: it resumes where the move stood.");
});
