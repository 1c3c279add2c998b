// Reader route for reporting a comment to the moderators.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { clientIp } from "../lib/hash";
import { limitBody } from "../lib/body-limit";
import { jsonBody, parseOrThrow } from "../lib/validate";
import { commentIdParam, reportBody } from "../schemas/reader";
import { reportComment } from "../services/reports";
import { checkHuman, TURNSTILE_HEADER } from "../services/bot-check";
import { storyNotifier } from "../live/notify";

export const reportRoutes = new Hono<AppEnv>().post("/comments/:id/reports", limitBody, jsonBody(reportBody), async (c) => {
  const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
  const now = Date.now();
  const credential = await readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
  const reporter = { credential, ip: clientIp(c.req.raw.headers) };
  // A reader with a token or a sign-in is known; a report from nobody is checked for a robot.
  if (credential === null) await checkHuman(c.env, c.var.site, { token: c.req.header(TURNSTILE_HEADER), ip: reporter.ip });
  return c.json(await reportComment(c.env.DB, c.var.site, id, c.req.valid("json"), reporter, now, storyNotifier(c, c.var.site.id)), 201);
});
