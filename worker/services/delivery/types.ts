// What travels on the DELIVERIES queue, and what the rest of the worker hands to delivery. A
// message names an outbox row; the row holds the content, so that nothing is lost when the queue
// drops a message and staff can read every delivery, sent or failed, in the dashboard.
export interface DeliveryMessage {
  /** outbox row id */
  id: number;
  /** the database whose outbox holds it (lib/databases.ts; absent in messages from before issue 14: DB) */
  db?: string;
}

/** A mail to send: always written to the outbox, then sent by EMAIL or the HTTP provider if configured. */
export interface MailRequest {
  siteId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) */
  headers?: Record<string, string>;
  /** what the mail is about, for the outbox's filters: alert, confirm, reply, staff-reply, featured */
  topic: string;
}

/** A webhook call for an incident (opening, or resolution when the site asks for it). */
export interface WebhookRequest {
  siteId: string;
  /** the JSON body, `text` and `content` included (Slack and Discord) */
  payload: Record<string, unknown>;
  topic: string;
}
