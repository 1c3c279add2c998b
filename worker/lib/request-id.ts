// A request id in every error body and every log line, so that what a reader or a site reports ("it
// said … (request 8f3c…-CDG)") leads to the Worker's own lines in Workers Logs. Cloudflare's Ray ID
// when the request came through Cloudflare (the same id its dashboard and support know), else a
// random UUID (local development, the tests). It is kept in an AsyncLocalStorage (compatibility flag
// nodejs_als in wrangler.toml) rather than passed along: the services that log, and errorBody, are
// called far from the Hono context, and one isolate serves many requests at once.
import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";

const current = new AsyncLocalStorage<string>();

/** The id of the request being served, if any (none in the cron tick or the queue consumer). */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

// A Ray ID is 16 hex digits and the data centre ("8f3c0a1b2c3d4e5f-CDG"). Anything else (a client
// faking the header where no Cloudflare edge sets it) is not copied into logs.
const RAY = /^[0-9a-f]{16}(-[A-Z]{3})?$/;

export function requestIdFor(req: Request): string {
  const ray = req.headers.get("cf-ray");
  return ray && RAY.test(ray) ? ray : crypto.randomUUID();
}

/** First middleware: everything after it (routes, app.onError, the services they call) knows the id. */
export const requestId: MiddlewareHandler = (c, next) => current.run(requestIdFor(c.req.raw), next);

/** The console's own methods, which the prefixed ones below write to (a test may watch them). */
export const consoleSink = {
  error: console.error.bind(console),
  warn: console.warn.bind(console),
  info: console.info.bind(console),
  log: console.log.bind(console),
  debug: console.debug.bind(console),
};

// Each console line written while serving a request starts with its id: the 30-odd console.error
// calls of the services need no change, and Workers Logs can be searched by the id a reader quotes.
for (const level of Object.keys(consoleSink) as (keyof typeof consoleSink)[]) {
  console[level] = (...args: unknown[]) => {
    const id = current.getStore();
    if (id === undefined) consoleSink[level](...args);
    else consoleSink[level](`[${id}]`, ...args);
  };
}
