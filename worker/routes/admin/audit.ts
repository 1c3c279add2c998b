// A site's audit log, newest first: GET /api/admin/sites/{site}/audit.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { queryParams } from "../../lib/validate";
import { pageQuery } from "../../schemas/admin";
import { readAudit } from "../../services/admin/audit";

export const auditRoutes = new Hono<AdminEnv>().get("/audit", queryParams(pageQuery), async (c) =>
  c.json(await readAudit(c.env.DB, c.var.site, c.req.valid("query")), 200),
);
