// Helpers for the delivery tests: the local receiver (test/worker/delivery/receiver.mjs, started by
// the worker project's globalSetup), the real queue handler called on outbox rows, rows read back.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import worker from "../../../worker/index";
import { insertOutbox, type OutboxRow } from "../../../worker/db/outbox";
import type { Env } from "../../../worker/env";
import type { DeliveryMessage } from "../../../worker/services/delivery/types";

declare module "vitest" {
  export interface ProvidedContext {
    deliveryReceiverPort: number;
  }
}

/** The secret the receiver verifies signatures with (RECEIVER_SECRET in receiver.mjs). */
export const RECEIVER_SECRET = "receiver-test-secret-0123456789abcdef";

export function receiverUrl(path: string): string {
  return `http://127.0.0.1:${inject("deliveryReceiverPort")}${path}`;
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** null: no signature header; else whether the receiver's own check accepted it */
  verified: boolean | null;
}

export async function received(key: string): Promise<Received[]> {
  const res = await fetch(receiverUrl(`/log/${key}`));
  return (await res.json()) as Received[];
}

export function uniqueKey(): string {
  return crypto.randomUUID().slice(0, 12);
}

let messageCounter = 0;

/**
 * Hands these outbox rows to the worker's own queue handler as one batch; answers what it did with
 * each message (acked, or retried with the delay it asked for). `extra` adds bindings (mail
 * configuration, a lower per-try timeout). The pool's getQueueResult reports acks and retries but
 * not the delay, so each message is seen through a wrapper that notes the options of retry().
 */
export async function deliver(ids: number[], extra: Partial<Env> & { DELIVERY_TIMEOUT_MS?: string } = {}) {
  const messages = ids.map((id) => ({ id: `msg-${++messageCounter}`, timestamp: new Date(), attempts: 1, body: { id } }));
  const batch = createMessageBatch<DeliveryMessage>("palabre-deliveries", messages);
  const delays = new Map<string, number | undefined>();
  const seen: MessageBatch<DeliveryMessage> = {
    queue: batch.queue,
    metadata: batch.metadata,
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: QueueRetryOptions) => {
        delays.set(m.id, options?.delaySeconds);
        m.retry(options);
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (options?: QueueRetryOptions) => batch.retryAll(options),
  };
  const ctx = createExecutionContext();
  await worker.queue(seen, { ...(env as unknown as Env), ...extra } as Env);
  const result = await getQueueResult(batch, ctx);
  const byRow = (msgId: string) => ids[messages.findIndex((m) => m.id === msgId)];
  return {
    acked: result.explicitAcks.map(byRow),
    retried: result.retryMessages.map((r: { msgId: string }) => ({ row: byRow(r.msgId), delaySeconds: delays.get(r.msgId) })),
  };
}

export async function outboxRow(id: number): Promise<OutboxRow> {
  const row = await env.DB.prepare("SELECT * FROM outbox WHERE id = ?").bind(id).first<OutboxRow>();
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

/** Writes an outbox row directly (as queueWebhook would for a site whose URL is `to`). */
export async function webhookRow(siteId: string, to: string, payload: object = { text: "Alerte", content: "Alerte" }): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO outbox (site_id, kind, topic, recipient, subject, body, created_at, next_attempt_at)
     VALUES (?, 'webhook', 'alert', ?, 'Alerte', ?, ?, ?) RETURNING id`,
  )
    .bind(siteId, to, JSON.stringify(payload), Date.now(), Date.now())
    .first<{ id: number }>();
  return row!.id;
}

/** Writes a mail row with the producer's own SQL but does not enqueue it (the test delivers it). */
export async function mailRow(siteId: string, overrides: { to?: string; html?: string | null } = {}): Promise<number> {
  const row = await insertOutbox(env.DB, {
    siteId,
    kind: "mail",
    topic: "reply",
    recipient: overrides.to ?? "lecteur@example.org",
    subject: "Une réponse à votre commentaire",
    body: "Bonjour,\nquelqu'un vous a répondu.",
    html: overrides.html === undefined ? "<p>Bonjour,</p><p>quelqu'un vous a répondu.</p>" : overrides.html,
    headers: { "List-Unsubscribe": "<https://palabre.test/u/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    now: Date.now(),
  }).first<{ id: number }>();
  return row!.id;
}

/** Waits until the real queue (miniflare's, consumed by the worker's own handler) has settled the row. */
export async function settled(id: number, timeoutMs = 8000): Promise<OutboxRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await outboxRow(id);
    if (row.status === "sent" || row.status === "failed" || Date.now() > until) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
