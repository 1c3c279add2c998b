// SQL for the outbox (worker/services/delivery): every mail and webhook, written before it is
// enqueued, then marked by the DELIVERIES consumer. The consumer's writes are conditional on the
// row still waiting, so a message delivered twice by the queue never undoes a final status.
import { typed, type Typed } from "./typed";

export type OutboxKind = "mail" | "webhook";
export type OutboxRowStatus = "queued" | "retrying" | "sent" | "failed";
/** how a row was delivered: the send_email binding, the HTTP mail provider, none (the row is the mail), a webhook POST */
export type OutboxVia = "email" | "api" | "outbox" | "http";

export interface OutboxRow {
  id: number;
  site_id: string;
  kind: OutboxKind;
  topic: string;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  headers: string;
  status: OutboxRowStatus;
  attempts: number;
  last_error: string | null;
  via: OutboxVia | null;
  next_attempt_at: number | null;
  created_at: number;
  sent_at: number | null;
}

const COLUMNS = `id, site_id, kind, topic, recipient, subject, body, html, headers, status, attempts, last_error,
  via, next_attempt_at, created_at, sent_at`;

export function insertOutbox(
  db: D1Database,
  o: {
    siteId: string;
    kind: OutboxKind;
    topic: string;
    recipient: string;
    subject: string;
    body: string;
    html: string | null;
    headers: Record<string, string>;
    now: number;
  },
): Typed<{ id: number }> {
  return typed(
    db
      .prepare(
        `INSERT INTO outbox (site_id, kind, topic, recipient, subject, body, html, headers, status, next_attempt_at, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?9) RETURNING id`,
      )
      .bind(o.siteId, o.kind, o.topic, o.recipient, o.subject, o.body, o.html, JSON.stringify(o.headers), o.now),
  );
}

export function findOutboxRow(db: D1Database, id: number): Promise<OutboxRow | null> {
  return typed<OutboxRow>(db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).bind(id)).first();
}

/** The try succeeded: final, unless the row was already final (a duplicate message). */
export function markSent(db: D1Database, id: number, via: OutboxVia, now: number): Promise<D1Result> {
  return db
    .prepare(
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL, via = ?2, sent_at = ?3, next_attempt_at = NULL
       WHERE id = ?1 AND status IN ('queued', 'retrying')`,
    )
    .bind(id, via, now)
    .run();
}

/** The try failed and another will come at `nextAt`. */
export function markRetrying(db: D1Database, id: number, error: string, nextAt: number): Promise<D1Result> {
  return db
    .prepare(
      `UPDATE outbox SET status = 'retrying', attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3
       WHERE id = ?1 AND status IN ('queued', 'retrying')`,
    )
    .bind(id, error, nextAt)
    .run();
}

/** Dead-lettered: no more tries; shown in the dashboard as failed, with the error. */
export function markFailed(db: D1Database, id: number, error: string, countTry: boolean): Promise<D1Result> {
  return db
    .prepare(
      `UPDATE outbox SET status = 'failed', attempts = attempts + ?3, last_error = ?2, next_attempt_at = NULL
       WHERE id = ?1 AND status IN ('queued', 'retrying')`,
    )
    .bind(id, error, countTry ? 1 : 0)
    .run();
}

/**
 * Rows still waiting whose try is overdue by `graceMs` (their queue message was lost, or the send
 * failed after the row was written), oldest first; their due time moves to `now` so that the next
 * sweep leaves them alone for another grace period.
 */
export function takeOverdue(db: D1Database, now: number, graceMs: number, max: number): Typed<{ id: number }> {
  return typed(
    db
      .prepare(
        `UPDATE outbox SET next_attempt_at = ?1
       WHERE id IN (SELECT id FROM outbox WHERE status IN ('queued', 'retrying') AND next_attempt_at < ?2 ORDER BY next_attempt_at LIMIT ?3)
       RETURNING id`,
      )
      .bind(now, now - graceMs, max),
  );
}

// ---- staff: the dashboard's list and the manual retry ----

export function selectOutbox(
  db: D1Database,
  q: { siteId: string; kind: OutboxKind | null; status: OutboxRowStatus | null; beforeId: number; limit: number },
): Typed<OutboxRow> {
  // `id < ?4` stays a plain range (no "IS NULL OR"), so outbox_site serves both the filter and the order.
  return typed(
    db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox
       WHERE site_id = ?1 AND id < ?4 AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR status = ?3)
       ORDER BY id DESC LIMIT ?5`,
      )
      .bind(q.siteId, q.kind, q.status, q.beforeId, q.limit),
  );
}

export function countFailed(db: D1Database, siteId: string): Typed<{ n: number }> {
  return typed(db.prepare("SELECT count(*) AS n FROM outbox WHERE site_id = ? AND status = 'failed'").bind(siteId));
}

/**
 * A staff member's retry of a failed row: back to queued, due now, with a fresh count of tries;
 * its audit row is written only if the row was the site's and failed (changes() of the update).
 * Returns the row when it was re-queued.
 */
export function requeueFailed(
  db: D1Database,
  r: { siteId: string; staffId: number; id: number; now: number },
): [Typed<OutboxRow>, D1PreparedStatement] {
  return [
    typed(
      db
        .prepare(
          `UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ?3
           WHERE id = ?1 AND site_id = ?2 AND status = 'failed'
           RETURNING ${COLUMNS}`,
        )
        .bind(r.id, r.siteId, r.now),
    ),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'delivery_retry', 'delivery', CAST(o.id AS TEXT),
                json_object('kind', o.kind, 'topic', o.topic, 'lastError', o.last_error), ?3
         FROM outbox o WHERE changes() = 1 AND o.id = ?4 AND o.site_id = ?1`,
      )
      .bind(r.siteId, r.staffId, r.now, r.id),
  ];
}
