// `npm run bench:live`: the live channel under load (issue 14). The built worker on plain Miniflare
// (bench/serve.mjs, with the story objects of wrangler.toml), one seeded site and story; 1 000
// WebSocket readers open GET /api/v1/{site}/live?story=KEY with the site's Origin, all held open
// before the first post; then 50 guest posts (the bench's post request, bench/targets.mjs), each
// sent 50 ms after the previous one was sent, or as soon as it was answered if that took longer.
// Every reader must get every post's notice ({"t":"new","id":N,"root":null}, common/live.ts): exactly one per
// post, and none else. The delay of a notice is from its post's send to its arrival at that
// reader, both read from this process's clock; the readers all live in this one Node process, so
// a delay includes the time this process took to read the 999 frames before it (the client's CPU
// time is printed beside the server's). Writes bench/RESULTS-live.md, and its section of bench/RESULTS.md.
//
//   npm run build && node bench/live.mjs [--short] [--readers N] [--posts N] [--gap MS]
//                                        [--out FILE] [--json FILE] [--port 8883 (0: any free port)]
//
// --short (CI, test/build/bench-live-short.test.ts): 100 readers, 5 posts, no results file unless
// --out says where. It uses its own port and a temporary D1.
import { writeFileSync } from "node:fs";
import { syncLiveSection } from "./live-section.mjs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { machine, revision } from "./report.mjs";
import { serve } from "./serve.mjs";
import { ORIGIN, SITE, seed } from "./seed.mjs";
import { targets } from "./targets.mjs";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    readers: { type: "string" },
    posts: { type: "string" },
    gap: { type: "string", default: "50" },
    out: { type: "string" },
    json: { type: "string" },
    port: { type: "string", default: "8883" },
  },
});
const SHORT = values.short;
const READERS = Number(values.readers ?? (SHORT ? 100 : 1000));
const POSTS = Number(values.posts ?? (SHORT ? 5 : 50));
const GAP_MS = Number(values.gap);
/** sockets being opened at once: a burst of 1 000 handshakes would measure the accept queue, not the channel */
const OPENING_AT_ONCE = 50;
/** after the last post, how long with no new notice ends the wait for the missing ones */
const QUIET_MS = 5000;
/** the story's size: a thread of comments already there, like a story read live */
const STORY_SIZE = 200;
const STORY = `s${STORY_SIZE}`;
const out = values.out ?? (SHORT ? null : "bench/RESULTS-live.md");

const started = new Date();
const before = machine();
const measured = revision();
const log = (line) => console.log(`[bench:live ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s] ${line}`);

/** The value at quantile q (nearest rank) of sorted numbers. */
const quantile = (sorted, q) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
const ms = (v) => (v === null ? "n/a" : `${v.toFixed(1)} ms`);

/** One reader: its socket and, per comment id announced, when the notice arrived (and how many times). */
function openReader(url, i) {
  return new Promise((resolve) => {
    const reader = { i, ws: null, got: new Map(), dupes: 0, others: 0, closed: null, error: null };
    // Each reader from a network of its own, as real readers come: the Worker holds at most 50
    // sockets of one network on a story (worker/live/story-live.ts MAX_SOCKETS_PER_NETWORK).
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const ws = new WebSocket(url, { headers: { Origin: ORIGIN, "CF-Connecting-IP": ip }, perMessageDeflate: false });
    reader.ws = ws;
    ws.on("message", (data, binary) => {
      const at = performance.now();
      let notice = null;
      try {
        notice = binary ? null : JSON.parse(data.toString());
      } catch {
        // counted below as another frame
      }
      if (notice?.t === "new" && Number.isSafeInteger(notice.id)) {
        if (reader.got.has(notice.id)) reader.dupes++;
        else reader.got.set(notice.id, at);
      } else reader.others++;
    });
    ws.on("unexpected-response", (_req, res) => {
      reader.error = `HTTP ${res.statusCode}`;
      res.resume();
      resolve(reader);
    });
    ws.on("error", (err) => {
      reader.error ??= err.message;
      resolve(reader);
    });
    ws.on("open", () => resolve(reader));
    ws.on("close", (code) => {
      reader.closed = code;
    });
  });
}

const server = await serve({ port: Number(values.port) });
const cpu = server.cpu;
let result;
try {
  log(`Miniflare on ${server.origin}; seeding the story ${STORY} (${STORY_SIZE} comments)…`);
  await seed(server.db, { sizes: [STORY_SIZE], cold: 0 });
  // The bench's own post request (a guest, a distinct Idempotency-Key and text each time).
  const post = targets({ warm: STORY, post: STORY, sizes: [], longest: { id: 0, reply_count: 0 }, news: { key: STORY, after: 0 } }).find(
    (t) => t.name === "post",
  );

  const url = `${server.origin.replace(/^http/, "ws")}/api/v1/${SITE}/live?story=${encodeURIComponent(STORY)}`;
  log(`opening ${READERS} readers on ${url}…`);
  const cpuConnect = cpu();
  const connectStart = performance.now();
  const readers = [];
  for (let i = 0; i < READERS; i += OPENING_AT_ONCE) {
    const batch = [];
    for (let j = i; j < Math.min(READERS, i + OPENING_AT_ONCE); j++) batch.push(openReader(url, j));
    readers.push(...(await Promise.all(batch)));
  }
  const connectMs = performance.now() - connectStart;
  const cpuConnected = cpu();
  const open = readers.filter((r) => r.ws.readyState === WebSocket.OPEN);
  const refused = readers.filter((r) => r.ws.readyState !== WebSocket.OPEN);
  log(`${open.length} open in ${(connectMs / 1000).toFixed(1)} s${refused.length ? `, ${refused.length} not (${refused[0].error})` : ""}`);

  log(`posting ${POSTS} comments, one every ${GAP_MS} ms at most…`);
  const posts = [];
  const client0 = process.cpuUsage();
  const cpuPosting = cpu();
  const postingStart = performance.now();
  for (let n = 0; n < POSTS; n++) {
    const req = post.request(n);
    const sent = performance.now();
    const res = await fetch(server.origin + req.path, { method: req.method, headers: req.headers, body: req.body });
    const answered = performance.now();
    const body = await res.json().catch(() => null);
    posts.push({ n, sent, answered, status: res.status, id: body?.comment?.id ?? null, published: body?.comment?.status === "published" });
    const wait = sent + GAP_MS - performance.now();
    if (wait > 0 && n < POSTS - 1) await sleep(wait);
  }
  const postingMs = performance.now() - postingStart;
  const ids = new Set(posts.filter((p) => p.status === 201 && p.id !== null).map((p) => p.id));
  const expected = open.length * POSTS;
  const received = () => open.reduce((sum, r) => sum + r.got.size, 0);
  // Waits for a state (every notice in, or nothing more coming), never a fixed time.
  let last = received();
  let quietSince = performance.now();
  while (received() < expected && performance.now() - quietSince < QUIET_MS) {
    await sleep(20);
    if (received() !== last) {
      last = received();
      quietSince = performance.now();
    }
  }
  const deliveredMs = performance.now() - postingStart;
  const cpuDelivered = cpu();
  const client = process.cpuUsage(client0);

  // Per reader, the notices it lacks and the ids it got that no post of this run made.
  const delays = [];
  const missing = [];
  let foreign = 0;
  for (const r of open) {
    for (const p of posts) {
      const at = p.id === null ? undefined : r.got.get(p.id);
      if (at === undefined) missing.push({ reader: r.i, post: p.n, id: p.id });
      else delays.push(at - p.sent);
    }
    for (const id of r.got.keys()) if (!ids.has(id)) foreign++;
  }
  delays.sort((a, b) => a - b);
  const answers = posts.map((p) => p.answered - p.sent).sort((a, b) => a - b);
  const perReader = open.map((r) => r.got.size);
  result = {
    config: {
      readers: READERS,
      posts: POSTS,
      gapMs: GAP_MS,
      openingAtOnce: OPENING_AT_ONCE,
      quietMs: QUIET_MS,
      story: STORY,
      short: SHORT,
    },
    measured,
    machine: { before, after: machine() },
    started: started.toISOString(),
    readers: { asked: READERS, open: open.length, refused: refused.map((r) => ({ reader: r.i, error: r.error })), connectMs },
    posts: {
      sent: POSTS,
      created: posts.filter((p) => p.status === 201).length,
      published: posts.filter((p) => p.published).length,
      statuses: Object.fromEntries([...new Set(posts.map((p) => p.status))].map((s) => [s, posts.filter((p) => p.status === s).length])),
      answerP50: quantile(answers, 0.5),
      answerP99: quantile(answers, 0.99),
      postingMs,
    },
    notices: {
      expected,
      received: received(),
      missing: missing.length,
      missingSample: missing.slice(0, 20),
      duplicates: open.reduce((s, r) => s + r.dupes, 0),
      foreign,
      otherFrames: open.reduce((s, r) => s + r.others, 0),
      readersComplete: perReader.filter((n) => n === POSTS).length,
      closedEarly: open.filter((r) => r.closed !== null).length,
    },
    delay: { median: quantile(delays, 0.5), p90: quantile(delays, 0.9), p99: quantile(delays, 0.99), max: delays.at(-1) ?? null },
    cpu: {
      connectMs: cpuConnect === null || cpuConnected === null ? null : cpuConnected - cpuConnect,
      postingMs: cpuPosting === null || cpuDelivered === null ? null : cpuDelivered - cpuPosting,
      postingWallMs: deliveredMs,
      clientPostingMs: (client.user + client.system) / 1000,
    },
  };
  const n = result.notices;
  result.ok =
    refused.length === 0 &&
    result.posts.published === POSTS &&
    ids.size === POSTS &&
    n.received === expected &&
    n.missing === 0 &&
    n.duplicates === 0 &&
    n.foreign === 0 &&
    n.closedEarly === 0;

  for (const r of readers) r.ws.terminate();
} finally {
  await server.stop();
}

const r = result;
const lines = [
  `readers: ${r.readers.open} open of ${r.readers.asked} (opened ${OPENING_AT_ONCE} at a time in ${(r.readers.connectMs / 1000).toFixed(1)} s)`,
  `posts: ${r.posts.sent} sent, ${r.posts.published} published ${JSON.stringify(r.posts.statuses)}, answered p50 ${ms(r.posts.answerP50)}, p99 ${ms(r.posts.answerP99)}`,
  `notices: ${r.notices.received} received of ${r.notices.expected} expected; ${r.notices.readersComplete} readers got all ${POSTS}; missing ${r.notices.missing}, duplicates ${r.notices.duplicates}, foreign ${r.notices.foreign}, closed early ${r.notices.closedEarly}`,
  `delay post sent -> notice arrived: median ${ms(r.delay.median)}, p90 ${ms(r.delay.p90)}, p99 ${ms(r.delay.p99)}, max ${ms(r.delay.max)}`,
  `server CPU (workerd): ${r.cpu.postingMs === null ? "n/a" : `${r.cpu.postingMs.toFixed(0)} ms over the posting phase (${(r.cpu.postingWallMs / 1000).toFixed(1)} s, posts until the last notice)`}; connecting: ${r.cpu.connectMs === null ? "n/a" : `${r.cpu.connectMs.toFixed(0)} ms`}; this client: ${r.cpu.clientPostingMs.toFixed(0)} ms`,
];
for (const line of lines) log(line);
if (r.notices.missing) log(`missing (first ${r.notices.missingSample.length}): ${JSON.stringify(r.notices.missingSample)}`);
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
if (out) {
  const { markdown } = await import("./live-report.mjs");
  writeFileSync(out, markdown(result));
  log(`wrote ${out}`);
  // The full run's figures also go into bench/RESULTS.md's live section (bench/live-section.mjs).
  if (out === "bench/RESULTS-live.md" && syncLiveSection()) log("updated the live section of bench/RESULTS.md");
}
if (!r.ok) console.error("bench:live: not every reader got every notice (see above)");
process.exitCode = r.ok ? 0 : 1;
