// The moderation queues as staff read them: one page of items with all a decision needs.
import { BAN_FOREVER, type AuthorHistoryRow } from "../../db/commenters";
import { toCommentView } from "../../db/comments";
import type { SiteRecord } from "../../db/sites";
import { authorOfItem, selectQueuePage, type QueueItemRow, type QueueReportRow } from "../../db/queues";
import { decodeCursor, decodePairCursor, encodeCursor, encodePairCursor } from "../../lib/cursor";
import type { PageQuery } from "../../schemas/admin";
import type { AuthorHistory, QueueItem, QueueName, QueueResponse } from "../../schemas/admin-views";
import type { SiteSettings } from "../../schemas/site-settings";
import type { ReasonView } from "../../schemas/views";
import { toStoryAdminView } from "./stories";

function parseReasons(json: string): ReasonView[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((r): r is ReasonView => typeof r?.code === "string") : [];
  } catch {
    return [];
  }
}

/** A suspension that has ended reads as no ban at all. */
export function toAuthorHistory(row: AuthorHistoryRow, now: number): AuthorHistory {
  const active = row.banned_until !== null && row.banned_until > now;
  const forever = active && row.banned_until === BAN_FOREVER;
  return {
    id: row.id,
    name: row.name,
    staff: row.staff_id !== null,
    commentCount: row.comment_count,
    approvedCount: row.approved_count,
    rejectedCount: row.rejected_count,
    reportedCount: row.reported_count,
    bannedUntil: active && !forever ? new Date(row.banned_until!).toISOString() : null,
    bannedForever: forever,
    banReason: active ? row.ban_reason : null,
  };
}

export function toQueueItem(
  row: QueueItemRow,
  reports: QueueReportRow[],
  rules: Pick<SiteSettings, "closeAfterDays">,
  now: number,
): QueueItem {
  return {
    comment: {
      ...toCommentView(row),
      reasons: parseReasons(row.reasons),
      openReports: row.open_reports,
      reportCount: row.report_count,
      moderatedAt: row.moderated_at !== null ? new Date(row.moderated_at).toISOString() : null,
    },
    story: toStoryAdminView(
      {
        key: row.story_key,
        url: row.story_url,
        title: row.story_title,
        status: row.story_status,
        comment_count: row.story_comment_count,
        premoderation: row.story_premoderation,
        first_comment_at: row.story_first_comment_at,
      },
      rules,
      now,
    ),
    author: toAuthorHistory(authorOfItem(row), now),
    reports: reports.map((r) => ({ reason: r.reason, note: r.note, createdAt: new Date(r.created_at).toISOString() })),
    parent:
      row.reply_to_id !== null
        ? { id: row.reply_to_id, authorName: row.context_author_name ?? "", body: row.context_body ?? "" }
        : null,
  };
}

export async function readQueue(
  db: D1Database,
  site: SiteRecord,
  queue: QueueName,
  q: PageQuery,
  now: number,
): Promise<QueueResponse> {
  let beforeId = Number.MAX_SAFE_INTEGER;
  let beforeFeaturedAt = Number.MAX_SAFE_INTEGER;
  if (q.cursor) {
    if (queue === "featured") [beforeFeaturedAt, beforeId] = decodePairCursor(q.cursor, "featured");
    else beforeId = decodeCursor(q.cursor, queue);
  }
  const [itemsResult, reportsResult, countsResult] = await db.batch<unknown>(
    selectQueuePage(db, { siteId: site.id, queue, beforeId, beforeFeaturedAt, rows: q.limit + 1 }),
  );
  const rows = itemsResult!.results as QueueItemRow[];
  const reports = reportsResult!.results as QueueReportRow[];
  const counts = (countsResult!.results as { pending: number; reported: number }[])[0]!;

  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > q.limit && last) {
    nextCursor =
      queue === "featured" ? encodePairCursor("featured", last.featured_at ?? 0, last.id) : encodeCursor(queue, last.id);
  }
  return {
    queue,
    items: page.map((row) => toQueueItem(row, reports.filter((r) => r.comment_id === row.id), site.settings, now)),
    nextCursor,
    counts: { pending: counts.pending, reported: counts.reported },
  };
}
