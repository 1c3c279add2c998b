// Deciding a notice of illegal content (DSA Art. 16): POST /api/admin/sites/{site}/notices/{id}/decision.
// The Legal notices queue is one of the queues (services/admin/queues.ts → services/dsa/notices-queue.ts).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { noticeDecisionBody, noticeIdParam } from "../../schemas/dsa-notices";
import { decideNotice } from "../../services/dsa/notices-decision";
import { storyNotifier } from "../../live/notify";

/** POST /api/admin/sites/{site}/notices/{id}/decision */
export const noticeDecisionRoutes = new Hono<AdminEnv>().post(
  "/notices/:id/decision",
  limitBody,
  jsonBody(noticeDecisionBody),
  async (c) => {
    const { id } = parseOrThrow(noticeIdParam, { id: c.req.param("id") });
    return c.json(
      await decideNotice(c.env, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)),
      200,
    );
  },
);
