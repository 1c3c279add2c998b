// Reader routes for writing: posting a comment or a reply (through the moderation pipeline).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { bearerToken } from "../lib/bearer";
import { clientIp } from "../lib/hash";
import { limitBody } from "../lib/body-limit";
import { jsonBody } from "../lib/validate";
import { postCommentBody } from "../schemas/reader";
import { postComment } from "../services/comments";
import { requestLocale } from "../locales/reasons";

export const commentRoutes = new Hono<AppEnv>().post("/comments", limitBody, jsonBody(postCommentBody), async (c) => {
  const poster = { token: bearerToken(c.req.header("Authorization"), { strict: true }), ip: clientIp(c.req.raw.headers) };
  const locale = requestLocale(c.req.header("Accept-Language"), c.var.site.settings.defaultLocale);
  const saved = await postComment(c.env.DB, c.var.site, c.req.valid("json"), poster, Date.now(), locale);
  return c.json(saved, 201);
});
