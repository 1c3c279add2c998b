// The transparency export (DSA Art. 15, 24): GET /api/admin/sites/{site}/transparency
// ?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv, for the site's admins and moderators.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { queryParams } from "../../lib/validate";
import { transparencyQuery } from "../../schemas/dsa-notices";
import { readTransparency, transparencyCsv } from "../../services/dsa/transparency";

export const transparencyRoutes = new Hono<AdminEnv>().get("/transparency", queryParams(transparencyQuery), async (c) => {
  const query = c.req.valid("query");
  const report = await readTransparency(c.env.DB, c.var.site, query, Date.now());
  if (query.format === "json") return c.json(report, 200);
  return c.body(transparencyCsv(report), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="transparency-${c.var.site.id}-${report.period.from}-${report.period.to}.csv"`,
  });
});
