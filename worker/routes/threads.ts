// Reader routes for reading: a story's thread page and a thread's further replies.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { bearerToken } from "../lib/bearer";
import { parseOrThrow, queryParams } from "../lib/validate";
import { commentIdParam, repliesQuery, threadQuery } from "../schemas/reader";
import { readReplies, readThread } from "../services/threads";

export const threadRoutes = new Hono<AppEnv>()
  .get("/thread", queryParams(threadQuery), async (c) => {
    const thread = await readThread(c.env.DB, c.var.site, c.req.valid("query"), {
      mayCreateStory: c.var.allowedOrigin !== null,
      now: Date.now(),
      token: bearerToken(c.req.header("Authorization"), { strict: false }),
    });
    return c.json(thread, 200);
  })
  .get("/comments/:id/replies", queryParams(repliesQuery), async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(await readReplies(c.env.DB, c.var.site, id, c.req.valid("query")), 200);
  });
