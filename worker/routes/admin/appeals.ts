// A moderator's decision on an appeal: POST /api/admin/sites/{site}/appeals/{id}/decision.
// The Appeals queue itself is read as any queue (…/queues/appeals).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { appealDecisionBody, appealIdParam } from "../../schemas/dsa";
import { decideOnAppeal } from "../../services/dsa/appeal-decisions";
import { storyNotifier } from "../../live/notify";

export const appealDecisionRoutes = new Hono<AdminEnv>().post(
  "/appeals/:id/decision",
  limitBody,
  jsonBody(appealDecisionBody),
  async (c) => {
    const { id } = parseOrThrow(appealIdParam, { id: c.req.param("id") });
    return c.json(
      await decideOnAppeal(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)),
      200,
    );
  },
);
