// Featuring a comment in the editors' selection, or taking it out: /api/admin/sites/{site}/comments/{id}/feature.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { commentIdParam, featureBody } from "../../schemas/admin";
import { feature, unfeature } from "../../services/admin/featuring";
import { limitBody } from "../../lib/body-limit";
import { storyNotifier } from "../../live/notify";

export const featuringRoutes = new Hono<AdminEnv>()
  .post("/comments/:id/feature", limitBody, jsonBody(featureBody), async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(
      await feature(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)),
      200,
    );
  })
  .delete("/comments/:id/feature", async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(await unfeature(c.env.DB, c.var.site, c.var.staff, id, Date.now(), storyNotifier(c, c.var.site.id)), 200);
  });
