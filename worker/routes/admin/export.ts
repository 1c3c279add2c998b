// A site's export, streamed: GET /api/admin/sites/{site}/export?format=json|csv, for its admins
// (every comment and commenter of the site, so not for moderators).
import { Hono } from "hono";
import { requireSiteRole, type AdminEnv } from "../../auth/middleware";
import { queryParams } from "../../lib/validate";
import { exportQuery } from "../../schemas/export";
import { d1ExportSource } from "../../services/export-d1";
import { csvExport, jsonExport, prepareExport, textStream } from "../../services/export-stream";

export const exportRoutes = new Hono<AdminEnv>().get("/export", requireSiteRole("admin"), queryParams(exportQuery), async (c) => {
  const now = Date.now();
  const { format } = c.req.valid("query");
  const src = d1ExportSource(c.env.DB);
  const prepared = await prepareExport(src, c.var.site.id);
  const day = new Date(now).toISOString().slice(0, 10);
  const chunks = format === "json" ? jsonExport(src, prepared, now) : csvExport(src, prepared);
  return c.body(textStream(chunks), 200, {
    "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="palabre-${c.var.site.id}-${day}.${format}"`,
    // Set here so that the staff API's conditional reads (an ETag hashed from the body) leave the
    // stream alone: hashing it would read the whole export into memory first. Unique, so never a 304.
    ETag: `"export-${now}-${crypto.randomUUID()}"`,
  });
});
