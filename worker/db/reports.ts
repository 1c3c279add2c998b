// SQL for readers' reports: the report itself and, in the same batch, what it changes once a
// comment's open reports reach the site's threshold (hidden as pending, counters, audit row).
import type { ReportReason } from "../schemas/views";

/** Who reports: the reader's commenter (with a token), else their IP hash. One report per reader per comment. */
export type Reporter = { commenterId: number } | { ipHash: string };

export function reporterKey(reporter: Reporter): string {
  return "commenterId" in reporter ? `c:${reporter.commenterId}` : `ip:${reporter.ipHash}`;
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

export function insertReport(
  db: D1Database,
  r: { siteId: string; commentId: number; reporter: Reporter; reason: ReportReason; note: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      // The revision the reporter saw: an edit after the report does not change what was reported.
      `INSERT INTO reports (site_id, comment_id, reporter_key, reason, note, created_at, revision)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce((SELECT revision FROM comments WHERE id = ?2 AND site_id = ?1), 0))`,
    )
    .bind(r.siteId, r.commentId, reporterKey(r.reporter), r.reason, r.note, r.now);
}

/** The report counts on the comment and against its author. */
export function countReport(
  db: D1Database,
  r: { siteId: string; commentId: number; authorId: number },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        "UPDATE comments SET open_reports = open_reports + 1, report_count = report_count + 1 WHERE id = ? AND site_id = ?",
      )
      .bind(r.commentId, r.siteId),
    db
      .prepare("UPDATE commenters SET reported_count = reported_count + 1 WHERE id = ? AND site_id = ?")
      .bind(r.authorId, r.siteId),
  ];
}

// True while the comment is still published and its open reports have reached the threshold:
// every statement of the hiding checks it, and the status changes last, so that they all see the
// same answer. Parameters ?1 comment, ?2 site, ?3 threshold.
const REACHED = `EXISTS (SELECT 1 FROM comments WHERE id = ?1 AND site_id = ?2 AND status = 'published' AND open_reports >= ?3)`;

/**
 * Hides the comment once the threshold is reached, to run after countReport in the same batch:
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
      .prepare(`UPDATE stories SET comment_count = comment_count - 1, version = version + 1, updated_at = ?4 WHERE id = ?5 AND site_id = ?2 AND ${REACHED}`)
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
         WHERE id = ?1 AND site_id = ?2 AND status = 'published' AND open_reports >= ?3`,
      )
      .bind(...params, JSON.stringify([{ code: "reported" }]), r.now),
  ];
}
