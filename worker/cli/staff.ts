// `npm run staff -- <command>`: creates or updates staff accounts in the local or deployed D1,
// hashing passwords with the Worker's own module (worker/auth/password.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../auth/password";
import {
  CliError,
  DEMO_ADMIN,
  PASSWORD_MIN,
  checkEmail,
  checkName,
  checkPassword,
  checkRole,
  checkSites,
  sitesExistSql,
  upsertStaffSql,
  type StaffAccount,
} from "./staff-sql";

const USAGE = `Usage:
  npm run staff -- add --email E --name N --site S [--site S2 …] --role admin|moderator [--owner] [--remote] [--persist-to DIR]
      Creates the staff member, or updates their name and password, and gives them the role on each
      site. The password comes from PALABRE_STAFF_PASSWORD, else it is asked for (not echoed).
  npm run staff -- add --owner --email E --name N [--remote] [--persist-to DIR]
      The first account of a new Palabre: an owner, who creates sites in the dashboard (becoming
      their admin) and invites the teams. --site and --role are optional with --owner.
  npm run staff -- seed-demo [--persist-to DIR]
      Creates or updates the demo admin of demo-journal and demo-band and prints its credentials.`;

const WRANGLER = join("node_modules", ".bin", "wrangler");

interface Target {
  remote: boolean;
  persistTo: string | undefined;
}

function wrangler(target: Target, args: string[]): string {
  const where = target.remote ? ["--remote"] : ["--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : [])];
  const run = spawnSync(WRANGLER, ["d1", "execute", "palabre", ...where, "--yes", ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  if (run.error) throw new CliError(`Could not run wrangler (${run.error.message}). Run \`npm install\` first.`);
  if (run.status !== 0) {
    throw new CliError(`wrangler failed:\n${run.stdout}\n${run.stderr}`.trim());
  }
  return run.stdout;
}

/** Every site must exist before anything is written (a typo must not create a dangling role). */
function checkSitesExist(target: Target, sites: string[]): void {
  const out = wrangler(target, ["--json", "--command", sitesExistSql(sites)]);
  let found: string[];
  try {
    const parsed = JSON.parse(out) as { results: { id: string }[] }[];
    found = parsed.flatMap((r) => r.results.map((row) => row.id));
  } catch {
    throw new CliError(`Unexpected answer from wrangler:\n${out}`);
  }
  const missing = sites.filter((s) => !found.includes(s));
  if (missing.length > 0) {
    const where = target.remote ? "the deployed database" : "the local database";
    throw new CliError(
      `No site ${missing.map((s) => `"${s}"`).join(", ")} in ${where}.` +
        (target.remote ? "" : " Did you run `npm run db:migrate` and `npm run db:seed` (or pass the right --persist-to)?"),
    );
  }
}

function writeAccount(target: Target, account: StaffAccount): void {
  const dir = mkdtempSync(join(tmpdir(), "palabre-staff-"));
  try {
    const file = join(dir, "staff.sql");
    writeFileSync(file, upsertStaffSql(account), { mode: 0o600 });
    wrangler(target, ["--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a line from the terminal without showing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Raw mode first: whatever is typed once the question shows is never echoed.
    stdin.setRawMode(true);
    process.stdout.write(question);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (result: Error | string) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(value);
        if (ch === "\u0003" || ch === "\u0004") return done(new CliError("Cancelled."));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PALABRE_STAFF_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return checkPassword(fromEnv);
  if (!process.stdin.isTTY) {
    throw new CliError("No password: set PALABRE_STAFF_PASSWORD, or run this in a terminal to be asked for it.");
  }
  const first = checkPassword(await promptHidden(`Password (at least ${PASSWORD_MIN} characters): `));
  const again = await promptHidden("Same password again: ");
  if (again !== first) throw new CliError("The two passwords differ; nothing was changed.");
  return first;
}

async function add(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      site: { type: "string", multiple: true },
      role: { type: "string" },
      owner: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const target: Target = { remote: values.remote ?? false, persistTo: values["persist-to"] };
  if (target.remote && target.persistTo) throw new CliError("--persist-to is for the local database: drop it with --remote.");
  const email = checkEmail(values.email);
  const name = checkName(values.name);
  const owner = values.owner ?? false;
  const sites = checkSites(values.site, owner);
  const role = sites.length === 0 && owner && values.role === undefined ? null : checkRole(values.role);
  if (sites.length > 0) checkSitesExist(target, sites);
  const password = await readPassword();
  writeAccount(target, { email, name, passwordHash: await hashPassword(password), sites, role, owner, now: Date.now() });
  const where = target.remote ? "deployed" : "local";
  const what = [owner ? "an owner" : "", sites.length > 0 ? `${role} of ${sites.join(", ")}` : ""].filter(Boolean).join(" and ");
  console.log(`${email} (${name}) is ${what} in the ${where} database.`);
}

async function seedDemo(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { "persist-to": { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const target: Target = { remote: false, persistTo: values["persist-to"] };
  const sites = [...DEMO_ADMIN.sites];
  checkSitesExist(target, sites);
  writeAccount(target, {
    email: DEMO_ADMIN.email,
    name: DEMO_ADMIN.name,
    passwordHash: await hashPassword(DEMO_ADMIN.password),
    sites,
    role: DEMO_ADMIN.role,
    // The demo's owner: creating a site and inviting a team can be tried from the dashboard.
    owner: true,
    now: Date.now(),
  });
  console.log(
    `Demo staff account (owner, admin of ${sites.join(" and ")}), sign in at /admin:\n` +
      `  email:    ${DEMO_ADMIN.email}\n  password: ${DEMO_ADMIN.password}`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "add") return add(rest);
  if (command === "seed-demo") return seedDemo(rest);
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return;
  }
  throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // parseArgs' own errors (unknown or incomplete flags) are as clear as ours.
  const known = err instanceof CliError || (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"));
  console.error(known ? `staff: ${(err as Error).message}` : err);
  if (known && !(err instanceof CliError)) console.error(`\n${USAGE}`);
  process.exitCode = 1;
});
