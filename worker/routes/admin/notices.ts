// Deciding a notice of illegal content: POST /api/admin/sites/{site}/notices/{id}/decision.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { noticeDecisionBody, noticeIdParam } from "../../schemas/dsa-notices";
import { decideNotice } from "../../services/dsa/notices-decision";

export const noticeDecisionRoutes = new Hono<AdminEnv>().post("/notices/:id/decision", limitBody, jsonBody(noticeDecisionBody), async (c) => {
  const { id } = parseOrThrow(noticeIdParam, { id: c.req.param("id") });
  return c.json(await decideNotice(c.env, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now()), 200);
});
