// Middleware for /api/v1/{site}/…: loads the site, enforces its allowed origins and answers CORS.
// The reads that check the site inside their own batch (withSite) start from the isolate's copy
// (lib/site-cache.ts), so they cost no round trip of their own; every other request reads the row.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import type { SiteRecord } from "../db/sites";
import { SITE_ID } from "../schemas/reader";
import { BOOKMARK_HEADER } from "./d1-session";
import { homeName } from "./databases";
import { ApiError, errorBody, siteMoving } from "./errors";
import { followSite } from "./site-home";
import { cachedSite, checkingSite, loadSite, SiteChanged } from "./site-cache";

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS = `Content-Type, Authorization, If-None-Match, Idempotency-Key, X-Palabre-Turnstile, ${BOOKMARK_HEADER}`;

function grant(headers: Headers, origin: string): void {
  headers.set("Access-Control-Allow-Origin", origin);
  // A refused flood says when to try again, a thread's ETag lets the widget ask "anything new?", and
  // the D1 bookmark (lib/d1-session.ts) is what the widget sends back to see its own writes.
  headers.set("Access-Control-Expose-Headers", `Retry-After, ETag, ${BOOKMARK_HEADER}`);
  headers.append("Vary", "Origin");
}

/**
 * The routes whose handler runs inside withSite (below), which checks the site in the handler's
 * first batch: only these may start from the isolate's copy. A route missing here just reads the
 * site first, as every route did; a route listed here without withSite would trust a stale copy.
 */
const CHECKED_IN_BATCH: Array<[method: string, path: RegExp]> = [
  ["GET", /^\/thread$/],
  ["GET", /^\/news$/],
  ["GET", /^\/counts$/],
  ["GET", /^\/comments\/[^/]+\/replies$/],
  ["POST", /^\/comments$/],
];

function checksInBatch(c: Context<AppEnv>, siteId: string): boolean {
  const path = c.req.path.slice(`/api/v1/${siteId}`.length);
  return CHECKED_IN_BATCH.some(([method, pattern]) => method === c.req.method && pattern.test(path));
}

/** Requests whose site was read from D1 by the middleware itself: nothing left to check. */
const readFresh = new WeakSet<Request>();

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

function allowedOriginOf(c: Context<AppEnv>, site: SiteRecord | null): string | null {
  const origin = c.req.header("Origin") ?? null;
  return origin !== null ? (site?.allowedOrigins.includes(origin) ? origin : null) : sameOriginPage(c.req.raw, site?.allowedOrigins);
}

/** What the site allows of this request: sets `site` and `allowedOrigin`, or throws the refusal. */
function admit(c: Context<AppEnv>, site: SiteRecord): void {
  const origin = c.req.header("Origin") ?? null;
  const allowedOrigin = allowedOriginOf(c, site);
  if (origin !== null && !allowedOrigin) {
    throw new ApiError(403, "origin_not_allowed", `The origin ${origin} is not allowed to use the comments of ${site.id}.`);
  }
  if (origin === null && c.req.method !== "GET" && c.req.method !== "HEAD") {
    throw new ApiError(403, "origin_required", "Writes are accepted only from the site's pages (an Origin header is required).");
  }
  c.set("site", site);
  c.set("allowedOrigin", allowedOrigin);
}

const siteNotFound = (siteId: string) => errorBody("site_not_found", `No site is registered as "${siteId}".`);

/**
 * A browser may call the API only from one of the site's origins: those get the CORS grant,
 * any other origin is refused (403, no grant). Requests without an Origin (servers, curl) may
 * read but not write: every browser sends Origin on a POST, so its absence means no browser.
 */
export const siteScope = createMiddleware<AppEnv>(async (c, next) => {
  const siteId = c.req.param("site") ?? "";
  const origin = c.req.header("Origin") ?? null;
  const known = SITE_ID.test(siteId);
  // A preflight grants nothing by itself (the request it announces is checked again), so the copy will do.
  let site = known && (c.req.method === "OPTIONS" || checksInBatch(c, siteId)) ? cachedSite(siteId) : null;
  let fresh = false;
  // A refusal is never decided on a copy: the site may have allowed the origin since.
  if (known && (!site || (origin !== null && !allowedOriginOf(c, site)))) {
    site = await loadSite(c.env.DB, siteId);
    fresh = true;
  }
  // This database's row names another home: the site moved since this isolate learned where it lives.
  if (site && site.db !== homeName(c.env)) {
    await followSite(c, siteId, site.db);
    site = await loadSite(c.env.DB, siteId);
    fresh = true;
    if (site && site.db !== homeName(c.env)) throw siteMoving();
  }
  const allowedOrigin = allowedOriginOf(c, site);

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
    const res = c.json(siteNotFound(siteId), 404);
    if (origin) grant(res.headers, origin);
    return res;
  }
  admit(c, site);
  if (fresh) readFresh.add(c.req.raw);
  await next();
  // As the request ended: withSite may have admitted it again under the site's new row.
  const granted = c.get("allowedOrigin");
  if (granted) grant(c.res.headers, granted);
});

/**
 * Runs a reader route against a site that is checked, not trusted: `run` gets a database whose
 * first batch also reads the site's row (lib/site-cache.ts checkingSite). When the row changed
 * since the copy the request started with, the request is admitted again under the new row
 * (origins) and `run` runs again with it. A route that fails before its first batch has the site
 * checked before its error is answered, since the error may come from the old settings.
 */
export async function withSite<T>(c: Context<AppEnv>, run: (db: D1Database, site: SiteRecord) => Promise<T>): Promise<T> {
  if (readFresh.has(c.req.raw)) return run(c.env.DB, c.var.site);
  const site = c.var.site;
  let checked = false;
  const db = checkingSite(c.env.DB, site, () => {
    checked = true;
  });
  let changed: SiteChanged;
  try {
    const result = await run(db, site);
    if (!checked) await checkNow(c, site);
    return result;
  } catch (err) {
    const found = err instanceof SiteChanged ? err : checked ? null : await changedSince(c, site);
    if (!found) throw err;
    changed = found;
  }
  let now = changed.site;
  if (now && now.db !== homeName(c.env)) {
    // The site moved: its data is read where it lives now, under that database's row.
    await followSite(c, site.id, now.db);
    now = await loadSite(c.env.DB, site.id);
    if (now && now.db !== homeName(c.env)) throw siteMoving();
  }
  if (!now) throw new ApiError(404, "site_not_found", `No site is registered as "${site.id}".`);
  admit(c, now);
  return run(c.env.DB, now);
}

/** The site's row now, when it is not `site` any more (one round trip). */
async function changedSince(c: Context<AppEnv>, site: SiteRecord): Promise<SiteChanged | null> {
  const now = await loadSite(c.env.DB, site.id);
  return now === site ? null : new SiteChanged(now);
}

async function checkNow(c: Context<AppEnv>, site: SiteRecord): Promise<void> {
  const changed = await changedSince(c, site);
  if (changed) throw changed;
}
