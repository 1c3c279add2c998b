// `npm start`: builds Palabre, migrates and seeds the local D1, runs `wrangler dev`, and says where
// the demos and the dashboard are once the Worker answers. Each step's own output (esbuild's, the
// migrations' table, the seed's SQL results as JSON) is kept and shown only if the step fails; the
// Worker's request log is shown as wrangler prints it. Nothing here needs the internet: wrangler's
// banner (which asks npm's registry for a newer version), its metrics, npm's update notice and
// miniflare's download of a sample `request.cf` are all turned off, so an offline machine starts the
// same way, without a stack trace.
//
// PALABRE_PORT picks another port (default 8787). The demo pages load the embed from
// http://localhost:8787 and the demo sites allow only that origin, so the demos work on 8787 alone;
// another port is for checking this script while something else holds 8787.
import { spawn } from "node:child_process";

const PORT = Number(process.env.PALABRE_PORT ?? 8787);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) fail(`PALABRE_PORT must be a port number, not "${process.env.PALABRE_PORT}".`);
const ORIGIN = `http://localhost:${PORT}`;

/** Quiet and offline: what every child (npm, wrangler, miniflare) inherits. */
const ENV = {
  ...process.env,
  // wrangler: no usage metrics, and no banner, the only place `wrangler dev` and `d1` look for updates
  // (wrangler 4.86 has no switch for the update check alone; it times out after 3 s offline, silently).
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  // miniflare would fetch a sample `request.cf` from workers.cloudflare.com; Palabre does not read it.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  // npm's "New version of npm available" after each `npm run`.
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
};

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

/** Runs a command with its output kept; resolves to that output, or stops here showing it. */
function step(label, command, args) {
  process.stdout.write(`${label}…`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => fail(`could not run ${command} (${err.message}). Run \`npm install\` first.`));
    child.on("close", (code) => {
      if (code === 0) {
        process.stdout.write(" done\n");
        resolve(output);
      } else {
        process.stdout.write(" failed\n");
        fail(`\`${[command, ...args].join(" ")}\` failed (exit ${code}):\n\n${output.trim()}`);
      }
    });
  });
}

/** Whether the Worker answers on the port (any status: it is up). */
async function answers() {
  try {
    await fetch(`http://127.0.0.1:${PORT}/`, { redirect: "manual", signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

const devVars = await step("Local settings (.dev.vars)", "node", ["scripts/dev-vars.mjs"]);
if (devVars.trim()) console.log(`  ${devVars.trim()}`);
await step("Building the widget, the dashboard and the demo pages", "npm", ["run", "--silent", "build"]);
await step("Applying the database migrations (local D1)", "npm", ["run", "--silent", "db:migrate"]);
const seed = await step("Seeding the demo sites and the demo admin", "npm", ["run", "--silent", "db:seed"]);
// The staff CLI prints the demo admin's credentials (worker/cli/staff.ts seed-demo): the one source.
const email = /email:\s+(\S+)/.exec(seed)?.[1] ?? "?";
const password = /password:\s+(\S+)/.exec(seed)?.[1] ?? "?";

if (await answers()) fail(`port ${PORT} is already in use (is Palabre already running?). Stop it, or set PALABRE_PORT.`);

const args = ["dev", "--port", String(PORT), "--ip", "127.0.0.1", "--test-scheduled"];
// Links in mails and webhooks point at this server ([vars] PALABRE_URL says 8787).
if (PORT !== 8787) args.push("--var", `PALABRE_URL:${ORIGIN}`);
console.log("Starting the Worker (wrangler dev)…");
const wrangler = spawn("node_modules/.bin/wrangler", args, { env: ENV, stdio: "inherit" });
wrangler.on("error", (err) => fail(`could not run wrangler (${err.message}). Run \`npm install\` first.`));
wrangler.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 1)));
// Ctrl+C reaches wrangler too (same process group); a plain `kill` of this script must stop it as well.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => wrangler.kill(sig));

// wrangler prints "Ready on …" before the Worker has loaded; wait until it really answers.
while (wrangler.exitCode === null && !(await answers())) await new Promise((r) => setTimeout(r, 250));
if (wrangler.exitCode === null) {
  console.log(
    [
      "",
      `Palabre is running on ${ORIGIN}/`,
      `  demo, a newspaper (fr):  ${ORIGIN}/demo/journal/`,
      `  demo, a band (en):       ${ORIGIN}/demo/band/`,
      `  dashboard:               ${ORIGIN}/admin/  (${email} / ${password})`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}
