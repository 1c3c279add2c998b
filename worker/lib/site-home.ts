// Which database a request for one site works in (issue 14). The registry (DB) says where each site
// lives (sites.db); an isolate keeps what it learned, so a site's requests pay for the registry once
// per isolate. A move can make that stale: the old database's copy of the site's row then names the
// new home (lib/site-scope.ts and withSite read that row anyway), and the request is moved there
// before it reads or writes anything; a write that reaches the old database first is refused there
// by migration 0019's triggers, never written.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { copySiteIdentity, selectSite } from "../db/sites";
import type { AppEnv, Env } from "../env";
import { SITE_ID } from "../schemas/reader";
import { databaseOf, homeEnv, homeName, MissingDatabase, REGISTRY, registryOf } from "./databases";
import { BOOKMARK_HEADER, bookmarkOf, isRead, sessionDatabase, sessionStart } from "./d1-session";
import { ApiError, siteMoving } from "./errors";
import { forgetSite, rememberSite } from "./site-cache";

const MAX_HOMES = 10_000;
const homes = new Map<string, string>();

/**
 * The registry's word on where the site lives (one round trip), or null for an unknown site. Its
 * row is the whole site's row when the site lives in the registry: kept as the isolate's copy of
 * the site (lib/site-cache.ts), so that the request's own reads need no second trip for it.
 */
async function readHome(env: Env, siteId: string): Promise<string | null> {
  const row = await selectSite(registryOf(env), siteId).first();
  if (!row) {
    homes.delete(siteId);
    forgetSite(siteId);
    return null;
  }
  if (row.db === REGISTRY) await rememberSite(row);
  homes.set(siteId, row.db);
  while (homes.size > MAX_HOMES) homes.delete(homes.keys().next().value!);
  return row.db;
}

/** Where the site lives: the isolate's copy, else the registry's (an unknown site is looked for in DB). */
export async function siteHomeName(env: Env, siteId: string): Promise<string> {
  if (!SITE_ID.test(siteId)) return REGISTRY;
  return homes.get(siteId) ?? (await readHome(env, siteId)) ?? REGISTRY;
}

function unreachable(err: unknown): never {
  if (err instanceof MissingDatabase) {
    console.error(err.message);
    throw new ApiError(500, "internal", "This site's database is not reachable from this server.");
  }
  throw err;
}

/** Runs the rest of the request in the database bound as `name`, through a D1 session (replicas). */
function enterHome(c: Context<AppEnv>, name: string, start: D1SessionBookmark | D1SessionConstraint): void {
  const db = databaseOf(c.env, name) ?? unreachable(new MissingDatabase(name));
  const session = db.withSession(start);
  c.set("dbSession", session);
  c.env = homeEnv(c.env, name, sessionDatabase(session, db));
}

/**
 * The reader API's database: the site's own, through one D1 session (lib/d1-session.ts says how a
 * session starts and why a bookmark is answered). The answer carries the session's bookmark when the
 * request was a write or sent one.
 */
export const siteDatabase = createMiddleware<AppEnv>(async (c, next) => {
  const sent = c.req.header(BOOKMARK_HEADER);
  const name = await siteHomeName(c.env, c.req.param("site") ?? "");
  enterHome(c, name, sessionStart(c.req.method, bookmarkOf(sent)));
  await next();
  if (sent === undefined && isRead(c.req.method)) return;
  const bookmark = c.get("dbSession")?.getBookmark();
  if (!bookmark) return;
  try {
    c.res.headers.set(BOOKMARK_HEADER, bookmark);
  } catch {
    // a response with immutable headers (one from the Cache API or a binding): copy it first
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(BOOKMARK_HEADER, bookmark);
  }
});

/** The mails' links (no session: a link mailed just after its row was written must find it on the primary). */
export const siteDatabasePrimary = createMiddleware<AppEnv>(async (c, next) => {
  // Rare requests: the registry is asked each time, so a link never meets an isolate's stale idea.
  const siteId = c.req.param("site") ?? "";
  const name = SITE_ID.test(siteId) ? ((await readHome(c.env, siteId)) ?? REGISTRY) : REGISTRY;
  try {
    c.env = homeEnv(c.env, name);
  } catch (err) {
    unreachable(err);
  }
  await next();
});

/**
 * The site's row, read in the database the request is in, names another home (`seen`): the site
 * moved. Asks the registry again and moves the request there, on the primary (a reader's bookmark
 * is the old database's). True when the request now runs where the site lives; a site caught
 * between the registry's switch and its forwarding note (a move's last instant) is refused for a
 * moment rather than read or written in the wrong place.
 */
export async function followSite(c: Context<AppEnv>, siteId: string, seen: string): Promise<void> {
  const before = homeName(c.env);
  const name = await readHome(c.env, siteId);
  if (name === null) throw new ApiError(404, "site_not_found", `No site is registered as "${siteId}".`);
  if (name === before || name !== seen) {
    homes.delete(siteId);
    throw siteMoving();
  }
  if (c.get("dbSession")) enterHome(c, name, "first-primary");
  else c.env = homeEnv(c.env, name);
}

/** For tests: the isolate forgets where sites live, as a new isolate would. */
export function forgetHomes(): void {
  homes.clear();
}

/**
 * After a write to the row of a site that lives in its own database: the registry's row of it
 * follows (name, origins, settings), since the sites list and the home read the registry.
 */
export async function syncRegistryEntry(env: Env, siteId: string): Promise<void> {
  if (homeName(env) === REGISTRY) return;
  const row = await selectSite(env.DB, siteId).first();
  if (row) await copySiteIdentity(registryOf(env), row).run();
}
