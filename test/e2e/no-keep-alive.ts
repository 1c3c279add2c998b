// The tests' own requests to `wrangler dev` (Node's fetch) each use a fresh connection. wrangler
// dev closes a keep-alive connection once it has been idle a few seconds; a POST sent on it at that
// moment fails with "other side closed", and Node's fetch (undici) retries only idempotent
// requests. A test that waits on a CLI or a browser between two requests hit exactly that race.
const nodeFetch = globalThis.fetch;

globalThis.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set("Connection", "close");
  return nodeFetch(input, { ...init, headers });
};
