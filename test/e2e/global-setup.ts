// Starts `wrangler dev` on port 8787 against a fresh local D1 (migrations + demo seed), as
// `npm start` does (with --test-scheduled: a GET on /__scheduled runs the Cron Trigger's tick by
// hand), and stops it after the end-to-end tests. The tests get the local state's directory
// (inject("e2eState")) to seed rows by SQL as the setup does.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_MISSING, CHROMIUM_PATH, DEMO_ORIGIN, PORT } from "./support";
import { startTurnstileStub } from "../support/turnstile-stub";

const WRANGLER = join("node_modules", ".bin", "wrangler");

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => server.close(() => resolve(true)))
      .listen(port, "127.0.0.1");
  });
}

function wrangler(args: string[]): void {
  const run = spawnSync(WRANGLER, args, { encoding: "utf8", env: { ...process.env, CI: "true" } });
  if (run.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
}

/** The demo admin, made by the staff CLI exactly as `npm run db:seed` does (the dashboard tests sign in with it). */
function seedDemoStaff(state: string): void {
  const run = spawnSync("npm", ["run", "--silent", "staff", "--", "seed-demo", "--persist-to", state], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  if (run.status !== 0) throw new Error(`npm run staff -- seed-demo failed:\n${run.stdout}\n${run.stderr}`);
}

async function waitForServer(child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
    try {
      const res = await fetch(`${DEMO_ORIGIN}/embed.js`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${DEMO_ORIGIN} within 90 s:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
  if (!existsSync(join("dist", "public", "embed.js"))) {
    throw new Error("dist/public/embed.js is missing: run `npm run build` first (`npm test` does it for you).");
  }
  if (!(await portIsFree(PORT))) {
    throw new Error(
      `Port ${PORT} is in use (is \`npm start\` running?). The end-to-end tests serve the demo on it: stop that server first.`,
    );
  }

  const state = mkdtempSync(join(tmpdir(), "palabre-e2e-"));
  // Both databases, as `npm start` has them: the journal in DB (the registry), the band in DB_2.
  wrangler(["d1", "migrations", "apply", "palabre", "--local", "--persist-to", state]);
  wrangler(["d1", "migrations", "apply", "palabre-2", "--local", "--persist-to", state]);
  wrangler(["d1", "execute", "palabre", "--local", "--persist-to", state, "--file", join("demo", "seed.sql")]);
  wrangler(["d1", "execute", "palabre-2", "--local", "--persist-to", state, "--file", join("demo", "seed-2.sql")]);
  seedDemoStaff(state);
  project.provide("e2eState", state);
  // Turnstile's siteverify, answered locally as Cloudflare documents it: the tests never reach Cloudflare.
  const turnstile = await startTurnstileStub();
  project.provide("turnstileStubPort", turnstile.port);

  let output = "";
  const child = spawn(
    WRANGLER,
    [
      "dev",
      "--port",
      String(PORT),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      state,
      "--test-scheduled",
      "--show-interactive-dev-session=false",
      "--var",
      "IP_HASH_KEY:e2e-ip-hash-key-not-a-secret",
      "--var",
      `TURNSTILE_VERIFY_URL:${turnstile.url("e2e")}`,
    ],
    { env: { ...process.env, CI: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitForServer(child, () => output);

  return async () => {
    if (child.pid && child.exitCode === null) {
      // wrangler starts workerd as a child: end the whole process group.
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    rmSync(state, { recursive: true, force: true });
    await turnstile.close();
  };
}
