// Middleware for /api/v1/{site}/…: loads the site, enforces its allowed origins and answers CORS.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { findSite } from "../db/sites";
import { SITE_ID } from "../schemas/reader";
import { ApiError, errorBody } from "./errors";

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS = "Content-Type, Authorization, If-None-Match, Idempotency-Key, X-Palabre-Turnstile";

function grant(headers: Headers, origin: string): void {
  headers.set("Access-Control-Allow-Origin", origin);
  // A refused flood says when to try again, and a thread's ETag lets the widget ask "anything new?".
  headers.set("Access-Control-Expose-Headers", "Retry-After, ETag");
  headers.append("Vary", "Origin");
}

/**
 * Browsers send no Origin on a same-origin GET: a page served by the Palabre server itself (the
 * site lists the server's origin) says so with Sec-Fetch-Site instead, and is treated as coming
 * from that origin, so it may open a discussion like any allowed page. Anything else without an
 * Origin stays what it was: a reader that is not a browser page.
 */
function sameOriginPage(req: Request, allowed: string[] | undefined): string | null {
  if (req.headers.get("Sec-Fetch-Site") !== "same-origin") return null;
  const own = new URL(req.url).origin;
  return allowed?.includes(own) ? own : null;
}

/**
 * A browser may call the API only from one of the site's origins: those get the CORS grant,
 * any other origin is refused (403, no grant). Requests without an Origin (servers, curl) may
 * read but not write: every browser sends Origin on a POST, so its absence means no browser.
 */
export const siteScope = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param("site") ?? "";
  const origin = c.req.header("Origin") ?? null;
  const site = SITE_ID.test(siteId) ? await findSite(c.env.DB, siteId) : null;
  const allowedOrigin =
    origin !== null ? (site?.allowedOrigins.includes(origin) ? origin : null) : sameOriginPage(c.req.raw, site?.allowedOrigins);

  if (c.req.method === "OPTIONS") {
    if (!allowedOrigin) {
      // No grant: the browser stops here and sends nothing.
      return c.json(errorBody("origin_not_allowed", "This origin may not use this site's comments."), 403);
    }
    const res = c.body(null, 204);
    grant(res.headers, allowedOrigin);
    res.headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
    res.headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    res.headers.set("Access-Control-Max-Age", "600");
    return res;
  }

  if (!site) {
    // Nothing of a site can leak from an unknown one, so let the embedding page read why it failed.
    const res = c.json(errorBody("site_not_found", `No site is registered as "${siteId}".`), 404);
    if (origin) grant(res.headers, origin);
    return res;
  }
  if (origin !== null && !allowedOrigin) {
    throw new ApiError(403, "origin_not_allowed", `The origin ${origin} is not allowed to use the comments of ${site.id}.`);
  }
  if (origin === null && c.req.method !== "GET" && c.req.method !== "HEAD") {
    throw new ApiError(403, "origin_required", "Writes are accepted only from the site's pages (an Origin header is required).");
  }

  c.set("site", site);
  c.set("allowedOrigin", allowedOrigin);
  await next();
  if (allowedOrigin) grant(c.res.headers, allowedOrigin);
});
