// `npm run mailbox [-- --to ADDRESS] [--last N]`: the mails of the LOCAL database as their
// recipients would read them, links included. The dashboard's Outbox hides the secret of every
// link (an invitation's sets a password; a confirmation acts for the reader), so locally, with no
// mail provider configured, this is the mailbox. It never reads a deployed database.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { to: { type: "string" }, last: { type: "string", default: "5" }, "persist-to": { type: "string" } },
});
const last = Number(values.last);
if (!Number.isInteger(last) || last < 1 || last > 100) {
  console.error("--last must be a whole number from 1 to 100.");
  process.exit(2);
}
const to = values.to?.trim().toLowerCase();
if (to !== undefined && !/^[^\s'@]+@[^\s'@]+$/.test(to)) {
  console.error(`--to "${values.to}" is not an email address.`);
  process.exit(2);
}
const where = to ? `AND lower(recipient) = '${to}'` : "";
const sql = `SELECT id, recipient, subject, body, status, created_at, datetime(created_at / 1000, 'unixepoch') AS at FROM outbox WHERE kind = 'mail' ${where} ORDER BY id DESC LIMIT ${last}`;
// Each database has its own sites' outboxes (issue 14: the demo band lives in palabre-2): every
// [[d1_databases]] of wrangler.toml is read.
const DATABASES = [...readFileSync("wrangler.toml", "utf8").matchAll(/^database_name\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
let rows = [];
for (const database of DATABASES) {
  const args = ["wrangler", "d1", "execute", database, "--local", "--json", "--command", sql];
  if (values["persist-to"]) args.push("--persist-to", values["persist-to"]);
  const run = spawnSync("npx", args, { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (run.status !== 0) {
    console.error(`Could not read the local database ${database} (run npm start once first):\n${run.stderr || run.stdout}`);
    process.exit(1);
  }
  rows.push(...(JSON.parse(run.stdout)[0]?.results ?? []));
}
rows = rows.sort((a, b) => b.created_at - a.created_at).slice(0, last);
if (!rows.length) console.log(to ? `No mail to ${to} in the local outbox.` : "The local outbox holds no mail yet.");
for (const m of rows.reverse()) {
  console.log(`── #${m.id} ${m.at} UTC · to ${m.recipient} · ${m.status}\n${m.subject}\n\n${m.body}\n`);
}
