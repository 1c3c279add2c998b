// Nothing is lost when the queue is: a row whose enqueue failed stays queued, and requeueStale
// (called by the scheduled tick) re-sends the rows whose try is overdue by more than 5 minutes,
// once per grace period, and leaves the others alone.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { queueMail, requeueStale, STALE_AFTER_MS } from "../../../worker/services/delivery/send";
import { createSite } from "../support";
import { mailRow, outboxRow, settled } from "./support";

const ENV = env as unknown as Env;

it("keeps the row queued when the enqueue fails; the sweep after the grace period sends it", async () => {
  const site = await createSite();
  const broken = { ...ENV, DELIVERIES: { send: () => Promise.reject(new Error("queue unavailable")) } } as unknown as Env;
  const now = Date.now();
  const id = await queueMail(broken, { siteId: site.id, to: "a@example.org", subject: "s", text: "t", topic: "alert" }, now);
  expect(await outboxRow(id)).toMatchObject({ status: "queued", attempts: 0, next_attempt_at: now });

  // Not yet overdue: the sweep leaves it.
  expect(await requeueStale(ENV, now + STALE_AFTER_MS - 1000)).toBe(0);
  // Overdue: re-sent on the real queue, whose consumer delivers it (to the outbox: no mail configured).
  const later = now + STALE_AFTER_MS + 1000;
  expect(await requeueStale(ENV, later)).toBeGreaterThanOrEqual(1);
  expect((await outboxRow(id)).next_attempt_at === later || (await outboxRow(id)).status === "sent").toBe(true);
  expect(await settled(id)).toMatchObject({ status: "sent", via: "outbox" });
});

it("re-sends an overdue row once per grace period, and never a final one", async () => {
  const site = await createSite();
  const waiting = await mailRow(site.id);
  const done = await mailRow(site.id);
  const long = Date.now() + 60 * 60_000;
  await env.DB.prepare("UPDATE outbox SET status = 'sent' WHERE id = ?").bind(done).run();
  // A private queue whose sends are counted, so that only this test's rows matter.
  const sent: number[] = [];
  const counting = {
    ...ENV,
    DELIVERIES: { sendBatch: async (msgs: { body: { id: number } }[]) => void sent.push(...msgs.map((m) => m.body.id)) },
  } as unknown as Env;
  await requeueStale(counting, long);
  expect(sent).toContain(waiting);
  expect(sent).not.toContain(done);
  expect((await outboxRow(waiting)).next_attempt_at).toBe(long);

  sent.length = 0;
  await requeueStale(counting, long + 60_000);
  expect(sent).not.toContain(waiting);
  await requeueStale(counting, long + STALE_AFTER_MS + 1000);
  expect(sent).toContain(waiting);
});
