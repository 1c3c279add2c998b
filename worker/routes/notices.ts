// Reader route for notifying illegal content (DSA Art. 16): no account, no reader token.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { clientIp } from "../lib/hash";
import { limitBody } from "../lib/body-limit";
import { jsonBody, parseOrThrow } from "../lib/validate";
import { commentIdParam } from "../schemas/reader";
import { noticeBody } from "../schemas/dsa-notices";
import { checkHuman, TURNSTILE_HEADER } from "../services/bot-check";
import { submitNotice } from "../services/dsa/notices";

export const noticeRoutes = new Hono<AppEnv>().post("/comments/:id/notices", limitBody, jsonBody(noticeBody), async (c) => {
  const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
  const now = Date.now();
  const ip = clientIp(c.req.raw.headers);
  // No account: when the site asks for Turnstile, every notice passes it, before anything is written.
  await checkHuman(c.env, c.var.site, { token: c.req.header(TURNSTILE_HEADER), ip });
  return c.json(await submitNotice(c.env, c.var.site, id, c.req.valid("json"), ip, now), 201);
});
