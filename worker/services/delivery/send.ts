// The producer side of delivery: write the outbox row, then enqueue its id on DELIVERIES. The row
// is written first and whatever mail configuration exists, so nothing is lost: a failed enqueue
// leaves it queued for requeueStale (called by the scheduled tick), and in local development,
// with no mail configured, the outbox is the mailbox.
import type { Typed } from "../../db/typed";
import type { SiteRecord } from "../../db/sites";
import { insertOutbox, takeOverdue } from "../../db/outbox";
import { homeName } from "../../lib/databases";
import type { Env } from "../../env";
import { ApiError } from "../../lib/errors";
import { isMailAddress } from "./address";
import type { MailRequest, WebhookRequest } from "./types";

async function insertAndEnqueue(env: Env, insert: Typed<{ id: number }>): Promise<number> {
  const row = await insert.first();
  if (!row) throw new Error("outbox insert returned no id");
  try {
    await env.DELIVERIES.send({ id: row.id, db: homeName(env) });
  } catch (err) {
    // The row stays queued: the next sweep re-sends it. The caller's action must not fail for it.
    console.error("DELIVERIES.send failed; outbox row left for the sweep", row.id, err);
  }
  return row.id;
}

/**
 * Writes a mail to the outbox and enqueues it; returns the row id. A bad address is refused here
 * (400 validation_failed, issue code invalid_email at `to`) so the API caller hears of it.
 */
export async function queueMail(env: Env, mail: MailRequest, now: number): Promise<number> {
  if (!isMailAddress(mail.to)) {
    throw new ApiError(400, "validation_failed", "Invalid request. to: this is not an email address.", [
      { path: ["to"], message: "this is not an email address", code: "invalid_email" },
    ]);
  }
  return insertAndEnqueue(
    env,
    insertOutbox(env.DB, {
      siteId: mail.siteId,
      kind: "mail",
      topic: mail.topic,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      html: mail.html ?? null,
      headers: mail.headers ?? {},
      now,
    }),
  );
}

/** Writes a webhook call to the outbox and enqueues it; null (nothing written) when the site has no webhook. */
export async function queueWebhook(env: Env, site: SiteRecord, req: WebhookRequest, now: number): Promise<number | null> {
  const url = site.settings.webhookUrl;
  if (url === "") return null;
  // The outbox lists a webhook by its text's first line (the rest is the dashboard's link).
  const text = typeof req.payload.text === "string" ? (req.payload.text.split("\n")[0] ?? "") : "";
  return insertAndEnqueue(
    env,
    insertOutbox(env.DB, {
      siteId: site.id,
      kind: "webhook",
      topic: req.topic,
      recipient: url,
      subject: text,
      body: JSON.stringify(req.payload),
      html: null,
      headers: {},
      now,
    }),
  );
}

/** A waiting row whose try is this late has lost its queue message. */
export const STALE_AFTER_MS = 5 * 60_000;
// sendBatch takes at most 100 messages
const SWEEP_MAX = 100;

/**
 * Re-sends the queue messages of rows still queued or retrying whose next try is overdue by more
 * than STALE_AFTER_MS; returns how many. Called by the scheduled tick.
 */
export async function requeueStale(env: Env, now: number): Promise<number> {
  const { results } = await takeOverdue(env.DB, now, STALE_AFTER_MS, SWEEP_MAX).all();
  if (results.length === 0) return 0;
  try {
    await env.DELIVERIES.sendBatch(results.map((r) => ({ body: { id: r.id, db: homeName(env) } })));
  } catch (err) {
    // Their due time moved to now: the sweep after the next grace period tries again.
    console.error("DELIVERIES.sendBatch failed in the sweep", err);
    return 0;
  }
  return results.length;
}
