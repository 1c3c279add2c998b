// Staff replies, published at once as the site's voice: POST /api/admin/sites/{site}/replies.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { jsonBody } from "../../lib/validate";
import { replyBody } from "../../schemas/admin";
import { staffReply } from "../../services/admin/replies";
import { limitBody } from "../../lib/body-limit";
import { storyNotifier } from "../../live/notify";

export const replyRoutes = new Hono<AdminEnv>().post("/replies", limitBody, jsonBody(replyBody), async (c) =>
  c.json(await staffReply(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)), 201),
);
