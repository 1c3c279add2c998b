// The Legal notices queue (GET /api/admin/sites/{site}/queues/notices): open notices of illegal
// content, oldest first (who waited longest is decided first), each with the comment as the other
// queues show it and the notice's age.
import { selectNoticeQueueCounts, selectOpenNotices, selectReportsOf, type NoticeRow } from "../../db/notices";
import { REPORTS_PER_ITEM, selectQueueItems } from "../../db/queues";
import type { SiteRecord } from "../../db/sites";
import { batchOf } from "../../db/typed";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import type { PageQuery } from "../../schemas/admin";
import type { NoticeQueueResponse, NoticeView } from "../../schemas/dsa-notices";
import { reportsByComment, toQueueItem } from "../admin/queues";

const CURSOR = "notices";

/** A notice as staff read it; its age is counted at `now`. */
export function toNoticeView(row: NoticeRow, now: number): NoticeView {
  return {
    id: row.id,
    reference: row.reference,
    ground: row.ground,
    explanation: row.explanation,
    name: row.name,
    email: row.email,
    createdAt: new Date(row.created_at).toISOString(),
    ageSeconds: Math.max(0, Math.floor((now - row.created_at) / 1000)),
  };
}

export async function readNoticesQueue(db: D1Database, site: SiteRecord, q: PageQuery, now: number): Promise<NoticeQueueResponse> {
  const afterId = q.cursor ? decodeCursor(q.cursor, CURSOR) : 0;
  const [noticesResult, countsResult] = await batchOf(db, [
    selectOpenNotices(db, { siteId: site.id, afterId, rows: q.limit + 1 }),
    selectNoticeQueueCounts(db, site.id),
  ]);
  const rows = noticesResult.results;
  const counts = countsResult.results[0]!;
  const page = rows.slice(0, q.limit);
  const commentIds = [...new Set(page.map((n) => n.comment_id))];
  const [itemsResult, reportsResult] =
    commentIds.length > 0
      ? await batchOf(db, [selectQueueItems(db, site.id, commentIds), selectReportsOf(db, site.id, commentIds, REPORTS_PER_ITEM)])
      : [{ results: [] }, { results: [] }];
  const comments = new Map(itemsResult.results.map((r) => [r.id, r]));
  const reports = reportsByComment(reportsResult.results);
  const last = page[page.length - 1];
  return {
    queue: "notices",
    // A notice's comment is always the site's (its insert checks it), and comments are never erased
    // while a notice names them (the foreign key), so each notice finds its comment.
    items: page.flatMap((n) => {
      const comment = comments.get(n.comment_id);
      return comment ? [{ ...toQueueItem(comment, reports.get(n.comment_id) ?? [], site, now), notice: toNoticeView(n, now) }] : [];
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor(CURSOR, last.id) : null,
    counts: {
      pending: counts.pending,
      reported: counts.reported,
      toAnswer: counts.to_answer,
      appeals: counts.appeals,
      notices: counts.notices,
    },
  };
}
