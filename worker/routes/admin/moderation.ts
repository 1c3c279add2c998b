// Bulk approve and reject: POST /api/admin/sites/{site}/moderation.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { jsonBody } from "../../lib/validate";
import { moderationBody } from "../../schemas/admin";
import { moderate } from "../../services/admin/moderation";
import { limitBody } from "../../lib/body-limit";
import { storyNotifier } from "../../live/notify";

export const moderationRoutes = new Hono<AdminEnv>().post("/moderation", limitBody, jsonBody(moderationBody), async (c) =>
  c.json(await moderate(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)), 200),
);
