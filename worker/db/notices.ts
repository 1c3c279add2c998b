// SQL for notices of illegal content (DSA Art. 16, migration 0012): the notice and its per-network
// limit in one statement, the Legal notices queue's page, and a decision on every open notice of
// a comment, guarded in its batch (person_guards, migration 0010).
import type { QueueReportRow } from "./queues";
import type { QueueCountsRow } from "./queues";
import { typed, type Typed } from "./typed";
import type { LegalGround } from "../../common/dsa/grounds";

/** At most this many notices per network (keyed IP hash) per site in the window. */
export const NOTICE_LIMIT = { max: 10, windowMs: 60 * 60 * 1000 } as const;

/** A comment anyone may notify: published and not deleted (what readers can see). */
const VISIBLE = "status = 'published' AND deleted_at IS NULL";

/**
 * The notice, written only while the comment is visible and the network has sent fewer than
 * NOTICE_LIMIT.max notices to this site within the window: one statement, so 50 concurrent
 * notices from one network write exactly the limit. Returns the row, or nothing when refused
 * (selectNoticeRefusal, next in the batch, says why).
 */
export function insertNotice(
  db: D1Database,
  n: {
    siteId: string;
    commentId: number;
    reference: string;
    ground: LegalGround;
    explanation: string;
    name: string | null;
    email: string | null;
    network: string;
    now: number;
  },
): Typed<{ id: number; reference: string; created_at: number }> {
  return typed(
    db
      .prepare(
        `INSERT INTO notices (site_id, comment_id, reference, ground, explanation, name, email, ip_hash, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
       WHERE EXISTS (SELECT 1 FROM comments WHERE id = ?2 AND site_id = ?1 AND ${VISIBLE})
         AND (SELECT count(*) FROM notices INDEXED BY notices_network
              WHERE site_id = ?1 AND ip_hash = ?8 AND created_at > ?9 - ?10) < ?11
       RETURNING id, reference, created_at`,
      )
      .bind(
        n.siteId,
        n.commentId,
        n.reference,
        n.ground,
        n.explanation,
        n.name,
        n.email,
        n.network,
        n.now,
        NOTICE_LIMIT.windowMs,
        NOTICE_LIMIT.max,
      ),
  );
}

export interface NoticeRefusalRow {
  visible: number;
  /** the network's oldest notice still in the window (the limit lifts an hour after it) */
  oldest_in_window: number | null;
}

/** Why insertNotice wrote nothing, as the same batch sees it. */
export function selectNoticeRefusal(
  db: D1Database,
  q: { siteId: string; commentId: number; network: string; now: number },
): Typed<NoticeRefusalRow> {
  return typed(
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM comments WHERE id = ?2 AND site_id = ?1 AND ${VISIBLE}) AS visible,
              (SELECT min(created_at) FROM notices INDEXED BY notices_network
               WHERE site_id = ?1 AND ip_hash = ?3 AND created_at > ?4 - ?5) AS oldest_in_window`,
      )
      .bind(q.siteId, q.commentId, q.network, q.now, NOTICE_LIMIT.windowMs),
  );
}

export interface NoticeRow {
  id: number;
  site_id: string;
  comment_id: number;
  reference: string;
  ground: LegalGround;
  explanation: string;
  name: string | null;
  email: string | null;
  status: "open" | "decided";
  outcome: "removed" | "kept" | null;
  decided_by: number | null;
  decided_at: number | null;
  created_at: number;
}

const NOTICE_COLUMNS =
  "id, site_id, comment_id, reference, ground, explanation, name, email, status, outcome, decided_by, decided_at, created_at";

/** A notice of this site (another site's is not found). */
export function selectNotice(db: D1Database, siteId: string, id: number): Typed<NoticeRow> {
  return typed(db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = ?1 AND site_id = ?2`).bind(id, siteId));
}

/** The Legal notices queue: open notices after the cursor id, oldest first (notices_open). */
export function selectOpenNotices(db: D1Database, q: { siteId: string; afterId: number; rows: number }): Typed<NoticeRow> {
  return typed(
    db
      .prepare(
        `SELECT ${NOTICE_COLUMNS} FROM notices INDEXED BY notices_open
       WHERE site_id = ?1 AND status = 'open' AND id > ?2 ORDER BY id LIMIT ?3`,
      )
      .bind(q.siteId, q.afterId, q.rows),
  );
}

/** What waits for a human on the site, for the queues' tabs: as db/queues.ts counts it for the other queues. */
export function selectNoticeQueueCounts(db: D1Database, siteId: string): Typed<QueueCountsRow> {
  return typed(
    db
      .prepare(
        `SELECT (SELECT count(*) FROM comments WHERE site_id = ?1 AND status = 'pending') AS pending,
              (SELECT count(*) FROM comments INDEXED BY comments_reported WHERE site_id = ?1 AND open_reports > 0) AS reported,
              (SELECT count(*) FROM comments INDEXED BY comments_to_answer
               WHERE site_id = ?1 AND answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL) AS to_answer,
              (SELECT count(*) FROM appeals WHERE site_id = ?1 AND status = 'open') AS appeals,
              (SELECT count(*) FROM notices INDEXED BY notices_open WHERE site_id = ?1 AND status = 'open') AS notices`,
      )
      .bind(siteId),
  );
}

/** The latest reports of these comments (as the other queues show them, at most `perItem` each). */
export function selectReportsOf(db: D1Database, siteId: string, commentIds: number[], perItem: number): Typed<QueueReportRow> {
  return typed(
    db
      .prepare(
        `SELECT comment_id, reason, note, created_at, revision FROM (
         SELECT r.comment_id, r.reason, r.note, r.created_at, r.revision,
                row_number() OVER (PARTITION BY r.comment_id ORDER BY r.id DESC) AS n
         FROM reports r WHERE r.comment_id IN (SELECT value FROM json_each(?1)) AND r.site_id = ?2)
       WHERE n <= ?3 ORDER BY comment_id, n`,
      )
      .bind(JSON.stringify(commentIds), siteId, perItem),
  );
}

// ---- a decision ----

/**
 * The decision's guard, first in its batch: the notice is still open, or the whole batch rolls
 * back (guard_target), so two moderators deciding at once decide once.
 */
export function insertOpenNoticeGuard(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO person_guards (target_ok)
       SELECT EXISTS (SELECT 1 FROM notices WHERE id = ?1 AND site_id = ?2 AND status = 'open')`,
    )
    .bind(id, siteId);
}

/** SQL over the comment row `c`: what a removal applies to (shown, or held for review, and not deleted). */
export const REMOVABLE = "c.status IN ('published', 'pending') AND c.deleted_at IS NULL";

// The comment's reasons without any earlier moderator decision (as db/staff-comments.ts).
const REASONS_WITHOUT_MODERATOR = `(SELECT json_group_array(json(r.value)) FROM json_each(comments.reasons) AS r
   WHERE json_extract(r.value, '$.code') IS NOT 'moderator')`;

/**
 * The removal: the comment rejected as a moderator rejects it (reports closed, unfeatured), the
 * reason's detail "notice". Only a comment still shown or held, so a removal that comes after the
 * author deleted it, or after another rejection, changes nothing.
 */
export function rejectNoticedComment(
  db: D1Database,
  r: { siteId: string; commentId: number; staffId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'rejected', open_reports = 0, featured_at = NULL, featured_note = NULL,
              moderated_at = ?1, moderated_by = ?2, updated_at = ?1,
              reasons = json_insert(${REASONS_WITHOUT_MODERATOR}, '$[#]', json_object('code', 'moderator', 'detail', 'notice'))
       WHERE id = ?3 AND site_id = ?4 AND status IN ('published', 'pending') AND deleted_at IS NULL`,
    )
    .bind(r.now, r.staffId, r.commentId, r.siteId);
}

/** Every open notice on the comment decided at once; returns them (whom to tell). */
export function decideOpenNotices(
  db: D1Database,
  d: { siteId: string; commentId: number; outcome: "removed" | "kept"; staffId: number; now: number },
): Typed<NoticeRow> {
  return typed(
    db
      .prepare(
        `UPDATE notices SET status = 'decided', outcome = ?1, decided_by = ?2, decided_at = ?3
       WHERE comment_id = ?4 AND site_id = ?5 AND status = 'open'
       RETURNING ${NOTICE_COLUMNS}`,
      )
      .bind(d.outcome, d.staffId, d.now, d.commentId, d.siteId),
  );
}

export interface NoticedCommentRow {
  id: number;
  body: string;
  status: string;
  deleted_at: number | null;
  author_id: number;
  story_id: number;
  root_id: number | null;
  story_key: string;
  story_url: string | null;
}

const NOTICED_COMMENT = `SELECT c.id, c.body, c.status, c.deleted_at, c.author_id, c.story_id, c.root_id,
       s.key AS story_key, s.url AS story_url
  FROM comments c JOIN stories s ON s.id = c.story_id`;

/** What the mails quote of the noticed comment, and what a decision recounts. */
export function selectNoticedComment(db: D1Database, siteId: string, commentId: number): Typed<NoticedCommentRow> {
  return typed(db.prepare(`${NOTICED_COMMENT} WHERE c.id = ?1 AND c.site_id = ?2`).bind(commentId, siteId));
}

/** The same, for the comment a notice of this site names. */
export function selectCommentOfNotice(db: D1Database, siteId: string, noticeId: number): Typed<NoticedCommentRow> {
  return typed(
    db
      .prepare(`${NOTICED_COMMENT} WHERE c.id = (SELECT comment_id FROM notices WHERE id = ?1 AND site_id = ?2) AND c.site_id = ?2`)
      .bind(noticeId, siteId),
  );
}

/**
 * The decision's audit row, after decideOpenNotices in its batch: on the comment, naming the
 * notice decided, every notice decided with it, and the statement recorded (null: none).
 */
export function insertNoticeDecisionAudit(
  db: D1Database,
  a: {
    siteId: string;
    staffId: number;
    commentId: number;
    noticeId: number;
    reference: string;
    outcome: "removed" | "kept";
    ground: string | null;
    now: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       VALUES (?1, ?2, 'notice_decision', 'comment', ?3, json_object(
         'notice', ?4, 'outcome', ?5, 'ground', ?6,
         'notices', json((SELECT json_group_array(reference) FROM (SELECT reference FROM notices
                     WHERE comment_id = ?7 AND site_id = ?1 AND decided_at = ?8 AND decided_by = ?2 ORDER BY id))),
         'statement', (SELECT max(id) FROM statements WHERE notice_id = ?9 AND site_id = ?1)), ?8)`,
    )
    .bind(a.siteId, a.staffId, String(a.commentId), a.reference, a.outcome, a.ground, a.commentId, a.now, a.noticeId);
}
