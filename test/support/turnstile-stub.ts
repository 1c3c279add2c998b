// A local stand-in for Cloudflare Turnstile's siteverify, answering as Cloudflare documents it
// (developers.cloudflare.com/turnstile/get-started/server-side-validation/): a POST of
// `secret`, `response`, `remoteip`, `idempotency_key` (form-encoded or JSON), answered 200 with
// `{ success, "error-codes", challenge_ts, hostname, action, cdata, metadata }`.
//
//   POST /<tag>/siteverify            the check; <tag> groups the calls one test makes
//        ?mode=slow&delay=<ms>         answers after <ms> (a timeout test)
//        ?mode=error                   500 { success: false, "error-codes": ["internal-error"] }
//        ?mode=down                    502 with an HTML page, as a failing proxy would
//   GET  /log/<tag>                   the calls received under <tag> (fields as sent, and the answer)
//
// Tokens: see ./turnstile-tokens.ts. Each token is good once: the second use answers
// timeout-or-duplicate, except a retry with the same idempotency_key, which gets the first answer
// again (Cloudflare's documented retry). Cloudflare's test secrets answer as Cloudflare's do.
//
// Used by the worker tests (vitest globalSetup: provides `turnstileStubPort`) and reusable by the
// end-to-end setup: `const stub = await startTurnstileStub()`, then wrangler dev with
// `--var TURNSTILE_VERIFY_URL:${stub.url("e2e")}`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { DUMMY_TOKEN, parseStubToken, TEST_SECRET_HOSTNAME, TEST_SECRETS } from "./turnstile-tokens";

export interface SiteverifyAnswer {
  success: boolean;
  "error-codes": string[];
  challenge_ts?: string;
  hostname?: string;
  action?: string;
  cdata?: string;
  metadata?: { interactive: boolean; result_with_testing_key?: boolean };
  messages?: string[];
}

export interface StubCall {
  tag: string;
  mode: string;
  fields: Record<string, string>;
  status: number;
  answer: SiteverifyAnswer | string;
}

export interface TurnstileStub {
  port: number;
  /** the siteverify URL whose calls are logged under `tag` */
  url(tag: string, query?: string): string;
  calls(tag: string): StubCall[];
  close(): Promise<void>;
}

const TOKEN_MAX = 2048;
const fail = (...codes: string[]): SiteverifyAnswer => ({ success: false, "error-codes": codes, messages: [] });
const pass = (hostname: string): SiteverifyAnswer => ({
  success: true,
  "error-codes": [],
  challenge_ts: new Date(Date.now() - 5_000).toISOString(),
  hostname,
  action: "",
  cdata: "",
  metadata: { interactive: false },
});

function readFields(req: IncomingMessage, raw: string): Record<string, string> | null {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    } catch {
      return null;
    }
  }
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data" || type === "") {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return null;
}

export async function startTurnstileStub(port = 0): Promise<TurnstileStub> {
  const log = new Map<string, StubCall[]>();
  /** tokens already verified: the first answer, by idempotency_key ("" when none was sent) */
  const spent = new Map<string, { key: string; answer: SiteverifyAnswer }>();

  function verify(fields: Record<string, string>): SiteverifyAnswer {
    const secret = fields.secret ?? "";
    const token = fields.response ?? "";
    if (secret === "") return fail("missing-input-secret");
    if (!/^[\w-]{1,200}$/.test(secret) || secret.startsWith("invalid")) return fail("invalid-input-secret");
    if (token === "") return fail("missing-input-response");
    if (token.length > TOKEN_MAX) return fail("invalid-input-response");
    // Cloudflare's dummy secrets accept only the dummy token the test site keys produce (a real
    // token fails, so that a test secret left in production is noticed).
    if (secret === TEST_SECRETS.alwaysPasses) {
      return token === DUMMY_TOKEN
        ? { ...pass(TEST_SECRET_HOSTNAME), metadata: { interactive: false, result_with_testing_key: true } }
        : fail("invalid-input-response");
    }
    if (secret === TEST_SECRETS.alwaysFails) return fail("invalid-input-response");
    if (secret === TEST_SECRETS.alreadySpent) return fail("timeout-or-duplicate");

    const key = fields.idempotency_key ?? "";
    const before = spent.get(token);
    if (before) return key !== "" && before.key === key ? before.answer : fail("timeout-or-duplicate");
    const parsed = parseStubToken(token);
    if (!parsed) return fail("invalid-input-response");
    const answer = parsed.outcome === "expired" ? fail("timeout-or-duplicate") : pass(parsed.hostname);
    spent.set(token, { key, answer });
    return answer;
  }

  function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": type });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? "/", "http://stub");
    const parts = url.pathname.split("/").filter(Boolean);
    if (req.method === "GET" && parts[0] === "log" && parts[1]) {
      send(res, 200, log.get(parts[1]) ?? []);
      return;
    }
    const tag =
      parts.length === 2 && parts[1] === "siteverify" ? parts[0]! : parts.length === 1 && parts[0] === "siteverify" ? "default" : null;
    if (tag === null) {
      send(res, 404, { error: "no such path" });
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, fail("bad-request"));
      return;
    }

    const mode = url.searchParams.get("mode") ?? "ok";
    const fields = readFields(req, raw);
    const record = (status: number, answer: SiteverifyAnswer | string) => {
      if (!log.has(tag)) log.set(tag, []);
      log.get(tag)!.push({ tag, mode, fields: fields ?? {}, status, answer });
    };
    if (mode === "down") {
      record(502, "bad gateway");
      send(res, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
      return;
    }
    if (mode === "error") {
      const answer = fail("internal-error");
      record(500, answer);
      send(res, 500, answer);
      return;
    }
    const answer = fields === null ? fail("bad-request") : verify(fields);
    record(200, answer);
    if (mode === "slow") {
      const delay = Number(url.searchParams.get("delay") ?? "2000");
      setTimeout(() => send(res, 200, answer), delay);
      return;
    }
    send(res, 200, answer);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
  return {
    port: bound,
    url: (tag, query) => `http://127.0.0.1:${bound}/${tag}/siteverify${query ? `?${query}` : ""}`,
    calls: (tag) => log.get(tag) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** vitest globalSetup (worker project): starts the stub on a free port and provides it. */
export default async function setup({ provide }: { provide: (key: "turnstileStubPort", value: number) => void }) {
  const stub = await startTurnstileStub();
  provide("turnstileStubPort", stub.port);
  return () => stub.close();
}
