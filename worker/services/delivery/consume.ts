// The DELIVERIES queue's consumer: each message names an outbox row, tried once per delivery of
// the message. A failed try is counted on the row with its error and retried by the queue after a
// growing delay; after MAX_TRIES, or at once when a retry cannot help (410 Gone, other 4xx, a bad
// address), the row is marked failed and the message acked: that is the dead letter, shown in the
// dashboard. One message's failure never fails the batch.
import { findOutboxRow, markFailed, markRetrying, markSent, type OutboxRow } from "../../db/outbox";
import { findSite } from "../../db/sites";
import { homeEnv, isDatabaseName, REGISTRY } from "../../lib/databases";
import type { Env } from "../../env";
import { webhookUrlProblem } from "./address";
import { sendMail } from "./mailer";
import { tryTimeoutMs, type Outcome } from "./outcome";
import type { DeliveryMessage } from "./types";
import { postWebhook } from "./webhook";

/** Delay before the 2nd, 3rd, 4th and 5th tries. */
export const BACKOFF_SECONDS = [30, 120, 600, 1800] as const;
export const MAX_TRIES = BACKOFF_SECONDS.length + 1;

async function attempt(env: Env, row: OutboxRow, now: number): Promise<Outcome> {
  if (row.kind === "mail") return sendMail(env, row, tryTimeoutMs(env));
  // The URL was checked when saved; checked again in case Palabre moved out of development since.
  const problem = webhookUrlProblem(row.recipient, env.PALABRE_URL);
  if (problem) return { ok: false, error: `webhook URL refused: ${problem}`, retry: false };
  const site = await findSite(env.DB, row.site_id);
  return postWebhook(row, site?.settings.webhookSecret ?? "", tryTimeoutMs(env), now);
}

async function deliver(message: Message<DeliveryMessage>, isolateEnv: Env): Promise<void> {
  const id = message.body?.id;
  const home = message.body?.db ?? REGISTRY;
  if (!Number.isSafeInteger(id) || id <= 0 || typeof home !== "string" || !isDatabaseName(home)) {
    console.error("DELIVERIES: a message without an outbox id or with no database's name, dropped", message.id);
    return message.ack();
  }
  // The row is in the outbox of the database the message names (a site's own, issue 14). A binding
  // this Worker lacks throws: the message comes back, until the deployment has it again.
  const env = homeEnv(isolateEnv, home);
  const row = await findOutboxRow(env.DB, id);
  // Gone, or final already (a duplicate message, or a retry that raced a manual one): nothing to do.
  if (!row || row.status === "sent" || row.status === "failed") return message.ack();

  const outcome = await attempt(env, row, Date.now());
  const now = Date.now();
  if (outcome.ok) {
    await markSent(env.DB, row.id, outcome.via, now);
    return message.ack();
  }
  const tries = row.attempts + 1;
  if (!outcome.retry || tries >= MAX_TRIES) {
    const error = outcome.retry ? `${outcome.error} (gave up after ${tries} tries)` : outcome.error;
    await markFailed(env.DB, row.id, error, true);
    return message.ack();
  }
  const delaySeconds = BACKOFF_SECONDS[tries - 1]!;
  await markRetrying(env.DB, row.id, outcome.error, now + delaySeconds * 1000);
  message.retry({ delaySeconds });
}

/**
 * Messages tried at once. A Worker has 6 outgoing connections at a time; a fetch waiting for one
 * would spend its own timeout waiting, so no more tries run together than connections exist.
 */
const CONCURRENCY = 5;

export async function consumeDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const pending = [...batch.messages];
  const worker = async () => {
    for (let message = pending.shift(); message; message = pending.shift()) {
      try {
        await deliver(message, env);
      } catch (err) {
        // D1 unavailable, say: the row is untouched; let the queue bring the message back.
        console.error("DELIVERIES: message failed, retried", message.body?.id, err);
        message.retry({ delaySeconds: BACKOFF_SECONDS[0] });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, worker));
}
