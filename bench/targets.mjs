// What the bench measures: each target is one kind of request, sent by autocannon from 10
// connections for a while, with the statuses it must answer. Each is also sent once with
// X-Bench-D1 (bench/instrumented-entry.ts) for its D1 round trips and statements.
import autocannon from "autocannon";
import { COLD_SIZE, ORIGIN, SITE } from "./seed.mjs";

export const CONNECTIONS = 10;
/** the stories asked for by the counts target: a widget's list page */
export const COUNTS_STORIES = 50;

/**
 * Asks past the isolate's copy of a page, as a hard reload does: each request then has D1 confirm
 * the story's version, so the figure is the database's, not the copy's.
 */
const NO_COPY = { "Cache-Control": "no-cache" };

const api = (path) => `/api/v1/${SITE}${path}`;
const thread = (key) => api(`/thread?story=${encodeURIComponent(key)}`);

/** A guest's post on the story `key`, its text and idempotency key told apart by `n`. */
function postRequest(key, n, run) {
  return {
    method: "POST",
    path: api("/comments"),
    headers: {
      Origin: ORIGIN,
      "Content-Type": "application/json",
      // distinct per request: a repeated key would be answered from the first post (no new comment)
      "Idempotency-Key": `bench-${run}-${String(n).padStart(12, "0")}`,
    },
    body: JSON.stringify({
      story: key,
      body: `Commentaire ${run}-${n} : le bench poste, le bench mesure.`,
      author: { name: `Banc ${n % 97}` },
    }),
  };
}

/**
 * The targets, in the order they run in each round. `plan` says what was seeded (bench/run.mjs):
 * the story of the warm reads, the one posted to, the one polled, the longest thread, the sizes
 * timed, the cold stories left for each round. The 304 target's ETag is read from a first answer.
 */
export function targets(plan) {
  const run = Date.now().toString(36);
  let posts = 0;
  const list = [
    // The ceiling: a static file through the same worker (run_worker_first), the same server, the same run.
    { name: "static", label: "static file (`/embed.js`), the ceiling", path: "/embed.js", expect: [200] },
    {
      name: "thread-cold",
      label: `thread, first page, cold (a story never read before, ${COLD_SIZE} comments)`,
      expect: [200],
      // each request a story of its own; `amount` caps the run at the stories left for this round
      cold: true,
      path: (i) => thread(`cold-${i}`),
    },
    // Warm: the isolate's copy (worker/services/recent-pages.ts), confirmed by D1 once a second.
    { name: "thread-warm", label: `thread, first page, warm (the same page again, ${plan.warm})`, path: thread(plan.warm), expect: [200] },
    { name: "thread-304", label: "thread, first page, If-None-Match → 304", path: thread(plan.warm), expect: [304], conditional: true },
    {
      name: "thread-confirmed",
      label: "thread, first page, warm, confirmed by D1 each time (`Cache-Control: no-cache`: the Cache API's page)",
      path: thread(plan.warm),
      headers: NO_COPY,
      expect: [200],
    },
    {
      name: "replies",
      label: `replies page (a thread of ${plan.longest.reply_count} replies)`,
      path: api(`/comments/${plan.longest.id}/replies`),
      expect: [200],
    },
    {
      name: "counts",
      label: `counts of ${COUNTS_STORIES} stories`,
      path: api(`/counts?${Array.from({ length: COUNTS_STORIES }, (_, i) => `story=cold-${i}`).join("&")}`),
      expect: [200],
    },
    {
      name: "news",
      label: `news after an old id (${plan.news.key}, a poll)`,
      path: api(`/news?story=${plan.news.key}&after=${plan.news.after}`),
      expect: [200],
    },
    {
      name: "post",
      label: `post a comment (guest, ${plan.post})`,
      expect: [201],
      post: true,
      request: () => postRequest(plan.post, posts++, run),
    },
    ...plan.sizes.map((size) => ({
      name: `size-${size}`,
      label: `thread, first page, ${size.toLocaleString("en")} comments`,
      path: thread(`s${size}`),
      headers: NO_COPY,
      expect: [200],
      size,
    })),
  ];
  for (const t of list)
    t.request ??= (i) => ({
      method: "GET",
      path: typeof t.path === "function" ? t.path(i) : t.path,
      headers: t.name === "static" ? {} : { Origin: ORIGIN, ...t.headers },
    });
  return list;
}

/** The request once, counted: status, D1 round trips and statements, and the ETag for a 304 run. */
export async function countOnce(origin, target, { i = 0, etag = null, token = null, without = null } = {}) {
  const req = target.request(i);
  const headers = { ...req.headers, "X-Bench-D1": "1" };
  if (without) delete headers[without];
  if (etag) headers["If-None-Match"] = etag;
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(origin + req.path, { method: req.method, headers, body: req.body });
  const text = await res.text();
  const counted = /trips=(\d+);statements=(\d+);after=(\d+)/.exec(res.headers.get("X-Bench-D1") ?? "");
  return {
    status: res.status,
    etag: res.headers.get("ETag"),
    json: res.headers.get("Content-Type")?.includes("json") && text ? JSON.parse(text) : null,
    trips: counted ? Number(counted[1]) : null,
    statements: counted ? Number(counted[2]) : null,
    after: counted ? Number(counted[3]) : null,
    sql: (res.headers.get("X-Bench-D1-SQL") ?? "").split(" ; ").filter(Boolean),
  };
}

/**
 * One timed run of a target: req/s counts only the answers with an expected status (a refused
 * post is no post), p50 and p99 in ms over all answers; `statuses` as autocannon counted them;
 * cpuMs the server's CPU time per answer (`cpu`: the server's CPU ms so far, bench/serve.mjs).
 */
export async function timedRun(origin, target, { seconds, etag = null, coldFrom = 0, coldAmount = 0, cpu = () => null }) {
  let next = coldFrom;
  const first = target.request(next);
  const headers = { ...first.headers, ...(target.conditional ? { "If-None-Match": etag } : {}) };
  const cpuBefore = cpu();
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: seconds,
    // autocannon notices the end at its next sample: every 100 ms, not every second, so that a run
    // capped by `amount` (the cold thread) does not count up to a second of idling as its time
    sampleInt: 100,
    ...(target.cold ? { amount: coldAmount } : {}),
    requests: [
      {
        method: first.method,
        path: first.path,
        headers,
        body: first.body,
        // a new cold story, or a new post, for each request; the same request for the others
        ...(target.cold || target.post
          ? {
              setupRequest: (req) => {
                const r = target.request(next++);
                return { ...req, path: r.path, body: r.body, headers: { ...headers, ...r.headers } };
              },
            }
          : {}),
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]));
  const expected = target.expect.reduce((n, code) => n + (statuses[code] ?? 0), 0);
  const answers = Object.values(statuses).reduce((a, b) => a + b, 0);
  const cpuAfter = cpu();
  return {
    // the server's CPU per answer: what the machine's other tenants do not change (much)
    cpuMs: cpuBefore === null || cpuAfter === null || answers === 0 ? null : (cpuAfter - cpuBefore) / answers,
    rps: expected / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    answers,
    unexpected: answers - expected,
    errors: result.errors,
    timeouts: result.timeouts,
    duration: result.duration,
  };
}
