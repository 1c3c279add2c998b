// `npm run bench`: the built worker on plain Miniflare with its D1 and assets, seeded with stories
// of 200, 20 000 and 100 000 comments (and 100, 1 000, 10 000 for the first page by size), under
// autocannon (10 connections): a static file (the ceiling), a thread's first page cold and warm,
// the same as a 304, a replies page, counts for 50 stories, news, a post, the first page by the
// story's size; and the D1 round trips of each (bench/instrumented-entry.ts). Prints req/s, p50,
// p99, each as a ratio to the static file's, medians of three rounds; writes bench/RESULTS.md.
//
//   npm run build && node bench/run.mjs [--short] [--out FILE] [--json FILE] [--port 8881 (0: any free port)]
//
// --short (CI, test/build/bench-short.test.ts): one round of a second per target, small stories
// (no 100 000), and no RESULTS.md unless --out says where. Stop nothing else for it: it uses its
// own port and a temporary D1.
import { writeFileSync } from "node:fs";
import { syncLiveSection } from "./live-section.mjs";
import { parseArgs } from "node:util";
import { serve } from "./serve.mjs";
import { COLD_SIZE, COMMENTERS, longestThread, seed } from "./seed.mjs";
import { CONNECTIONS, COUNTS_STORIES, countOnce, targets, timedRun } from "./targets.mjs";
import { machine, markdown, printTable, revision, summarize } from "./report.mjs";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    out: { type: "string" },
    json: { type: "string" },
    port: { type: "string", default: "8881" },
  },
});
const SHORT = values.short;
const config = SHORT
  ? { sizes: [100, 200, 1000, 10000], timed: [100, 1000, 10000], warm: "s1000", news: "s10000", seconds: 1, rounds: 1, coldPerRound: 100 }
  : {
      sizes: [100, 200, 1000, 10000, 20000, 100000],
      timed: [100, 1000, 10000, 100000],
      warm: "s20000",
      news: "s100000",
      seconds: 5,
      rounds: 3,
      coldPerRound: 1500,
      pairSeconds: 2,
    };
Object.assign(config, {
  command: SHORT ? "npm run bench -- --short" : "npm run bench",
  post: "s200",
  connections: CONNECTIONS,
  commenters: COMMENTERS,
  coldSize: COLD_SIZE,
  // the counts target's stories, two counted cold reads, then each round's own
  cold: COUNTS_STORIES + 2 + config.rounds * config.coldPerRound,
});
const out = values.out ?? (SHORT ? null : "bench/RESULTS.md");

const started = new Date();
const before = machine();
const measured = revision();
const log = (line) => console.log(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s] ${line}`);

const server = await serve({ port: Number(values.port) });
let failed = false;
try {
  log(`Miniflare on ${server.origin}; seeding ${config.sizes.join(", ")} comments and ${config.cold} cold stories…`);
  const stories = await seed(server.db, { sizes: config.sizes, cold: config.cold });
  const newsStory = stories[config.news];
  const plan = {
    warm: config.warm,
    post: config.post,
    sizes: config.timed,
    longest: await longestThread(server.db, config.warm),
    // a reader who last saw the story's 11th comment: nearly all of it is news
    news: { key: config.news, after: newsStory.firstComment + 10 },
  };
  const list = targets(plan);
  const target = (name) => list.find((t) => t.name === name);

  // Each request once, counted (and the ETag the 304 run sends, the token the signed-in reads send).
  log("counting D1 round trips…");
  const counted = {};
  let coldNext = COUNTS_STORIES;
  // The isolate's very first API request may pay for what it then keeps (the site's row): counted
  // apart, so that each target's count is the steady state the timed runs see.
  const isolateFirst = await countOnce(server.origin, target("thread-cold"), { i: coldNext++ });
  for (const t of list) {
    // The warm page and its 304 as the timed runs see them: the page read just before, so that the
    // isolate holds its copy (worker/services/recent-pages.ts, a second after D1 confirmed it).
    if (t.name === "thread-warm" || t.conditional) await countOnce(server.origin, target("thread-warm"));
    counted[t.name] = await countOnce(server.origin, t, {
      i: t.cold ? coldNext++ : 0,
      etag: t.conditional ? counted["thread-warm"].etag : null,
    });
  }
  const token = counted.post.json?.commenterToken ?? null;
  const extra = async (name, label, t, opts, expect) => {
    const c = await countOnce(server.origin, t, opts);
    return { name, label, ...c, ok: c.status === expect && c.trips !== null };
  };
  const extras = [
    {
      name: "isolate-first",
      label: "thread, cold, the isolate's first API request",
      ...isolateFirst,
      ok: isolateFirst.status === 200 && isolateFirst.trips !== null,
    },
    await extra("thread-token", "thread, first page, with a reader token", target("thread-warm"), { token }, 200),
    await extra(
      "thread-token-304",
      "the same, If-None-Match → 304",
      target("thread-warm"),
      { token, etag: (await countOnce(server.origin, target("thread-warm"), { token })).etag },
      304,
    ),
    await extra("news-304", "news, If-None-Match → 304 (a poll with nothing new)", target("news"), { etag: counted.news.etag }, 304),
    await extra("news-token", "news, with a reader token", target("news"), { token }, 200),
    await extra("post-token", "post a comment with a reader token", target("post"), { token }, 201),
    // the widget always sends one; without it the post skips the key's lookup
    await extra("post-no-key", "post a comment without Idempotency-Key", target("post"), { without: "Idempotency-Key" }, 201),
  ];
  if (!token) extras.push({ name: "token", label: "the first post gave a reader token", status: "none", ok: false });

  if (!SHORT) {
    log("warming up (1 s each, not counted)…");
    for (const name of ["static", "thread-warm"]) await timedRun(server.origin, target(name), { seconds: 1 });
  }
  const rounds = [];
  for (let r = 0; r < config.rounds; r++) {
    const round = {};
    for (const t of list) {
      // On a shared machine the load moves within a round: each target's ratio is to a static run
      // just before it (the full run), or to the round's first (--short, where ratios mean little).
      if (config.pairSeconds && t.name !== "static") {
        round[`static@${t.name}`] = await timedRun(server.origin, target("static"), { seconds: config.pairSeconds, cpu: server.cpu });
      }
      round[t.name] = await timedRun(server.origin, t, {
        seconds: config.seconds,
        etag: counted["thread-warm"].etag,
        coldFrom: coldNext,
        coldAmount: config.coldPerRound,
        cpu: server.cpu,
      });
      if (t.cold) coldNext += config.coldPerRound;
      const run = round[t.name];
      const ceiling = round[`static@${t.name}`];
      log(
        `round ${r + 1}/${config.rounds} ${t.name}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, server CPU ${run.cpuMs?.toFixed(2)} ms/answer ${JSON.stringify(run.statuses)}${run.errors ? `, ${run.errors} errors` : ""}${ceiling ? ` (static just before: ${Math.round(ceiling.rps)} req/s)` : ""}`,
      );
    }
    rounds.push(round);
  }

  const summary = summarize(list, rounds, counted);
  const after = machine();
  printTable(summary, extras);
  failed = summary.some((s) => !s.ok || s.d1.trips === null) || extras.some((e) => !e.ok);
  const elapsed = Date.now() - started.getTime();
  if (out) {
    writeFileSync(out, markdown({ summary, extras, config, before, after, started, elapsed, measured }));
    log(`wrote ${out}`);
    // The live channel's figures (npm run bench:live) stay in the file as their own section.
    if (out === "bench/RESULTS.md") syncLiveSection();
  }
  if (values.json) {
    const strip = ({ json, ...rest }) => rest;
    const targetsJson = summary.map((s) => ({ ...s, d1: strip(s.d1) }));
    writeFileSync(
      values.json,
      JSON.stringify({ config, measured, machine: { before, after }, targets: targetsJson, extras: extras.map(strip), failed }, null, 2),
    );
  }
  if (failed) console.error("bench: some requests did not answer as expected (FAILED above)");
} finally {
  await server.stop();
}
process.exitCode = failed ? 1 : 0;
