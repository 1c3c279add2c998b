// SQL for readers' reports: the report itself and, in the same batch, what it changes once a
// comment's open reports, counted over distinct networks and weighted by the reporters' standing,
// reach the site's threshold (hidden as pending, counters, audit row).
import type { ReportReason } from "../schemas/views";

/**
 * The report's guard (person_guards, migration 0010): the comment is still published when the
 * batch runs, or the whole batch (an SSO reader's profile included) is rolled back.
 */
export function insertReportGuard(db: D1Database, siteId: string, commentId: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO person_guards (target_ok)
       SELECT EXISTS (SELECT 1 FROM comments WHERE id = ?2 AND site_id = ?1 AND status = 'published' AND deleted_at IS NULL)`,
    )
    .bind(siteId, commentId);
}

/**
 * Whether this reader already reported the comment. With a token the reader is the commenter
 * holding it, looked up in the same statement (so it fits the read batch before the commenter is known).
 */
export function selectExistingReport(
  db: D1Database,
  q: { siteId: string; commentId: number; tokenHash: string | null; ipHash: string },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id FROM reports
       WHERE comment_id = ?1 AND reporter_key = CASE WHEN ?2 IS NULL THEN 'ip:' || ?3
             ELSE 'c:' || (SELECT id FROM commenters WHERE site_id = ?4 AND token_hash = ?2) END`,
    )
    .bind(q.commentId, q.tokenHash, q.ipHash, q.siteId);
}

/**
 * How much a report weighs toward the hiding threshold, by the reporter's standing. A network
 * counts once (its heaviest report); within it, a reader identity minted within the last hour that
 * has no published comment is the cheapest thing a client can make, so it counts half. A report
 * with no token is keyed by its network already (one per network) and counts fully, as do a
 * reader signed in through the site, a guest with a published comment, and an older identity.
 */
export const REPORT_WEIGHT = { established: 1, fresh: 0.5, anonymous: 1 } as const;
export const FRESH_IDENTITY_MS = 60 * 60 * 1000;

/**
 * The report, after its guard in the same batch. The reporter ("c:<commenter id>", one report
 * per reader per comment: the table's unique key) is the commenter holding `tokenHash` (found
 * here, so an SSO reader saved earlier in the batch is found too; none found fails the NOT NULL),
 * else the network ("ip:<network>"); its weight is read from the commenter's row as the batch sees it.
 */
export function insertReport(
  db: D1Database,
  r: {
    siteId: string;
    commentId: number;
    tokenHash: string | null;
    network: string;
    reason: ReportReason;
    note: string | null;
    now: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      // The revision the reporter saw: an edit after the report does not change what was reported.
      `INSERT INTO reports (site_id, comment_id, reporter_key, reason, note, created_at, revision, network, weight)
       SELECT ?1, ?2, CASE WHEN ?6 IS NULL THEN 'ip:' || ?7 ELSE 'c:' || r.id END, ?3, ?4, ?5,
              coalesce((SELECT revision FROM comments WHERE id = ?2 AND site_id = ?1), 0), ?7,
              CASE WHEN ?6 IS NULL THEN ?10
                   WHEN r.kind = 'sso' OR r.approved_count > 0 OR r.created_at <= ?5 - ?8 THEN ?9 ELSE ?11 END
       FROM (SELECT 1) LEFT JOIN commenters r ON r.token_hash = ?6 AND r.site_id = ?1`,
    )
    .bind(
      r.siteId,
      r.commentId,
      r.reason,
      r.note,
      r.now,
      r.tokenHash,
      r.network,
      FRESH_IDENTITY_MS,
      REPORT_WEIGHT.established,
      REPORT_WEIGHT.anonymous,
      REPORT_WEIGHT.fresh,
    );
}

/** The report counts on the comment and against its author. */
export function countReport(db: D1Database, r: { siteId: string; commentId: number; authorId: number }): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE comments SET open_reports = open_reports + 1, report_count = report_count + 1 WHERE id = ? AND site_id = ?")
      .bind(r.commentId, r.siteId),
    db.prepare("UPDATE commenters SET reported_count = reported_count + 1 WHERE id = ? AND site_id = ?").bind(r.authorId, r.siteId),
  ];
}

// The weight of the comment's open reports (since its last moderation): over its reporters'
// distinct networks, each network's heaviest report. One network, however many tokens it holds,
// weighs at most one.
const WEIGHT = `(SELECT coalesce(sum(w), 0) FROM (SELECT max(weight) AS w FROM reports
  WHERE comment_id = ?1 AND created_at >= coalesce((SELECT moderated_at FROM comments WHERE id = ?1), 0) GROUP BY network))`;

// True while the comment is still published and its open reports weigh at least the threshold:
// every statement of the hiding checks it, and the status changes last, so that they all see the
// same answer. Parameters ?1 comment, ?2 site, ?3 threshold.
const REACHED = `EXISTS (SELECT 1 FROM comments WHERE id = ?1 AND site_id = ?2 AND status = 'published') AND ${WEIGHT} >= ?3`;

/**
 * Hides the comment once its reports' weight reaches the threshold, to run after countReport in the same batch:
 * uncounts it from its story and thread, writes the system's audit row, then sets it pending with
 * the reason "reported". Each statement does nothing below the threshold.
 */
export function hideIfReported(
  db: D1Database,
  r: { siteId: string; commentId: number; storyId: number; rootId: number | null; threshold: number; now: number },
): D1PreparedStatement[] {
  const params = [r.commentId, r.siteId, r.threshold] as const;
  return [
    db
      .prepare(
        `UPDATE stories SET comment_count = comment_count - 1, version = version + 1, updated_at = ?4 WHERE id = ?5 AND site_id = ?2 AND ${REACHED}`,
      )
      .bind(...params, r.now, r.storyId),
    ...(r.rootId !== null
      ? [
          db
            .prepare(`UPDATE comments SET reply_count = reply_count - 1 WHERE id = ?4 AND site_id = ?2 AND ${REACHED}`)
            .bind(...params, r.rootId),
        ]
      : []),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?2, NULL, 'hide', 'comment', ?5,
                json_object('reason', 'reported', 'openReports', (SELECT open_reports FROM comments WHERE id = ?1)), ?4
         WHERE ${REACHED}`,
      )
      // the id as text from here: D1 binds numbers as REAL, which SQLite would write "5.0"
      .bind(...params, r.now, String(r.commentId)),
    db
      .prepare(
        `UPDATE comments SET status = 'pending', reasons = ?4, updated_at = ?5, held_at = coalesce(held_at, ?5)
         WHERE id = ?1 AND site_id = ?2 AND status = 'published' AND ${WEIGHT} >= ?3`,
      )
      .bind(...params, JSON.stringify([{ code: "reported" }]), r.now),
  ];
}
