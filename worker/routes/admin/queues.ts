// The moderation queues of a site: /api/admin/sites/{site}/queues/{queue}.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { parseOrThrow, queryParams } from "../../lib/validate";
import { pageQuery, queueParam } from "../../schemas/admin";
import { readQueue } from "../../services/admin/queues";

export const queueRoutes = new Hono<AdminEnv>().get("/queues/:queue", queryParams(pageQuery), async (c) => {
  const { queue } = parseOrThrow(queueParam, { queue: c.req.param("queue") });
  return c.json(await readQueue(c.env.DB, c.var.site, queue, c.req.valid("query"), Date.now()), 200);
});
