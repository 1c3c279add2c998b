// SQL for statements of reasons (DSA Art. 17, migration 0012): one row per decision that removes,
// holds, restricts or restores a comment, inserted IN THE SAME BATCH as the status change it
// explains, and the reads that show them to the author, the staff and the transparency export.
import { typed, type Typed } from "./typed";
import { contestUntil } from "../../common/dsa/grounds";
import type { AppealStatus, StatementDecision, StatementSource, StatementView } from "../schemas/dsa-views";

/**
 * A piece of SQL with its own parameters, numbered from ?1 (or anonymous ?) as if it stood alone:
 * insertStatement renumbers them into its statement. It must not contain a literal '?'.
 */
export interface SqlFragment {
  sql: string;
  params?: unknown[];
}

/** Renumbers a fragment's parameters to follow `offset` parameters already bound. */
function place(fragment: SqlFragment, offset: number): { sql: string; params: unknown[] } {
  const params = fragment.params ?? [];
  let next = 0;
  const sql = fragment.sql.replace(/\?(\d*)/g, (_, n: string) => {
    const index = n === "" ? ++next : Number(n);
    if (index < 1 || index > params.length) throw new Error(`SqlFragment parameter ?${n} has no value`);
    return `?${offset + index}`;
  });
  return { sql, params };
}

export interface StatementInput {
  siteId: string;
  /**
   * The comment(s) decided: an id, a list of ids (one row each, e.g. a bulk rejection), or an SQL
   * expression giving the id inside the batch, e.g. `{ sql: "last_insert_rowid()" }` right after
   * the comment's insert, or a scalar subquery; or `{ matching }`, a condition on the comment row
   * `c` (every comment of the site it matches gets one, e.g. all those a ban just rejected).
   */
  comment: number | number[] | SqlFragment | { matching: SqlFragment };
  decision: StatementDecision;
  source: StatementSource;
  facts: string;
  automatedDetection: boolean;
  automatedDecision: boolean;
  groundKind: "illegal" | "terms";
  ground: string;
  groundLabel: string;
  explanation?: string | null;
  staffId?: number | null;
  noticeId?: number | null;
  appealId?: number | null;
  /**
   * Only for a comment in this status when the statement runs: placed after the status change in
   * the batch, this records a decision only where the change went through.
   */
  onlyIfStatus?: "published" | "pending" | "rejected";
  /** A further condition on the comment row `c` (e.g. the same test the status change makes, placed before it). */
  when?: SqlFragment;
  now: number;
}

/**
 * The INSERT … SELECT of one statement per comment named, usable anywhere in a batch. Nothing is
 * inserted for a comment that is not the site's, or fails onlyIfStatus / when. Returns the ids.
 * A 'restored' statement has nothing to contest (contest_until NULL); any other may be appealed
 * for 6 months (common/dsa/grounds.ts contestUntil).
 */
export function insertStatement(db: D1Database, s: StatementInput): Typed<{ id: number; comment_id: number }> {
  const params: unknown[] = [
    s.siteId,
    s.decision,
    s.source,
    s.facts,
    s.automatedDetection ? 1 : 0,
    s.automatedDecision ? 1 : 0,
    s.groundKind,
    s.ground,
    s.groundLabel,
    s.explanation ?? null,
    s.staffId ?? null,
    s.noticeId ?? null,
    s.appealId ?? null,
    s.decision === "restored" ? null : contestUntil(s.now),
    s.now,
    s.onlyIfStatus ?? null,
  ];
  let target: string;
  if (typeof s.comment === "number") {
    params.push(s.comment);
    target = `c.id = ?${params.length}`;
  } else if (Array.isArray(s.comment)) {
    params.push(JSON.stringify(s.comment));
    target = `c.id IN (SELECT value FROM json_each(?${params.length}))`;
  } else if ("matching" in s.comment) {
    const placed = place(s.comment.matching, params.length);
    params.push(...placed.params);
    target = `(${placed.sql})`;
  } else {
    const placed = place(s.comment, params.length);
    params.push(...placed.params);
    target = `c.id = (${placed.sql})`;
  }
  let extra = "";
  if (s.when) {
    const placed = place(s.when, params.length);
    params.push(...placed.params);
    extra = ` AND (${placed.sql})`;
  }
  return typed(
    db
      .prepare(
        `INSERT INTO statements (site_id, comment_id, decision, source, facts, automated_detection, automated_decision,
                               ground_kind, ground, ground_label, explanation, staff_id, notice_id, appeal_id,
                               contest_until, created_at)
       SELECT c.site_id, c.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15
       FROM comments c
       WHERE ${target} AND c.site_id = ?1 AND (?16 IS NULL OR c.status = ?16)${extra}
       ORDER BY c.id
       RETURNING id, comment_id`,
      )
      .bind(...params),
  );
}

/** A statement with its appeal, if any, as the reads below return it. */
export interface StatementRow {
  id: number;
  site_id: string;
  comment_id: number;
  decision: StatementDecision;
  source: StatementSource;
  facts: string;
  automated_detection: number;
  automated_decision: number;
  ground_kind: "illegal" | "terms";
  ground: string;
  ground_label: string;
  explanation: string | null;
  staff_id: number | null;
  notice_id: number | null;
  appeal_id: number | null;
  contest_until: number | null;
  created_at: number;
  appeal_row_id: number | null;
  appeal_status: AppealStatus | null;
  appeal_created_at: number | null;
  appeal_decided_at: number | null;
  appeal_explanation: string | null;
}

export const SELECT_STATEMENT = `SELECT s.id, s.site_id, s.comment_id, s.decision, s.source, s.facts, s.automated_detection,
       s.automated_decision, s.ground_kind, s.ground, s.ground_label, s.explanation, s.staff_id, s.notice_id,
       s.appeal_id, s.contest_until, s.created_at,
       a.id AS appeal_row_id, a.status AS appeal_status, a.created_at AS appeal_created_at,
       a.decided_at AS appeal_decided_at, a.explanation AS appeal_explanation
  FROM statements s LEFT JOIN appeals a ON a.statement_id = s.id`;

/** The latest statement of each of these comments (statements_comment), with its appeal. */
export function selectLatestStatements(db: D1Database, siteId: string, commentIds: number[]): Typed<StatementRow> {
  return typed(
    db
      .prepare(
        `${SELECT_STATEMENT}
       WHERE s.id IN (SELECT (SELECT max(id) FROM statements WHERE comment_id = j.value) FROM json_each(?1) AS j)
         AND s.site_id = ?2`,
      )
      .bind(JSON.stringify(commentIds), siteId),
  );
}

export function selectStatement(db: D1Database, siteId: string, id: number): Typed<StatementRow> {
  return typed(db.prepare(`${SELECT_STATEMENT} WHERE s.id = ?1 AND s.site_id = ?2`).bind(id, siteId));
}

/** A site's statements decided in [from, to) (statements_site_time), oldest first. */
export function selectStatementsInPeriod(db: D1Database, siteId: string, from: number, to: number): Typed<StatementRow> {
  return typed(
    db
      .prepare(`${SELECT_STATEMENT} WHERE s.site_id = ?1 AND s.created_at >= ?2 AND s.created_at < ?3 ORDER BY s.created_at, s.id`)
      .bind(siteId, from, to),
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the author (or staff) read of a statement; `now` decides whether it may still be appealed. */
export function toStatementView(row: StatementRow, now: number): StatementView {
  const appeal =
    row.appeal_row_id !== null
      ? {
          id: row.appeal_row_id,
          status: row.appeal_status!,
          createdAt: iso(row.appeal_created_at!),
          decidedAt: row.appeal_decided_at !== null ? iso(row.appeal_decided_at) : null,
          explanation: row.appeal_explanation,
        }
      : null;
  return {
    id: row.id,
    decision: row.decision,
    decidedAt: iso(row.created_at),
    source: row.source,
    facts: row.facts,
    automatedDetection: row.automated_detection === 1,
    automatedDecision: row.automated_decision === 1,
    groundKind: row.ground_kind,
    ground: row.ground,
    groundLabel: row.ground_label,
    explanation: row.explanation,
    contestUntil: row.contest_until !== null ? iso(row.contest_until) : null,
    canAppeal: row.decision !== "restored" && row.contest_until !== null && now <= row.contest_until && appeal === null,
    appeal,
  };
}

/** What a mail about a statement needs: the statement, the comment's text, its story, and the author's address if known. */
export interface StatementMailRow {
  id: number;
  comment_id: number;
  decision: StatementDecision;
  facts: string;
  ground_label: string;
  explanation: string | null;
  automated_detection: number;
  automated_decision: number;
  contest_until: number | null;
  body: string;
  story_key: string;
  story_title: string | null;
  story_url: string | null;
  email: string | null;
}

/**
 * The author's address: the email of their sign-in through the site (SSO), else an address they
 * confirmed for reply notifications and did not stop.
 */
export function selectStatementMails(db: D1Database, siteId: string, ids: number[]): Typed<StatementMailRow> {
  return typed(
    db
      .prepare(
        `SELECT s.id, s.comment_id, s.decision, s.facts, s.ground_label, s.explanation, s.automated_detection,
              s.automated_decision, s.contest_until, c.body, st.key AS story_key, st.title AS story_title, st.url AS story_url,
              coalesce(nullif(a.email, ''), (SELECT n.email FROM notify_addresses n
                 WHERE n.commenter_id = a.id AND n.site_id = s.site_id AND n.status = 'active'
                 ORDER BY n.confirmed_at DESC LIMIT 1)) AS email
       FROM statements s
       JOIN comments c ON c.id = s.comment_id
       JOIN commenters a ON a.id = c.author_id
       JOIN stories st ON st.id = c.story_id
       WHERE s.id IN (SELECT value FROM json_each(?1)) AND s.site_id = ?2
       ORDER BY s.id`,
      )
      .bind(JSON.stringify(ids), siteId),
  );
}
