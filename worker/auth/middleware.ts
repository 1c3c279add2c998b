// Middleware of the staff API: CSRF refusal, the signed-in staff member, their role on the site named.
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { findSite } from "../db/sites";
import { findStaffRole, type StaffRow } from "../db/staff";
import { ApiError, siteMoving } from "../lib/errors";
import { homeEnv, MissingDatabase, REGISTRY, registryOf } from "../lib/databases";
import { ensureStaffCopy } from "../lib/staff-copies";
import type { SiteRecord } from "../db/sites";
import type { Context } from "hono";
import { SITE_ID } from "../schemas/reader";
import type { StaffRole } from "../schemas/admin-views";
import { requestTokenHash, sessionStaff } from "./sessions";

export interface AdminEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & {
    /** the signed-in staff member (requireStaff) */
    staff: StaffRow;
    /** the SHA-256 of their session token, to revoke it on sign-out */
    sessionHash: string;
    /** their role on the site in the URL (requireSiteRole); `site` is that site */
    role: StaffRole;
  };
}

/**
 * Refuses a state-changing request unless the browser says it comes from our own origin: the
 * dashboard is served by this Worker, so any other (or no) Origin is another site's page or no
 * browser at all. The SameSite=Strict cookie is the second line.
 */
export const csrf = createMiddleware<AdminEnv>(async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const origin = c.req.header("Origin");
    if (origin !== new URL(c.req.url).origin) {
      throw new ApiError(403, "csrf_refused", "This request must come from the dashboard's own pages.");
    }
  }
  await next();
});

export const requireStaff = createMiddleware<AdminEnv>(async (c, next) => {
  const tokenHash = await requestTokenHash(c);
  const staff = tokenHash ? await sessionStaff(registryOf(c.env), tokenHash, Date.now()) : null;
  if (!tokenHash || !staff) {
    throw new ApiError(401, "unauthenticated", "Sign in to use the dashboard (your session may have expired).");
  }
  c.set("staff", staff);
  c.set("sessionHash", tokenHash);
  await next();
});

/** The staff API's request moves to the database the registry names (no session: staff read the primary). */
async function enterSiteHome(c: Context<AdminEnv>, name: string, siteId: string): Promise<SiteRecord> {
  try {
    c.env = homeEnv(c.env, name);
  } catch (err) {
    if (!(err instanceof MissingDatabase)) throw err;
    console.error(err.message);
    throw new ApiError(500, "internal", "This site's database is not reachable from this server.");
  }
  const site = await findSite(c.env.DB, siteId);
  // Between a move's switch in the registry and its forwarding note: a moment's refusal.
  if (!site || site.db !== name) throw siteMoving();
  return site;
}

const RANK: Record<StaffRole, number> = { moderator: 1, admin: 2 };

/**
 * The signed-in staff member must hold at least `min` on the site in the URL (an admin may do all
 * a moderator does). A site they do not belong to and a site that does not exist are refused
 * alike, 403, so that nobody can probe which sites exist.
 */
export function requireSiteRole(min: StaffRole) {
  return createMiddleware<AdminEnv>(async (c, next) => {
    if (!c.var.role) {
      const siteId = c.req.param("site") ?? "";
      const registry = registryOf(c.env);
      const [role, entry] = SITE_ID.test(siteId)
        ? await Promise.all([findStaffRole(registry, c.var.staff.id, siteId), findSite(registry, siteId)])
        : [null, null];
      if (!role || !entry) throw new ApiError(403, "forbidden", "You do not have access to this site.");
      // The registry decided; the rest of the request works in the site's own database, under its row there.
      const site = entry.db === REGISTRY ? entry : await enterSiteHome(c, entry.db, siteId);
      await ensureStaffCopy(c.env, c.var.staff, siteId, role, Date.now());
      c.set("role", role);
      c.set("site", site);
    }
    if (RANK[c.var.role] < RANK[min]) {
      throw new ApiError(403, "forbidden", `This needs the ${min} role on ${c.var.site.id}.`);
    }
    await next();
  });
}
