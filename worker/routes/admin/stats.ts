// The figures: GET /api/admin/sites/{site}/stats for one site, GET /api/admin/stats for all the
// member's sites; ?days=7|30|90&tz=MINUTES, and &format=csv for the daily table as a file.
import { Hono, type Context } from "hono";
import { requireStaff, type AdminEnv } from "../../auth/middleware";
import { queryParams } from "../../lib/validate";
import { statsQuery, type StatsQuery } from "../../schemas/admin";
import { readStats, statsCsv } from "../../services/admin/stats";
import type { StatsResponse } from "../../schemas/admin-views";

function answer(c: Context<AdminEnv>, stats: StatsResponse, query: StatsQuery, name: string) {
  if (query.format === "json") return c.json(stats, 200);
  return c.body(statsCsv(stats), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="stats-${name}-${query.days}d.csv"`,
  });
}

/** Mounted under /api/admin/sites/{site}: the moderator role on the site is already checked. */
export const statsRoutes = new Hono<AdminEnv>().get("/stats", queryParams(statsQuery), async (c) => {
  const query = c.req.valid("query");
  const stats = await readStats(c.env, { staffId: c.var.staff.id, siteId: c.var.site.id }, query, Date.now());
  return answer(c, stats, query, c.var.site.id);
});

/** Mounted at /api/admin/stats: no site in the URL, the member's roles say which sites. */
export const crossSiteStatsRoutes = new Hono<AdminEnv>().use("*", requireStaff).get("/", queryParams(statsQuery), async (c) => {
  const query = c.req.valid("query");
  const stats = await readStats(c.env, { staffId: c.var.staff.id, siteId: null }, query, Date.now());
  return answer(c, stats, query, "all-sites");
});
