// The moderation queues (and To answer) as staff read them: one page of items with all a decision needs.
import { batchOf } from "../../db/typed";
import { BAN_FOREVER, type AuthorHistoryRow } from "../../db/commenters";
import { parseReasons, toCommentView, type CommentRow } from "../../db/comments";
import type { SiteRecord } from "../../db/sites";
import { OLDEST_FIRST, authorOfItem, selectQueuePage, type QueueItemRow, type QueueReportRow } from "../../db/queues";
import { decodeCursor, decodePairCursor, encodeCursor, encodePairCursor } from "../../lib/cursor";
import type { PageQuery } from "../../schemas/admin";
import type { AuthorHistory, QueueItem, QueueName, QueueResponse } from "../../schemas/admin-views";
import type { SiteSettings } from "../../schemas/site-settings";
import { toStoryAdminView } from "./stories";
import { readAppealsQueue } from "../dsa/appeal-decisions";
import { readNoticesQueue } from "../dsa/notices-queue";
import { toScoreView } from "../../db/scores";

/** A comment as staff see it, wherever it is listed: the reader's view plus why and what was done. */
export function toStaffComment(
  row: CommentRow & { reasons: string; report_count: number; moderated_at: number | null },
): QueueItem["comment"] {
  return {
    ...toCommentView(row),
    reasons: parseReasons(row.reasons),
    openReports: row.open_reports,
    reportCount: row.report_count,
    moderatedAt: row.moderated_at !== null ? new Date(row.moderated_at).toISOString() : null,
  };
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

/** The site an item belongs to: its name and colour are shown with it, its rules apply to its story. */
export interface ItemSite {
  id: string;
  name: string;
  settings: Pick<SiteSettings, "closeAfterDays" | "color">;
  /** a story URL off these is shown without a link (issue 10 point 4) */
  allowedOrigins: readonly string[];
}

/**
 * A comment as the queues show it. `answer` is filled in the To answer queue only (toAnswerItem):
 * elsewhere a question's waiting state is not what the moderator is deciding on.
 */
export function toQueueItem(row: QueueItemRow, reports: QueueReportRow[], site: ItemSite, now: number): QueueItem {
  const rules = site.settings;
  return {
    comment: toStaffComment(row),
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
      site.allowedOrigins,
    ),
    author: toAuthorHistory(authorOfItem(row), now),
    reports: reports.map((r) => ({
      reason: r.reason,
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
      revision: r.revision,
    })),
    parent:
      row.reply_to_id !== null ? { id: row.reply_to_id, authorName: row.context_author_name ?? "", body: row.context_body ?? "" } : null,
    site: { id: site.id, name: site.name, color: site.settings.color },
    answer: null,
    revision: row.revision,
    score: toScoreView(row),
  };
}

/** An item of the To answer queue: since when it waits (a time, not a duration, so pages stay cacheable) and why. */
export function toAnswerItem(row: QueueItemRow, reports: QueueReportRow[], site: ItemSite, now: number): QueueItem {
  return {
    ...toQueueItem(row, reports, site, now),
    answer: {
      waitingSince: new Date(row.created_at).toISOString(),
      why: row.reply_to_staff === 1 ? "reply_to_staff" : "question",
    },
  };
}

/** The reports of each row, in the order the statement returned them. */
export function reportsByComment(reports: QueueReportRow[]): Map<number, QueueReportRow[]> {
  const byComment = new Map<number, QueueReportRow[]>();
  for (const r of reports) byComment.set(r.comment_id, [...(byComment.get(r.comment_id) ?? []), r]);
  return byComment;
}

export async function readQueue(db: D1Database, site: SiteRecord, queue: QueueName, q: PageQuery, now: number): Promise<QueueResponse> {
  if (queue === "appeals") return readAppealsQueue(db, site, q, now);
  if (queue === "notices") return readNoticesQueue(db, site, q, now);
  let cursorId = OLDEST_FIRST.has(queue) ? 0 : Number.MAX_SAFE_INTEGER;
  let beforeFeaturedAt = Number.MAX_SAFE_INTEGER;
  if (q.cursor) {
    if (queue === "featured") [beforeFeaturedAt, cursorId] = decodePairCursor(q.cursor, "featured");
    else cursorId = decodeCursor(q.cursor, queue);
  }
  const [itemsResult, reportsResult, countsResult] = await batchOf(
    db,
    selectQueuePage(db, { siteId: site.id, queue, cursorId, beforeFeaturedAt, rows: q.limit + 1 }),
  );
  const rows = itemsResult.results;
  const reports = reportsByComment(reportsResult.results);
  const counts = countsResult.results[0]!;
  const toItem = queue === "to-answer" ? toAnswerItem : toQueueItem;

  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > q.limit && last) {
    nextCursor = queue === "featured" ? encodePairCursor("featured", last.featured_at ?? 0, last.id) : encodeCursor(queue, last.id);
  }
  return {
    queue,
    items: page.map((row) => toItem(row, reports.get(row.id) ?? [], site, now)),
    nextCursor,
    counts: {
      pending: counts.pending,
      reported: counts.reported,
      toAnswer: counts.to_answer,
      appeals: counts.appeals,
      notices: counts.notices,
    },
    charterClauses: site.settings.charterClauses,
  };
}
