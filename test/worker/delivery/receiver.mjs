// A local stand-in for the receivers of Palabre's deliveries, started in Node by the worker
// project's globalSetup (vitest.config.ts); the tests in workerd reach it over HTTP.
//
//   POST /hook/<mode>/<key>  a webhook receiver: ok (200), flaky (500 on the first call, then 200),
//                            fail (always 500), gone (410), bad (400), slow (answers after 1.5 s),
//                            redirect (301 to an http address)
//   POST /mail/<mode>/<key>  an HTTP mail provider answering as Resend does: ok (200 {"id"}),
//                            fail (500), bad (422 validation_error)
//   GET  /log/<key>          what was received under <key>, with whether the signature verified
//
// Port 8790, or any free port when 8790 is taken (several vitest runs at once): the port in use is
// provided to the tests as `deliveryReceiverPort`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

/** The webhook secret the tests give their site; the receiver verifies with it. */
export const RECEIVER_SECRET = "receiver-test-secret-0123456789abcdef";

/**
 * How a receiver verifies a Palabre webhook (the README shows this function): the HMAC-SHA256,
 * with the site's webhook secret, of "<X-Palabre-Timestamp>.<raw body>", compared in constant
 * time, and a timestamp within 5 minutes so that a captured call cannot be replayed later.
 */
export function verifyPalabreSignature(secret, timestamp, signature, rawBody, nowSeconds = Date.now() / 1000) {
  if (typeof timestamp !== "string" || typeof signature !== "string") return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const logs = new Map();
const calls = new Map();

function record(key, entry) {
  if (!logs.has(key)) logs.set(key, []);
  logs.get(key).push(entry);
}

function answer(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function handle(req, res, rawBody) {
  const [, area, mode, key] = new URL(req.url, "http://receiver").pathname.split("/");
  if (req.method === "GET" && area === "log") return answer(res, 200, logs.get(mode) ?? []);
  if (req.method !== "POST" || !key) return answer(res, 404, { error: "no such path" });

  const signature = req.headers["x-palabre-signature"];
  record(key, {
    path: req.url,
    headers: req.headers,
    body: rawBody,
    verified:
      signature === undefined ? null : verifyPalabreSignature(RECEIVER_SECRET, req.headers["x-palabre-timestamp"], signature, rawBody),
  });
  const n = (calls.get(key) ?? 0) + 1;
  calls.set(key, n);

  if (area === "mail") {
    if (mode === "ok") return answer(res, 200, { id: `re_${key}_${n}` });
    if (mode === "bad") return answer(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field." });
    return answer(res, 500, { statusCode: 500, name: "internal_server_error", message: "Unexpected error" });
  }
  switch (mode) {
    case "ok":
      return answer(res, 200, { ok: true });
    case "flaky":
      return n === 1 ? answer(res, 500, { error: "try later" }) : answer(res, 200, { ok: true });
    case "gone":
      return answer(res, 410, { error: "this hook was deleted" });
    case "bad":
      return answer(res, 400, { error: "unexpected payload" });
    case "redirect":
      return answer(res, 301, {}, { location: "http://example.com/elsewhere" });
    case "slow":
      return void setTimeout(() => !res.destroyed && answer(res, 200, { ok: true }), 1500);
    default:
      return answer(res, 500, { error: "internal error" });
  }
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

/** vitest globalSetup: starts the receiver, provides its port, stops it after the run. */
export default async function setup({ provide }) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  let port;
  try {
    port = await listen(server, 8790);
  } catch {
    port = await listen(server, 0);
  }
  provide("deliveryReceiverPort", port);
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
