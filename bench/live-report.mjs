// bench/RESULTS-live.md from a run of bench/live.mjs: the live channel's own results file, copied
// as a section into bench/RESULTS.md (bench/live-section.mjs), which bench/run.mjs rewrites.

const ms = (v) => (v === null || v === undefined ? "n/a" : `${v.toFixed(1)} ms`);
const int = (v) => v.toLocaleString("en");

export function markdown(r) {
  const c = r.config;
  const n = r.notices;
  const verdict = r.ok
    ? `every reader got every notice: ${int(n.received)} of ${int(n.expected)}, none missing, none twice, none foreign`
    : `NOT every reader got every notice: ${int(n.received)} of ${int(n.expected)}, ${int(n.missing)} missing, ${n.duplicates} twice, ${n.foreign} foreign, ${n.closedEarly} sockets closed early, ${r.readers.refused.length} readers refused`;
  const cpu = r.cpu;
  return `# Live channel load test

\`npm run bench:live\` (bench/live.mjs): the built worker on plain Miniflare (one workerd, the
story's Durable Object as wrangler.toml binds it, in memory), ${int(c.readers)} WebSocket readers on
one story (\`GET /api/v1/{site}/live?story=${c.story}\`, the site's Origin), all open before the
first post; then ${c.posts} guest posts (the bench's post request), each sent ${c.gapMs} ms after the
previous one was sent (or when it was answered, if later). The delay is from a post's send to its
notice's arrival at each reader, all read from one clock in one Node process: it includes the
time that process took to read the notices queued before it (its CPU time is given below).

**Result: ${verdict}.**

| | |
|---|---|
| readers open | ${int(r.readers.open)} of ${int(r.readers.asked)} (opened ${c.openingAtOnce} at a time, in ${(r.readers.connectMs / 1000).toFixed(1)} s) |
| posts | ${r.posts.sent} sent, ${r.posts.published} published (statuses ${JSON.stringify(r.posts.statuses)}) |
| post answered | p50 ${ms(r.posts.answerP50)}, p99 ${ms(r.posts.answerP99)} |
| notices expected / received | ${int(n.expected)} / ${int(n.received)} (${int(n.readersComplete)} readers got all ${c.posts}) |
| missing / twice / foreign / other frames | ${n.missing} / ${n.duplicates} / ${n.foreign} / ${n.otherFrames} |
| **delay, post sent → notice arrived: median** | **${ms(r.delay.median)}** |
| delay p90 | ${ms(r.delay.p90)} |
| **delay p99** | **${ms(r.delay.p99)}** |
| delay max | ${ms(r.delay.max)} |
| server CPU (workerd), posting phase | ${cpu.postingMs === null ? "n/a (not Linux)" : `${cpu.postingMs.toFixed(0)} ms over ${(cpu.postingWallMs / 1000).toFixed(1)} s (from the first post to the last notice)`} |
| server CPU (workerd), opening the readers | ${cpu.connectMs === null ? "n/a" : `${cpu.connectMs.toFixed(0)} ms`} |
| this client's CPU, posting phase | ${cpu.clientPostingMs.toFixed(0)} ms |

How it was obtained: ${r.started.replace("T", " ").replace(/\.\d+Z$/, " UTC")}, revision ${r.measured}; ${r.machine.before.nproc} × ${r.machine.before.cpu}, ${r.machine.before.memoryGiB} GiB, Node ${r.machine.before.node};
load average (1, 5, 15 min) ${r.machine.before.load} before and ${r.machine.after.load} after (a machine
shared with other jobs: the delays move with its load, the counts must not).
`;
}
