// Local stand-ins for the scoring services, started in Node by the worker project's globalSetup
// (vitest.config.ts); the tests in workerd reach them over HTTP, with the worker's
// OPENAI_MODERATION_URL / AKISMET_URL pointed here. They answer as the services document:
//
//   POST /openai/<mode>/<key>                OpenAI's moderation endpoint (Bearer sk-test-key, JSON
//                                            { model, input }): flagged | clean (200 results[0]),
//                                            slow (flagged after 1.5 s), fail (500), garbage (200,
//                                            no results); 401 for another key
//   POST /akismet/<mode>/<key>/1.1/comment-check  Akismet (form with api_key, blog, user_ip,
//                                            comment_content): spam ("true"), discard ("true" with
//                                            X-akismet-pro-tip: discard), ham ("false"), slow,
//                                            fail (500), invalid ("invalid" with X-akismet-debug-help)
//   GET  /log/<key>                          what was received under <key>: method, headers, body
//
// Port 8791, or any free port (several runs at once): provided to the tests as `scoringStubPort`.
import { createServer } from "node:http";

export const OPENAI_TEST_KEY = "sk-test-key";
export const AKISMET_TEST_KEY = "akismet-test-key";

const logs = new Map();

const CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
];

function moderation(flagged) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0.0004]));
  if (flagged) Object.assign(scores, { harassment: 0.93, "harassment/threatening": 0.41, hate: 0.62 });
  return {
    id: "modr-stub",
    model: "omni-moderation-latest",
    results: [
      {
        flagged,
        categories: Object.fromEntries(CATEGORIES.map((c) => [c, flagged && (c === "harassment" || c === "hate")])),
        category_scores: scores,
        category_applied_input_types: Object.fromEntries(CATEGORIES.map((c) => [c, ["text"]])),
      },
    ],
  };
}

function send(res, status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  res.end(text);
}

function openai(req, res, mode, raw) {
  if (req.headers.authorization !== `Bearer ${OPENAI_TEST_KEY}`) {
    return send(res, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
  }
  let input;
  try {
    input = JSON.parse(raw).input;
  } catch {
    return send(res, 400, { error: { message: "We could not parse the JSON body of your request." } });
  }
  if (typeof input !== "string") return send(res, 400, { error: { message: "input is required" } });
  if (mode === "flagged") return send(res, 200, moderation(true));
  if (mode === "clean") return send(res, 200, moderation(false));
  if (mode === "slow") return void setTimeout(() => !res.destroyed && send(res, 200, moderation(true)), 1500);
  if (mode === "garbage") return send(res, 200, { id: "modr-stub", model: "omni-moderation-latest" });
  return send(res, 500, { error: { message: "The server had an error while processing your request.", type: "server_error" } });
}

function akismet(_req, res, mode, raw) {
  const form = new URLSearchParams(raw);
  for (const field of ["api_key", "blog", "user_ip", "comment_content"]) {
    if (!form.get(field)) return send(res, 200, `Missing required field: ${field}.`, { "X-akismet-debug-help": `Empty "${field}" value` });
  }
  if (mode === "invalid" || form.get("api_key") !== AKISMET_TEST_KEY) {
    return send(res, 200, "invalid", { "X-akismet-debug-help": "We were unable to parse your blog URI" });
  }
  if (mode === "spam") return send(res, 200, "true");
  if (mode === "discard") return send(res, 200, "true", { "X-akismet-pro-tip": "discard" });
  if (mode === "ham") return send(res, 200, "false");
  if (mode === "slow") return void setTimeout(() => !res.destroyed && send(res, 200, "true"), 1500);
  return send(res, 500, "Internal Server Error");
}

function handle(req, res, raw) {
  const [, area, mode, key] = new URL(req.url, "http://stub").pathname.split("/");
  if (req.method === "GET" && area === "log") return send(res, 200, logs.get(mode) ?? []);
  if (req.method !== "POST" || !key) return send(res, 404, { error: "no such path" });
  if (!logs.has(key)) logs.set(key, []);
  logs.get(key).push({ path: req.url, headers: req.headers, body: raw });
  if (area === "openai") return openai(req, res, mode, raw);
  if (area === "akismet") return akismet(req, res, mode, raw);
  return send(res, 404, { error: "no such service" });
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

/** vitest globalSetup: starts the stubs, provides their port, stops them after the run. */
export default async function setup({ provide }) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  let port;
  try {
    port = await listen(server, 8791);
  } catch {
    port = await listen(server, 0);
  }
  provide("scoringStubPort", port);
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
