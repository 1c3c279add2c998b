// The staff read model: queue pages joining each comment to its story, its author's history, the
// comment it answers and its latest reports; and the counts of what waits for a human.
import type { QueueName } from "../schemas/admin-views";
import type { CommentRow } from "./comments";
import type { AuthorHistoryRow } from "./commenters";

export interface QueueItemRow extends CommentRow {
  reasons: string;
  open_reports: number;
  report_count: number;
  moderated_at: number | null;
  story_key: string;
  story_url: string | null;
  story_title: string | null;
  story_status: "open" | "closed";
  story_comment_count: number;
  story_premoderation: number | null;
  story_first_comment_at: number | null;
  author_comment_count: number;
  author_approved_count: number;
  author_rejected_count: number;
  author_reported_count: number;
  author_banned_until: number | null;
  author_ban_reason: string | null;
  author_staff_id: number | null;
  context_author_name: string | null;
  context_body: string | null;
}

export interface QueueReportRow {
  comment_id: number;
  reason: "spam" | "abuse" | "off-topic" | "other";
  note: string | null;
  created_at: number;
}

/** Reports shown per queue item, newest first. */
export const REPORTS_PER_ITEM = 5;

/** The page of ids of each queue, newest first, as one range scan of the queue's index. */
// ?1 site, ?2 cursor id (exclusive), ?3 rows, ?4 cursor featured_at (featured queue only).
const PAGE_SQL: Record<QueueName, string> = {
  pending: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'pending' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  recent: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'published' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  rejected: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'rejected' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  reported:
    "SELECT id FROM comments INDEXED BY comments_reported WHERE site_id = ?1 AND open_reports > 0 AND id < ?2 ORDER BY id DESC LIMIT ?3",
  featured: `SELECT id FROM comments INDEXED BY comments_featured
    WHERE site_id = ?1 AND featured_at IS NOT NULL AND (featured_at < ?4 OR (featured_at = ?4 AND id < ?2))
    ORDER BY featured_at DESC, id DESC LIMIT ?3`,
};

const ITEM_COLUMNS = `
  SELECT c.id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
         c.reply_count, c.created_at, c.featured_at, c.featured_note, c.author_id,
         c.reasons, c.open_reports, c.report_count, c.moderated_at, c.reaction_count, c.edited_at, c.deleted_at,
         a.name AS author_name, a.staff_id IS NOT NULL AS author_staff, a.staff_id AS author_staff_id,
         a.comment_count AS author_comment_count, a.approved_count AS author_approved_count,
         a.rejected_count AS author_rejected_count, a.reported_count AS author_reported_count,
         a.banned_until AS author_banned_until, a.ban_reason AS author_ban_reason,
         s.key AS story_key, s.url AS story_url, s.title AS story_title, s.status AS story_status,
         s.comment_count AS story_comment_count, s.premoderation AS story_premoderation,
         s.first_comment_at AS story_first_comment_at,
         ra.name AS reply_to_name, ra.name AS context_author_name, rc.body AS context_body
  FROM comments c
  JOIN commenters a ON a.id = c.author_id
  JOIN stories s ON s.id = c.story_id
  LEFT JOIN comments rc ON rc.id = c.reply_to_id
  LEFT JOIN commenters ra ON ra.id = rc.author_id`;

export interface QueuePageQuery {
  siteId: string;
  queue: QueueName;
  /** exclusive: continue after this id (and, for the featured queue, this featured time) */
  beforeId: number;
  beforeFeaturedAt: number;
  rows: number;
}

// ?4 (the featured time) appears only in the featured page, and D1 wants exactly the parameters used.
function bindPage(statement: D1PreparedStatement, q: QueuePageQuery): D1PreparedStatement {
  return q.queue === "featured"
    ? statement.bind(q.siteId, q.beforeId, q.rows, q.beforeFeaturedAt)
    : statement.bind(q.siteId, q.beforeId, q.rows);
}

/**
 * A queue page in one batch of three bounded statements: the items, their latest reports and the
 * counts. Each statement recomputes the page from the index (cheap) rather than waiting for ids.
 */
export function selectQueuePage(db: D1Database, q: QueuePageQuery): D1PreparedStatement[] {
  const page = PAGE_SQL[q.queue];
  const order = q.queue === "featured" ? "c.featured_at DESC, c.id DESC" : "c.id DESC";
  return [
    bindPage(db.prepare(`WITH page AS (${page}) ${ITEM_COLUMNS} WHERE c.id IN (SELECT id FROM page) ORDER BY ${order}`), q),
    bindPage(
      db.prepare(
        `WITH page AS (${page})
         SELECT comment_id, reason, note, created_at FROM (
           SELECT r.comment_id, r.reason, r.note, r.created_at,
                  row_number() OVER (PARTITION BY r.comment_id ORDER BY r.id DESC) AS n
           FROM reports r WHERE r.comment_id IN (SELECT id FROM page))
         WHERE n <= ${REPORTS_PER_ITEM} ORDER BY comment_id, n`,
      ),
      q,
    ),
    db
      .prepare(
        `SELECT (SELECT count(*) FROM comments WHERE site_id = ?1 AND status = 'pending') AS pending,
                (SELECT count(*) FROM comments INDEXED BY comments_reported WHERE site_id = ?1 AND open_reports > 0) AS reported`,
      )
      .bind(q.siteId),
  ];
}

/** The same item for a few chosen comments of the site (answers of the actions). */
export function selectQueueItems(db: D1Database, siteId: string, ids: number[]): D1PreparedStatement {
  return db
    .prepare(`${ITEM_COLUMNS} WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.site_id = ?2 ORDER BY c.id`)
    .bind(JSON.stringify(ids), siteId);
}

/** The author history part of a queue item row, in the commenters' own shape. */
export function authorOfItem(row: QueueItemRow): AuthorHistoryRow {
  return {
    id: row.author_id,
    name: row.author_name,
    staff_id: row.author_staff_id,
    comment_count: row.author_comment_count,
    approved_count: row.author_approved_count,
    rejected_count: row.author_rejected_count,
    reported_count: row.author_reported_count,
    banned_until: row.author_banned_until,
    ban_reason: row.author_ban_reason,
  };
}
