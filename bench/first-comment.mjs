// Time to first comment on the journal demo, in headless Chromium, at full speed and at 4× CPU
// throttling (a mid-range phone): the median of N cold loads (a fresh browser context each, so no
// cache), from navigation start and from the embed's request to the first comment of the thread on
// screen. The built worker runs on plain Miniflare with its D1 and assets (wrangler dev's proxy
// would add its own cost), on port 8787 because the demo pages load the embed from there.
//
//   npm run build && node bench/first-comment.mjs [--runs 10] [--baseline OTHER/dist/public]
import { build } from "esbuild";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { sqlStatements, wranglerConfig } from "./serve.mjs";

// Miniflare as wrangler runs it (the version wrangler pins), not the test pool's newer one.
const { Miniflare } = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"))("miniflare");

// --baseline DIR: also time another build's dist/public (e.g. a worktree of an older commit) in
// the same run, loads alternating, against the same worker and D1, for a ratio.
const { values } = parseArgs({ options: { runs: { type: "string", default: "10" }, baseline: { type: "string" } } });
const RUNS = Number(values.runs);
const PAGE = "http://127.0.0.1:8787/demo/journal/";
const CHROMIUM = process.env.PALABRE_CHROMIUM ?? "/usr/bin/chromium";

const dir = mkdtempSync(join(tmpdir(), "palabre-bench-"));
const script = join(dir, "worker.mjs");
await build({
  entryPoints: ["worker/index.ts"],
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  outfile: script,
  // The Worker imports workerd's own modules (cloudflare:workers, node:async_hooks): left to the runtime.
  external: ["cloudflare:*", "node:*"],
  logLevel: "error",
});

/** The built worker with its D1 (schema and demo seed, as `npm start` applies them) and `assets`. */
async function serve(assets) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 8787,
    modules: true,
    scriptPath: script,
    modulesRoot: dir,
    ...wranglerConfig(),
    d1Databases: { DB: "bench" },
    d1Persist: join(dir, "d1"),
    assets: { directory: assets, binding: "ASSETS", routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true } },
  });
  await mf.ready;
  const db = await mf.getD1Database("DB");
  // Split as wrangler does: a trigger's body (0017) holds semicolons.
  const statements = (file) => sqlStatements(readFileSync(file, "utf8"));
  for (const file of readdirSync("worker/migrations").sort()) {
    await db.batch(statements(join("worker/migrations", file)).map((s) => db.prepare(s)));
  }
  await db.batch(statements("demo/seed.sql").map((s) => db.prepare(s)));
  return mf;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

/**
 * One cold load: ms until the thread shows its first comment, counted from navigation start (the
 * page's own HTML and CSS included) and from the moment the page asked for embed.js (Palabre's
 * part alone, the measure issue 8's baseline used).
 */
async function firstComment(throttle, assets) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  // With --baseline, the embed's files of both builds are served from disk through the same
  // interception, so that the two are timed alike, run after run, against the same worker.
  if (assets) {
    await context.route(/^http:\/\/localhost:8787\/(embed\.js|chunks\/[^?#]+)$/, (route) =>
      route.fulfill({
        body: readFileSync(join(assets, new URL(route.request().url()).pathname)),
        headers: { "Content-Type": "text/javascript; charset=utf-8", "Access-Control-Allow-Origin": "*" },
      }),
    );
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.goto(PAGE, { waitUntil: "commit" });
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = () => document.querySelector("palabre-comments")?.shadowRoot?.querySelector("li.comment");
        const done = () => {
          const now = performance.now();
          const embed = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/embed.js"));
          resolve({ fromNavigation: now, fromEmbed: now - embed.startTime });
        };
        const check = () => (seen() ? done() : requestAnimationFrame(check));
        check();
      }),
  );
  await context.close();
  return ms;
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const builds = values.baseline
  ? [
      ["this build", "dist/public"],
      ["baseline", values.baseline],
    ]
  : [["this build", undefined]];

try {
  const mf = await serve("dist/public");
  try {
    await firstComment(1, builds[0][1]); // warm the server's isolate, as a live site's would be
    const results = new Map(builds.map(([label]) => [label, {}]));
    for (const throttle of [1, 4]) {
      // Run after run, each build in turn: the machine's noise falls on both alike.
      const runs = new Map(builds.map(([label]) => [label, []]));
      for (let i = 0; i < RUNS; i++) for (const [label, assets] of builds) runs.get(label).push(await firstComment(throttle, assets));
      for (const [label] of builds) {
        const r = runs.get(label);
        const m = { nav: median(r.map((x) => x.fromNavigation)), embed: median(r.map((x) => x.fromEmbed)) };
        results.get(label)[throttle] = m;
        console.log(
          `${label}: time to first comment at ${throttle}× CPU, median of ${RUNS} cold loads: ` +
            `${Math.round(m.nav)} ms from navigation start, ${Math.round(m.embed)} ms from the embed's request`,
        );
      }
    }
    if (values.baseline) {
      const [now, then] = [results.get("this build"), results.get("baseline")];
      for (const t of [1, 4]) {
        console.log(
          `this build / baseline at ${t}×: ${(now[t].nav / then[t].nav).toFixed(2)} (from navigation), ${(now[t].embed / then[t].embed).toFixed(2)} (from the embed)`,
        );
      }
    }
  } finally {
    await mf.dispose();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
