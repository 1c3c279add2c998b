// News for a polling reader: the comments posted since the newest id they saw, so the widget can
// show exactly what its "N new comments" banner announces.
import type { ReaderCredential } from "../auth/reader";
import { toCommentView, type ReaderView } from "../db/comments";
import { selectNewComments, selectNews } from "../db/thread-positions";
import { batchOf } from "../db/typed";
import { weakEtag } from "../lib/etag";
import type { NewsQuery } from "../schemas/reader";
import type { NewsResponse } from "../schemas/views";
import type { SiteRecord } from "../db/sites";
import type { Tagged } from "./threads";

/** New comments returned by one poll, oldest first. */
export const NEWS_PAGE = 50;
/** `newCount` stops counting here: 100 means 100 or more. */
export const NEWS_COUNT_MAX = 100;

/**
 * "Anything new?" for a polling reader: one batch (one round trip) whatever the reader, and a
 * cost bounded by NEWS_PAGE and NEWS_COUNT_MAX however far back `after` is. An unknown story
 * has nothing yet. Tagged like the thread: the reader keeps getting 304 while the story's
 * version (moved on by every post, edit, deletion, reaction, moderation) stays.
 */
export async function readNews(
  db: D1Database,
  site: SiteRecord,
  q: NewsQuery,
  credential: ReaderCredential | null,
): Promise<Tagged<NewsResponse>> {
  const tokenHash = credential?.tokenHash ?? null;
  const where = { siteId: site.id, storyKey: q.story, afterId: q.after, tokenHash };
  const [newsResult, commentsResult] = await batchOf(db, [
    selectNews(db, { ...where, countMax: NEWS_COUNT_MAX }),
    // one more than returned: tells whether there are more
    selectNewComments(db, { ...where, rows: NEWS_PAGE + 1 }),
  ]);
  const row = newsResult.results[0];
  const rows = commentsResult.results.sort((a, b) => a.id - b.id);
  const page = rows.slice(0, NEWS_PAGE);
  const reader: ReaderView = {
    commenterId: row?.reader_id ?? null,
    reacted: new Set(page.filter((r) => r.reacted === 1).map((r) => r.id)),
  };
  const body: NewsResponse = {
    newCount: row?.new_count ?? 0,
    comments: page.map((r) => toCommentView(r, reader)),
    more: rows.length > NEWS_PAGE,
    latestId: row?.latest_id ?? 0,
    commentCount: row?.comment_count ?? 0,
  };
  return { body, etag: await weakEtag(["news", row?.version ?? -1, q.story, q.after, tokenHash]) };
}
