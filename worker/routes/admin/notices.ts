// Legal notices (DSA Art. 16), staff side: the queue of open notices and the decision on one.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow, queryParams } from "../../lib/validate";
import { pageQuery } from "../../schemas/admin";
import { noticeDecisionBody, noticeIdParam } from "../../schemas/dsa-notices";
import { decideNotice } from "../../services/dsa/notices-decision";
import { readNoticesQueue } from "../../services/dsa/notices-queue";

/**
 * GET /api/admin/sites/{site}/queues/notices: mounted before the other queues' route, whose
 * queue names (QueueName) do not list it yet (NEEDS11-dsa-notices).
 */
export const noticeQueueRoutes = new Hono<AdminEnv>().get("/queues/notices", queryParams(pageQuery), async (c) =>
  c.json(await readNoticesQueue(c.env.DB, c.var.site, c.req.valid("query"), Date.now()), 200),
);

/** POST /api/admin/sites/{site}/notices/{id}/decision */
export const noticeDecisionRoutes = new Hono<AdminEnv>().post("/notices/:id/decision", limitBody, jsonBody(noticeDecisionBody), async (c) => {
  const { id } = parseOrThrow(noticeIdParam, { id: c.req.param("id") });
  return c.json(await decideNotice(c.env, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now()), 200);
});
