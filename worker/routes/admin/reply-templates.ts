// Reply templates of a site: /api/admin/sites/{site}/reply-templates[/{id}] (moderators and admins).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { replyTemplateBody, templateIdParam } from "../../schemas/admin";
import { createTemplate, listTemplates, removeTemplate, replaceTemplate } from "../../services/admin/reply-templates";

export const replyTemplateRoutes = new Hono<AdminEnv>()
  .get("/reply-templates", async (c) => c.json(await listTemplates(c.env.DB, c.var.site), 200))
  .post("/reply-templates", limitBody, jsonBody(replyTemplateBody), async (c) =>
    c.json(await createTemplate(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now()), 201),
  )
  .put("/reply-templates/:id", limitBody, jsonBody(replyTemplateBody), async (c) => {
    const { id } = parseOrThrow(templateIdParam, { id: c.req.param("id") });
    return c.json(await replaceTemplate(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now()), 200);
  })
  .delete("/reply-templates/:id", async (c) => {
    const { id } = parseOrThrow(templateIdParam, { id: c.req.param("id") });
    await removeTemplate(c.env.DB, c.var.site, c.var.staff, id, Date.now());
    return c.body(null, 204);
  });
