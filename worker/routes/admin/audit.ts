// A site's audit log, newest first and filtered: GET /api/admin/sites/{site}/audit (&format=csv for a file).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { queryParams } from "../../lib/validate";
import { auditQuery } from "../../schemas/admin";
import { auditCsv, readAudit } from "../../services/admin/audit";

export const auditRoutes = new Hono<AdminEnv>().get("/audit", queryParams(auditQuery), async (c) => {
  const query = c.req.valid("query");
  if (query.format === "json") return c.json(await readAudit(c.env.DB, c.var.site, query), 200);
  const { csv, truncated } = await auditCsv(c.env.DB, c.var.site, query);
  const day = new Date().toISOString().slice(0, 10);
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="audit-${c.var.site.id}-${day}.csv"`,
    ...(truncated ? { "X-Palabre-Truncated": "true" } : {}),
  });
});
