// Webhooks through the real queue handler to a local receiver: signed so that the receiver's own
// check accepts it, sent unsigned without a secret, enqueued on DELIVERIES by queueWebhook.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { findSite } from "../../../worker/db/sites";
import type { Env } from "../../../worker/env";
import { queueWebhook } from "../../../worker/services/delivery/send";
import { createSite } from "../support";
import { deliver, outboxRow, settled, RECEIVER_SECRET, received, receiverUrl, uniqueKey, webhookRow } from "./support";

it("POSTs the payload as JSON with a signature the receiver's own code verifies, and marks the row sent", async () => {
  const key = uniqueKey();
  const url = receiverUrl(`/hook/ok/${key}`);
  const site = await createSite({ settings: { webhookUrl: url, webhookSecret: RECEIVER_SECRET } });
  const payload = { text: "Bad buzz on « Municipales »", content: "Bad buzz on « Municipales »", figures: { lastHour: 120 } };
  const before = Math.floor(Date.now() / 1000);
  const id = await queueWebhook(
    env as unknown as Env,
    (await findSite(env.DB, site.id))!,
    { siteId: site.id, payload, topic: "alert" },
    Date.now(),
  );
  expect(id).toBeTypeOf("number");

  // Enqueued on the real DELIVERIES queue: miniflare hands it to the worker's own consumer.
  expect(await settled(id!)).toMatchObject({ status: "sent" });
  const calls = await received(key);
  expect(calls).toHaveLength(1);
  const [call] = calls;
  expect(call!.body).toBe(JSON.stringify(payload));
  expect(call!.headers["content-type"]).toBe("application/json");
  expect(call!.headers["user-agent"]).toBe("Palabre");
  expect(call!.headers["x-palabre-delivery"]).toBe(String(id));
  expect(Number(call!.headers["x-palabre-timestamp"])).toBeGreaterThanOrEqual(before);
  expect(call!.headers["x-palabre-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(call!.verified).toBe(true);

  const row = await outboxRow(id!);
  expect(row).toMatchObject({
    kind: "webhook",
    status: "sent",
    attempts: 1,
    last_error: null,
    via: "http",
    recipient: url,
    subject: payload.text,
  });
  expect(row.sent_at).toBeGreaterThan(0);
});

it("a signature made with another secret does not verify at the receiver", async () => {
  const key = uniqueKey();
  const site = await createSite({ settings: { webhookSecret: "another-secret-entirely-0123456789" } });
  const id = await webhookRow(site.id, receiverUrl(`/hook/ok/${key}`));
  await deliver([id]);
  expect((await received(key))[0]!.verified).toBe(false);
});

it("without a secret the webhook is still sent, without a signature header", async () => {
  const key = uniqueKey();
  const site = await createSite();
  const id = await webhookRow(site.id, receiverUrl(`/hook/ok/${key}`));
  await deliver([id]);
  const [call] = await received(key);
  expect(call!.headers["x-palabre-signature"]).toBeUndefined();
  expect(call!.headers["x-palabre-timestamp"]).toMatch(/^\d+$/);
  expect(call!.verified).toBeNull();
  expect((await outboxRow(id)).status).toBe("sent");
});

it("queueWebhook writes nothing when the site has no webhook URL", async () => {
  const site = await createSite();
  const before = await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>();
  const id = await queueWebhook(
    env as unknown as Env,
    (await findSite(env.DB, site.id))!,
    { siteId: site.id, payload: { text: "x" }, topic: "alert" },
    Date.now(),
  );
  expect(id).toBeNull();
  expect(await env.DB.prepare("SELECT count(*) AS n FROM outbox").first<{ n: number }>()).toEqual(before);
});
