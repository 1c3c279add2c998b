// Middleware of the staff API: CSRF refusal, the signed-in staff member, their role on the site named.
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { findSite } from "../db/sites";
import { findStaffRole, type StaffRow } from "../db/staff";
import { ApiError } from "../lib/errors";
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
  const staff = tokenHash ? await sessionStaff(c.env.DB, tokenHash, Date.now()) : null;
  if (!tokenHash || !staff) {
    throw new ApiError(401, "unauthenticated", "Sign in to use the dashboard (your session may have expired).");
  }
  c.set("staff", staff);
  c.set("sessionHash", tokenHash);
  await next();
});

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
      const [role, site] = SITE_ID.test(siteId)
        ? await Promise.all([findStaffRole(c.env.DB, c.var.staff.id, siteId), findSite(c.env.DB, siteId)])
        : [null, null];
      if (!role || !site) throw new ApiError(403, "forbidden", "You do not have access to this site.");
      c.set("role", role);
      c.set("site", site);
    }
    if (RANK[c.var.role] < RANK[min]) {
      throw new ApiError(403, "forbidden", `This needs the ${min} role on ${c.var.site.id}.`);
    }
    await next();
  });
}
