// Reader routes for reading: a story's thread page, a thread's further replies, news for polling
// readers, where a comment sits (permalinks) and the comment counts of many stories.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { etagMatches } from "../lib/etag";
import { clientIp } from "../lib/hash";
import { parseOrThrow, queryParams } from "../lib/validate";
import { commentIdParam, contextQuery, countsQuery, newsQuery, repliesQuery, threadQuery } from "../schemas/reader";
import { readNews } from "../services/news";
import { readContext, readCounts, readReplies, readThread, type Tagged } from "../services/threads";

/** Reads ignore credentials they cannot use: the reader is then anonymous (viewer null). */
function readingCredential(c: Context<AppEnv>) {
  return readerCredential(c.var.site, c.req.header("Authorization"), { strict: false, now: Date.now() });
}

/** 304 without a body when the reader's If-None-Match names the answer's ETag, else the JSON. */
function tagged<T extends object>(c: Context<AppEnv>, answer: Tagged<T>): Response {
  // no-cache: a browser may keep the answer but must ask (conditionally) before using it again
  const headers = { ETag: answer.etag, "Cache-Control": "private, no-cache" };
  if (etagMatches(c.req.header("If-None-Match"), answer.etag)) return c.body(null, 304, headers);
  return c.json(answer.body, 200, headers);
}

export const threadRoutes = new Hono<AppEnv>()
  .get("/thread", queryParams(threadQuery), async (c) => {
    const thread = await readThread(c.env.DB, c.var.site, c.req.valid("query"), {
      mayCreateStory: c.var.allowedOrigin !== null,
      now: Date.now(),
      credential: await readingCredential(c),
      ip: clientIp(c.req.raw.headers),
    });
    return tagged(c, thread);
  })
  .get("/news", queryParams(newsQuery), async (c) => {
    return tagged(c, await readNews(c.env.DB, c.var.site, c.req.valid("query"), await readingCredential(c)));
  })
  .get("/counts", queryParams(countsQuery), async (c) => {
    return c.json(await readCounts(c.env.DB, c.var.site, c.req.valid("query")), 200);
  })
  .get("/comments/:id/replies", queryParams(repliesQuery), async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    const credential = await readingCredential(c);
    return c.json(await readReplies(c.env.DB, c.var.site, id, c.req.valid("query"), credential), 200);
  })
  .get("/comments/:id/context", queryParams(contextQuery), async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(await readContext(c.env.DB, c.var.site, id, c.req.valid("query")), 200);
  });
