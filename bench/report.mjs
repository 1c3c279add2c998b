// The bench's figures: medians over the rounds, each target's req/s as a ratio to the static
// file's in the same round (the ceiling: the same server, the same machine at the same moment),
// printed as a table and written as bench/RESULTS.md (and as JSON for the CI test).
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The commit measured, and whether the worker's sources differ from it (a run on work in progress). */
export function revision() {
  try {
    const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = git("status", "--porcelain", "--", "worker", "common", "wrangler.toml") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes to the worker" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function machine() {
  const list = cpus();
  return {
    nproc: list.length,
    cpu: list[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

/**
 * Per target: the medians of its rounds (req/s of expected answers, p50, p99) and of its per-round
 * ratio to the static file (req/s: target / static; latency: target / static, so above 1).
 */
export function summarize(list, rounds, counted) {
  return list.map((t) => {
    const runs = rounds.map((r) => r[t.name]);
    const ceilings = rounds.map((r) => r[`static@${t.name}`] ?? r.static);
    const statuses = {};
    for (const run of runs) for (const [code, n] of Object.entries(run.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
    const ok =
      runs.every((run) => run.answers > 0 && run.unexpected === 0 && run.errors === 0) && t.expect.includes(counted[t.name].status);
    return {
      name: t.name,
      label: t.label,
      expect: t.expect,
      size: t.size ?? null,
      rps: median(runs.map((run) => run.rps)),
      ratio: median(runs.map((run, i) => run.rps / ceilings[i].rps)),
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      p50Ratio: median(runs.map((run, i) => run.p50 / Math.max(ceilings[i].p50, 0.001))),
      cpuMs: median(runs.map((run) => run.cpuMs ?? NaN)),
      cpuRatio: median(runs.map((run, i) => (run.cpuMs ?? NaN) / (ceilings[i].cpuMs ?? NaN))),
      rounds: runs.map((run) => Math.round(run.rps)),
      statuses,
      d1: counted[t.name],
      ok,
    };
  });
}

const n0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en") : "—");
const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : "—");
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "—");
const cpu = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : "—");
const trips = (d) => (d?.trips == null ? "—" : `${d.trips} (${d.statements} statements${d.after ? `, +${d.after} after the answer` : ""})`);
const statusList = (s) =>
  Object.entries(s)
    .map(([code, n]) => `${code}: ${n.toLocaleString("en")}`)
    .join(", ");

/** The results as a plain-text table for the terminal. */
export function printTable(summary, extras) {
  const rows = summary.map((s) => [
    s.name,
    n0(s.rps),
    ratio(s.ratio),
    ms(s.p50),
    ms(s.p99),
    cpu(s.cpuMs),
    ratio(s.cpuRatio),
    s.d1?.trips ?? "—",
    s.d1?.statements ?? "—",
    s.ok ? "ok" : "FAILED",
  ]);
  for (const e of extras) rows.push([e.name, "", "", "", "", "", "", e.trips ?? "—", e.statements ?? "—", e.ok ? "ok" : "FAILED"]);
  const head = ["target", "req/s", "× static", "p50", "p99", "CPU/answer", "× static", "D1 trips", "statements", "statuses"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  console.log([line(head), ...rows.map(line)].join("\n"));
}

/** bench/RESULTS.md: what was run, on what, and the figures. */
export function markdown({ summary, extras, config, before, after, started, elapsed, measured }) {
  const throughput = summary.filter((s) => s.size === null);
  const sizes = summary.filter((s) => s.size !== null);
  return `# Bench results

Written by \`${config.command}\` (bench/run.mjs) on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, in ${Math.round(elapsed / 1000)} s.
Do not edit by hand: run it again. How to read it: bench/README.md.

- **Worker measured**: commit ${measured}.
- **Machine**: ${before.nproc} CPUs (\`nproc\`), ${before.cpu}, ${before.memoryGiB} GiB, Node ${before.node}; shared with other work
  (load average ${before.load} before the run, ${after.load} after).
- **How**: the built worker (bench/instrumented-entry.ts, esbuild) on plain Miniflare (wrangler's own, one
  workerd, no wrangler dev proxy), its D1 on disk with worker/migrations applied, its assets from dist/public;
  autocannon from the same machine, ${config.connections} connections, ${config.seconds} s per target,
  ${config.rounds > 1 ? `${config.rounds} rounds: each figure is the median of the rounds` : "1 round"}; the cold thread
  sends ${config.coldPerRound.toLocaleString("en")} requests per round instead, each to a story never read before.
- **Data**: one site (flood and duplicate limits lifted so that every post is stored), ${config.commenters.toLocaleString("en")} guests,
  stories of ${config.sizes.map((s) => s.toLocaleString("en")).join(", ")} comments and ${config.cold.toLocaleString("en")} stories of ${config.coldSize} comments
  (a third top-level, nested replies to depth 2, a quarter with 1 to 6 reactions).
- **Ratios** are to the static file (\`/embed.js\` through the same worker) ${config.pairSeconds ? `run for ${config.pairSeconds} s just before each target` : "in the same round"}:
  req/s over the static req/s, latency over the static latency, the median of the rounds' ratios. req/s
  counts only answers with the expected status.
- **Server CPU per answer**: the CPU time of the workerd process (the worker, Miniflare's router, the
  assets, D1's SQLite; not autocannon) over the run, divided by the answers, from /proc; its ratio is to the
  static file's (above 1: costlier). Unlike req/s it hardly moves with the machine's other work.
- **D1** is one request of each kind sent with \`X-Bench-D1\`: round trips (a batch, or a statement run
  alone) and the statements they carry; "after the answer" counts what ctx.waitUntil did.

## Throughput

| target | status | req/s | × static | p50 | p50 × static | p99 | server CPU per answer | × static | D1 round trips | rounds (req/s) |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
${throughput.map((s) => `| ${s.label} | ${s.expect.join("/")}${s.ok ? "" : " **FAILED**"} | ${n0(s.rps)} | ${ratio(s.ratio)} | ${ms(s.p50)} | ${ratio(s.p50Ratio)} | ${ms(s.p99)} | ${cpu(s.cpuMs)} | ${ratio(s.cpuRatio)} | ${trips(s.d1)} | ${s.rounds.join(", ")} |`).join("\n")}

## A thread's first page by the story's size (each read confirmed by D1: \`Cache-Control: no-cache\`)

| comments | req/s | × static | p50 | p99 | server CPU per answer | × static | D1 round trips |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${sizes.map((s) => `| ${s.size.toLocaleString("en")} | ${n0(s.rps)} | ${ratio(s.ratio)} | ${ms(s.p50)} | ${ms(s.p99)} | ${cpu(s.cpuMs)} | ${ratio(s.cpuRatio)} | ${trips(s.d1)} |`).join("\n")}

## D1 round trips of other requests (counted, not timed)

| request | status | D1 round trips |
| --- | --- | --- |
${extras.map((e) => `| ${e.label} | ${e.status}${e.ok ? "" : " **FAILED**"} | ${trips(e)} |`).join("\n")}

## What each counted request sent to D1

One line per round trip (the start of each statement), in order.

${[...summary.map((s) => ({ label: s.label, sql: s.d1.sql })), ...extras].map((e) => `- ${e.label}:${(e.sql ?? []).map((q) => `\n  - \`${q.replace(/`/g, "'")}\``).join("") || " none"}`).join("\n")}

## Statuses received

${summary.map((s) => `- ${s.name}: ${statusList(s.statuses)}`).join("\n")}
`;
}
