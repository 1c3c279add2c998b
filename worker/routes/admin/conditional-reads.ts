// Staff reads are revalidated, never cached: the dashboard polls its home and queues every 15 s
// with If-None-Match, and an unchanged answer is a 304 without a body.
import { createMiddleware } from "hono/factory";
import { etag } from "hono/etag";
import type { AdminEnv } from "../../auth/middleware";

// The ETag is a hash of the body itself, so any change a staff member could see changes it, and
// nothing that is not in the body (e.g. the time of the request) does.
const hashBody = etag();

/**
 * ETag and If-None-Match on every successful GET; `private, no-cache` on every answer (304s
 * included), so no shared cache keeps staff data and the browser always asks again.
 */
export const conditionalReads = createMiddleware<AdminEnv>(async (c, next) => {
  await hashBody(c, next);
  c.res.headers.set("Cache-Control", "private, no-cache");
});
