// The staff read model: queue pages joining each comment to its story, its author's history, the
// comment it answers and its latest reports; the counts of what waits for a human; and the To
// answer queue of several sites at once.
import { typed, type Typed } from "./typed";
import type { QueueName } from "../schemas/admin-views";
import type { CommentRow } from "./comments";
import type { AuthorHistoryRow } from "./commenters";
import type { ScoreColumns } from "./scores";
import type { AppealRow } from "./appeals";
import { SELECT_STATEMENT, type StatementRow } from "./statements";

export interface QueueItemRow extends CommentRow, ScoreColumns {
  site_id: string;
  reasons: string;
  revision: number;
  answer_status: "waiting" | "answered" | "dismissed" | null;
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
  /** the comment's revision the reporter saw */
  revision: number;
}

/** Reports shown per queue item, newest first. */
export const REPORTS_PER_ITEM = 5;

// Waiting, published and not deleted: the partial index comments_to_answer holds exactly these.
const WAITING = "answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL";

/**
 * The page of ids of each queue as one range scan of the queue's index: newest first, except To
 * answer, oldest first (who waited longest is answered first).
 */
// ?1 site, ?2 cursor id (exclusive), ?3 rows, ?4 cursor featured_at (featured queue only).
// The Appeals queue pages over appeals, not comments (worker/db/appeals.ts).
const PAGE_SQL: Record<Exclude<QueueName, "appeals" | "notices">, string> = {
  pending: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'pending' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  recent: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'published' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  rejected: "SELECT id FROM comments WHERE site_id = ?1 AND status = 'rejected' AND id < ?2 ORDER BY id DESC LIMIT ?3",
  reported:
    "SELECT id FROM comments INDEXED BY comments_reported WHERE site_id = ?1 AND open_reports > 0 AND id < ?2 ORDER BY id DESC LIMIT ?3",
  featured: `SELECT id FROM comments INDEXED BY comments_featured
    WHERE site_id = ?1 AND featured_at IS NOT NULL AND (featured_at < ?4 OR (featured_at = ?4 AND id < ?2))
    ORDER BY featured_at DESC, id DESC LIMIT ?3`,
  "to-answer": `SELECT id FROM comments INDEXED BY comments_to_answer WHERE site_id = ?1 AND ${WAITING} AND id > ?2
    ORDER BY id ASC LIMIT ?3`,
};

/** Queues read oldest first: their cursor continues above the last id, the others below it. */
export const OLDEST_FIRST: ReadonlySet<QueueName> = new Set(["to-answer"]);

const ITEM_COLUMNS = `
  SELECT c.id, c.site_id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
         c.reply_count, c.created_at, c.featured_at, c.featured_note, c.author_id,
         c.reasons, c.open_reports, c.report_count, c.moderated_at, c.reaction_count, c.edited_at, c.deleted_at,
         c.revision, c.answer_status,
         a.name AS author_name, a.staff_id IS NOT NULL AS author_staff, a.staff_id AS author_staff_id,
         a.avatar_url AS author_avatar,
         a.comment_count AS author_comment_count, a.approved_count AS author_approved_count,
         a.rejected_count AS author_rejected_count, a.reported_count AS author_reported_count,
         a.banned_until AS author_banned_until, a.ban_reason AS author_ban_reason,
         s.key AS story_key, s.url AS story_url, s.title AS story_title, s.status AS story_status,
         s.comment_count AS story_comment_count, s.premoderation AS story_premoderation,
         s.first_comment_at AS story_first_comment_at,
         ra.name AS reply_to_name, ra.staff_id IS NOT NULL AS reply_to_staff,
         ra.name AS context_author_name, rc.body AS context_body,
         sc.value AS score_value, sc.labels AS score_labels, sc.provider AS score_provider
  FROM comments c
  JOIN commenters a ON a.id = c.author_id
  JOIN stories s ON s.id = c.story_id
  LEFT JOIN comments rc ON rc.id = c.reply_to_id
  LEFT JOIN commenters ra ON ra.id = rc.author_id
  LEFT JOIN comment_scores sc ON sc.comment_id = c.id`;

export interface QueuePageQuery {
  siteId: string;
  queue: Exclude<QueueName, "appeals" | "notices">;
  /**
   * exclusive: continue past this id in the queue's order (below it when newest first, above it
   * in an OLDEST_FIRST queue) and, for the featured queue, past this featured time
   */
  cursorId: number;
  beforeFeaturedAt: number;
  rows: number;
}

// ?4 (the featured time) appears only in the featured page, and D1 wants exactly the parameters used.
function bindPage(statement: D1PreparedStatement, q: QueuePageQuery): D1PreparedStatement {
  return q.queue === "featured"
    ? statement.bind(q.siteId, q.cursorId, q.rows, q.beforeFeaturedAt)
    : statement.bind(q.siteId, q.cursorId, q.rows);
}

// What waits for a human, for the queues' tabs. ?1 site.
const COUNTS_SQL = `SELECT (SELECT count(*) FROM comments WHERE site_id = ?1 AND status = 'pending') AS pending,
  (SELECT count(*) FROM comments INDEXED BY comments_reported WHERE site_id = ?1 AND open_reports > 0) AS reported,
  (SELECT count(*) FROM comments INDEXED BY comments_to_answer WHERE site_id = ?1 AND ${WAITING}) AS to_answer,
  (SELECT count(*) FROM appeals WHERE site_id = ?1 AND status = 'open') AS appeals,
  (SELECT count(*) FROM notices INDEXED BY notices_open WHERE site_id = ?1 AND status = 'open') AS notices`;

/**
 * A queue page in one batch of three bounded statements: the items, their latest reports and the
 * counts. Each statement recomputes the page from the index (cheap) rather than waiting for ids.
 */
export function selectQueuePage(db: D1Database, q: QueuePageQuery): [Typed<QueueItemRow>, Typed<QueueReportRow>, Typed<QueueCountsRow>] {
  const page = PAGE_SQL[q.queue];
  const order = q.queue === "featured" ? "c.featured_at DESC, c.id DESC" : OLDEST_FIRST.has(q.queue) ? "c.id ASC" : "c.id DESC";
  return [
    typed(bindPage(db.prepare(`WITH page AS (${page}) ${ITEM_COLUMNS} WHERE c.id IN (SELECT id FROM page) ORDER BY ${order}`), q)),
    typed(bindPage(db.prepare(`WITH page AS (${page}) ${REPORTS_OF_PAGE}`), q)),
    typed(db.prepare(COUNTS_SQL).bind(q.siteId)),
  ];
}

export interface QueueCountsRow {
  pending: number;
  reported: number;
  to_answer: number;
  appeals: number;
  notices: number;
}

// The latest reports of each comment of the page CTE.
const REPORTS_OF_PAGE = `
  SELECT comment_id, reason, note, created_at, revision FROM (
    SELECT r.comment_id, r.reason, r.note, r.created_at, r.revision,
           row_number() OVER (PARTITION BY r.comment_id ORDER BY r.id DESC) AS n
    FROM reports r WHERE r.comment_id IN (SELECT id FROM page))
  WHERE n <= ${REPORTS_PER_ITEM} ORDER BY comment_id, n`;

// The To answer queue of several sites, oldest first: each site's first rows are one range scan of
// comments_to_answer (so a page reads at most sites × rows index entries, however long the
// queues), then the smallest ids of them all make the page.
// ?1 the site ids (a JSON array), ?2 cursor id (exclusive), ?3 rows.
const CROSS_SITE_TO_ANSWER_PAGE = `
  SELECT w.id FROM json_each(?1) AS m
  JOIN comments w ON w.id IN (
    SELECT x.id FROM comments x INDEXED BY comments_to_answer
    WHERE x.site_id = m.value AND x.answer_status = 'waiting' AND x.status = 'published' AND x.deleted_at IS NULL
      AND x.id > ?2
    ORDER BY x.id ASC LIMIT ?3)
  ORDER BY w.id ASC LIMIT ?3`;

/** The To answer page of all these sites (the caller's own), and the page's latest reports, for one batch. */
export function selectCrossSiteToAnswer(
  db: D1Database,
  q: { siteIds: string[]; cursorId: number; rows: number },
): [Typed<QueueItemRow>, Typed<QueueReportRow>] {
  const bind = (s: D1PreparedStatement) => s.bind(JSON.stringify(q.siteIds), q.cursorId, q.rows);
  return [
    typed(
      bind(db.prepare(`WITH page AS (${CROSS_SITE_TO_ANSWER_PAGE}) ${ITEM_COLUMNS} WHERE c.id IN (SELECT id FROM page) ORDER BY c.id ASC`)),
    ),
    typed(bind(db.prepare(`WITH page AS (${CROSS_SITE_TO_ANSWER_PAGE}) ${REPORTS_OF_PAGE}`))),
  ];
}

/** The same item for a few chosen comments of the site (answers of the actions). */
export function selectQueueItems(db: D1Database, siteId: string, ids: number[]): Typed<QueueItemRow> {
  return typed(
    db
      .prepare(`${ITEM_COLUMNS} WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.site_id = ?2 ORDER BY c.id`)
      .bind(JSON.stringify(ids), siteId),
  );
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

// ---- the Appeals queue: open appeals, oldest first, paged by appeal id ----
// ?1 site, ?2 cursor (the last appeal id shown), ?3 rows.
const OPEN_APPEALS =
  "SELECT id, comment_id, statement_id FROM appeals WHERE site_id = ?1 AND status = 'open' AND id > ?2 ORDER BY id ASC LIMIT ?3";

/**
 * A page of the Appeals queue in one batch: the appeals, their comments as the other queues show
 * them, the comments' latest reports, the statements appealed, and the counts.
 */
/** An open appeal as the Appeals queue lists it. */
export type AppealPageRow = Pick<
  AppealRow,
  "id" | "comment_id" | "statement_id" | "body" | "status" | "explanation" | "decided_at" | "created_at"
>;

export function selectAppealsPage(
  db: D1Database,
  q: { siteId: string; afterId: number; rows: number },
): [Typed<AppealPageRow>, Typed<QueueItemRow>, Typed<QueueReportRow>, Typed<StatementRow>, Typed<QueueCountsRow>] {
  const bind = (s: D1PreparedStatement) => s.bind(q.siteId, q.afterId, q.rows);
  const page = `WITH appeal_page AS (${OPEN_APPEALS}), page AS (SELECT comment_id AS id FROM appeal_page)`;
  return [
    typed(
      bind(
        db.prepare(
          `SELECT id, comment_id, statement_id, body, status, explanation, decided_at, created_at FROM appeals
           WHERE id IN (SELECT id FROM (${OPEN_APPEALS})) ORDER BY id ASC`,
        ),
      ),
    ),
    typed(bind(db.prepare(`${page} ${ITEM_COLUMNS} WHERE c.id IN (SELECT id FROM page)`))),
    typed(bind(db.prepare(`${page} ${REPORTS_OF_PAGE}`))),
    typed(
      bind(db.prepare(`WITH appeal_page AS (${OPEN_APPEALS}) ${SELECT_STATEMENT} WHERE s.id IN (SELECT statement_id FROM appeal_page)`)),
    ),
    typed(db.prepare(COUNTS_SQL).bind(q.siteId)),
  ];
}
