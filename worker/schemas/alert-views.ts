// Response shapes of the alerts and the outbox (/api/admin/sites/{site}/alerts, …/outbox): the
// contract the dashboard reads (types only).

export type AlertRule = "buzz" | "reports" | "pending" | "to_answer";

/**
 * What fired an incident, as last measured (updated at each tick while it goes on). Each rule
 * fills its own fields: buzz `lastHour`, `hourlyAverage`, `factor`, `floor`; reports `lastHour`,
 * `threshold`; pending and to_answer `waiting` (how many items are past the limit), `oldestAt`
 * (ISO) and `limitMinutes` / `limitHours`. `peak` is the highest `lastHour` or `waiting` seen.
 */
export interface IncidentFigures {
  lastHour?: number;
  hourlyAverage?: number;
  factor?: number;
  floor?: number;
  threshold?: number;
  waiting?: number;
  oldestAt?: string;
  limitMinutes?: number;
  limitHours?: number;
  peak: number;
}

export interface IncidentView {
  id: number;
  rule: AlertRule;
  /** the story of a buzz; null for the site-wide rules */
  story: { id: number; key: string; title: string | null; url: string | null } | null;
  status: "open" | "resolved";
  figures: IncidentFigures;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: number; name: string } | null;
}

/** GET /api/admin/sites/{site}/alerts?status=open|all (open first, newest first) */
export interface AlertsResponse {
  incidents: IncidentView[];
}

/** GET and PUT /api/admin/sites/{site}/alert-mail: the signed-in staff member's opt-in for this site */
export interface AlertMailResponse {
  enabled: boolean;
  /** where the mails go (the staff member's sign-in email) */
  email: string;
}

export type OutboxStatus = "queued" | "sent" | "retrying" | "failed";

export interface OutboxItemView {
  id: number;
  kind: "mail" | "webhook";
  /** alert, confirm, reply, staff-reply, featured… */
  topic: string;
  /** the mail's address or the webhook's URL */
  to: string;
  /** the mail's subject; for a webhook, its `text` */
  subject: string;
  /** the mail's text, or the webhook's JSON body */
  body: string;
  status: OutboxStatus;
  attempts: number;
  /** why the last try failed ("HTTP 500", "timeout after 10 s"…) */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** when the next try is due, while retrying */
  nextAttemptAt: string | null;
  /** how a sent delivery went out: Email Service, the mail provider's API, "outbox" when no mail
   * is configured (local development: the row is the mail), "http" for a webhook */
  via: "email" | "api" | "outbox" | "http" | null;
}

/** GET /api/admin/sites/{site}/outbox?kind=&status=&cursor= (newest first) */
export interface OutboxResponse {
  items: OutboxItemView[];
  nextCursor: string | null;
  /** how many deliveries have failed for good (shown in the header until looked at) */
  failedCount: number;
}
