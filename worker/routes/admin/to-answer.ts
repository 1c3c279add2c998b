// Comments awaiting a staff answer. Per site (/api/admin/sites/{site}/…): "No answer needed" and
// the time to first answer; the site's queue itself is /queues/to-answer (routes/admin/queues.ts).
// Across the member's sites: /api/admin/queues/to-answer.
import { Hono } from "hono";
import { requireStaff, type AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, queryParams } from "../../lib/validate";
import { dismissAnswerBody, pageQuery } from "../../schemas/admin";
import { dismissToAnswer, readAnswerTimes, readCrossSiteToAnswer } from "../../services/admin/to-answer";

export const toAnswerRoutes = new Hono<AdminEnv>()
  .post("/to-answer/dismiss", limitBody, jsonBody(dismissAnswerBody), async (c) =>
    c.json(await dismissToAnswer(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now()), 200),
  )
  .get("/answer-times", async (c) => c.json(await readAnswerTimes(c.env.DB, c.var.site, Date.now()), 200));

/** Mounted at /api/admin/queues: no site in the URL, the member's roles say which sites. */
export const crossSiteQueueRoutes = new Hono<AdminEnv>()
  .use("*", requireStaff)
  .get("/to-answer", queryParams(pageQuery), async (c) =>
    c.json(await readCrossSiteToAnswer(c.env, c.var.staff, c.req.valid("query"), Date.now()), 200),
  );
