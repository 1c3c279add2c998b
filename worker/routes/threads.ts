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
import { readContext, readCounts, readReplies, type Tagged } from "../services/threads";
import { readThread } from "../services/thread-page";
import { recentPage, sharedRead } from "../services/recent-pages";
import { writeEpoch } from "../lib/write-epoch";
import { withSite } from "../lib/site-scope";
import type { SiteRecord } from "../db/sites";

/** Reads ignore credentials they cannot use: the reader is then anonymous (viewer null). */
function readingCredential(c: Context<AppEnv>, site: SiteRecord) {
  return readerCredential(site, c.req.header("Authorization"), { strict: false, now: Date.now() });
}

// no-cache: a browser may keep the answer but must ask (conditionally) before using it again
const REVALIDATE = "private, no-cache";

/**
 * Counts and the editors' picks are the same for every reader and are shown on article lists and
 * home pages, each visitor asking for them: a browser (or a shared cache in front of the Worker)
 * may reuse one for 30 s, and for a minute more while it asks again in the background. A count or
 * a pick 30 s late is harmless there; the discussion itself is never cached this way.
 */
export const SHARED_LIST = "public, max-age=30, stale-while-revalidate=60";

/** 304 without a body when the reader's If-None-Match names the answer's ETag, else the JSON. */
function tagged<T extends object>(c: Context<AppEnv>, answer: Tagged<T>): Response {
  const headers = { ETag: answer.etag, "Cache-Control": REVALIDATE };
  if (etagMatches(c.req.header("If-None-Match"), answer.etag)) return c.body(null, 304, headers);
  return c.json(answer.body, 200, headers);
}

/** Where the Cache API may keep a page for this request: pages are stored without holding the answer back. */
function pageCache(c: Context<AppEnv>) {
  let wait: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    wait = (p) => ctx.waitUntil(p);
  } catch {
    // Called without an execution context (a test calling app.fetch): nothing waits for the store.
    wait = () => {};
  }
  return { origin: new URL(c.req.url).origin, wait };
}

export const threadRoutes = new Hono<AppEnv>()
  .get("/thread", queryParams(threadQuery), async (c) => {
    const q = c.req.valid("query");
    const shared = sharedRead(c.req.raw, q);
    // The isolate's copy first (services/recent-pages.ts): no D1, no Cache API, no page to build.
    const copy = shared ? recentPage(c.var.site, q, Date.now()) : null;
    if (copy && etagMatches(c.req.header("If-None-Match"), copy.etag)) {
      return c.body(null, 304, { ETag: copy.etag, "Cache-Control": REVALIDATE });
    }
    if (copy?.json) {
      return c.body(copy.json, 200, { ETag: copy.etag, "Cache-Control": REVALIDATE, "Content-Type": "application/json" });
    }
    const recent = shared ? { epoch: writeEpoch(), confirmedAt: Date.now() } : null;
    return withSite(c, async (db, site) => {
      const answer = await readThread(db, site, q, {
        mayCreateStory: c.var.allowedOrigin !== null,
        now: Date.now(),
        credential: await readingCredential(c, site),
        ip: clientIp(c.req.raw.headers),
        ifNoneMatch: c.req.header("If-None-Match"),
        cache: pageCache(c),
        recent,
      });
      const headers = { ETag: answer.etag, "Cache-Control": REVALIDATE };
      if ("notModified" in answer) return c.body(null, 304, headers);
      if ("stored" in answer) return c.body(answer.stored, 200, { ...headers, "Content-Type": "application/json" });
      return c.json(answer.body, 200, headers);
    });
  })
  .get("/news", queryParams(newsQuery), (c) =>
    withSite(c, async (db, site) => tagged(c, await readNews(db, site, c.req.valid("query"), await readingCredential(c, site)))),
  )
  .get("/counts", queryParams(countsQuery), (c) =>
    withSite(c, async (db, site) => c.json(await readCounts(db, site, c.req.valid("query")), 200, { "Cache-Control": SHARED_LIST })),
  )
  .get("/comments/:id/replies", queryParams(repliesQuery), (c) =>
    withSite(c, async (db, site) => {
      const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
      const credential = await readingCredential(c, site);
      return c.json(await readReplies(db, site, id, c.req.valid("query"), credential), 200);
    }),
  )
  .get("/comments/:id/context", queryParams(contextQuery), async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(await readContext(c.env.DB, c.var.site, id, c.req.valid("query")), 200);
  });
