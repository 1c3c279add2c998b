// A receiver that fails: a 500 is retried with a growing delay, the attempts and the error counted
// on the row, and the next success marks it sent; five failures dead-letter it (failed, with the
// error); 410 Gone and other 4xx fail at once; a slow receiver times out and is retried; one
// message's failure does not fail the others of its batch.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { BACKOFF_SECONDS, MAX_TRIES } from "../../../worker/services/delivery/consume";
import { createSite } from "../support";
import { deliver, outboxRow, received, receiverUrl, uniqueKey, webhookRow } from "./support";

it("retries a 500 after a delay, counting the attempt and storing the error; the next success marks it sent", async () => {
  const key = uniqueKey();
  const site = await createSite();
  const id = await webhookRow(site.id, receiverUrl(`/hook/flaky/${key}`));
  const before = Date.now();

  expect(await deliver([id])).toEqual({ acked: [], retried: [{ row: id, delaySeconds: BACKOFF_SECONDS[0] }] });
  const waiting = await outboxRow(id);
  expect(waiting).toMatchObject({ status: "retrying", attempts: 1, sent_at: null });
  expect(waiting.last_error).toMatch(/^HTTP 500/);
  expect(waiting.next_attempt_at).toBeGreaterThanOrEqual(before + BACKOFF_SECONDS[0] * 1000);

  expect(await deliver([id])).toEqual({ acked: [id], retried: [] });
  expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 2, last_error: null, next_attempt_at: null });
  expect(await received(key)).toHaveLength(2);
});

it("backs off further at each try, then after the last one marks the row failed with the error and acks", async () => {
  const key = uniqueKey();
  const site = await createSite();
  const id = await webhookRow(site.id, receiverUrl(`/hook/fail/${key}`));
  for (let tryNumber = 1; tryNumber < MAX_TRIES; tryNumber++) {
    expect(await deliver([id])).toEqual({ acked: [], retried: [{ row: id, delaySeconds: BACKOFF_SECONDS[tryNumber - 1] }] });
    expect(await outboxRow(id)).toMatchObject({ status: "retrying", attempts: tryNumber });
  }
  expect(await deliver([id])).toEqual({ acked: [id], retried: [] });
  const row = await outboxRow(id);
  expect(row).toMatchObject({ status: "failed", attempts: MAX_TRIES, next_attempt_at: null, sent_at: null });
  expect(row.last_error).toMatch(/^HTTP 500.*\(gave up after 5 tries\)$/);
  expect(await received(key)).toHaveLength(MAX_TRIES);

  // A late duplicate of its message changes nothing and calls nobody.
  expect(await deliver([id])).toEqual({ acked: [id], retried: [] });
  expect(await received(key)).toHaveLength(MAX_TRIES);
  expect((await outboxRow(id)).attempts).toBe(MAX_TRIES);
});

it("fails a 410 Gone at once, saying the receiver is gone", async () => {
  const key = uniqueKey();
  const id = await webhookRow((await createSite()).id, receiverUrl(`/hook/gone/${key}`));
  expect(await deliver([id])).toEqual({ acked: [id], retried: [] });
  const row = await outboxRow(id);
  expect(row).toMatchObject({ status: "failed", attempts: 1 });
  expect(row.last_error).toMatch(/^HTTP 410 Gone: the receiver is gone/);
});

it("fails another 4xx at once (a retry would not help), and does not follow a redirect", async () => {
  const site = await createSite();
  const bad = await webhookRow(site.id, receiverUrl(`/hook/bad/${uniqueKey()}`));
  const moved = await webhookRow(site.id, receiverUrl(`/hook/redirect/${uniqueKey()}`));
  expect(await deliver([bad, moved])).toEqual({ acked: [bad, moved], retried: [] });
  expect((await outboxRow(bad)).last_error).toMatch(/^HTTP 400: refused by the receiver, a retry would not help/);
  expect((await outboxRow(moved)).last_error).toMatch(/^HTTP 301: the receiver redirects to http:\/\/example.com\/elsewhere/);
  expect((await outboxRow(moved)).status).toBe("failed");
});

it("times out a slow receiver and retries it", async () => {
  const id = await webhookRow((await createSite()).id, receiverUrl(`/hook/slow/${uniqueKey()}`));
  const started = Date.now();
  expect(await deliver([id], { DELIVERY_TIMEOUT_MS: "300" })).toEqual({
    acked: [],
    retried: [{ row: id, delaySeconds: BACKOFF_SECONDS[0] }],
  });
  expect(Date.now() - started).toBeLessThan(2500);
  expect(await outboxRow(id)).toMatchObject({ status: "retrying", attempts: 1, last_error: "timeout after 0.3 s" });
});

it("retries a receiver that cannot be reached, with the network error", async () => {
  // Port 9 (discard) on this machine: nothing listens.
  const id = await webhookRow((await createSite()).id, "http://127.0.0.1:9/hook");
  expect((await deliver([id])).retried).toEqual([{ row: id, delaySeconds: BACKOFF_SECONDS[0] }]);
  expect((await outboxRow(id)).last_error).toMatch(/^network error: /);
});

it("handles each message of a batch on its own: a failure does not hold back the others", async () => {
  const site = await createSite();
  const okKey = uniqueKey();
  const ok = await webhookRow(site.id, receiverUrl(`/hook/ok/${okKey}`));
  const failing = await webhookRow(site.id, receiverUrl(`/hook/fail/${uniqueKey()}`));
  const gone = await webhookRow(site.id, receiverUrl(`/hook/gone/${uniqueKey()}`));
  const missing = 987_654_321;
  const result = await deliver([ok, failing, gone, missing]);
  expect(result.acked.sort()).toEqual([ok, gone, missing].sort());
  expect(result.retried).toEqual([{ row: failing, delaySeconds: BACKOFF_SECONDS[0] }]);
  expect((await outboxRow(ok)).status).toBe("sent");
});

it("refuses at send time a plain-http URL once Palabre is no longer in development", async () => {
  const key = uniqueKey();
  const id = await webhookRow((await createSite()).id, receiverUrl(`/hook/ok/${key}`));
  expect(await deliver([id], { PALABRE_URL: "https://comments.example.org" })).toEqual({ acked: [id], retried: [] });
  expect((await outboxRow(id)).last_error).toMatch(/^webhook URL refused: http is allowed only for localhost/);
  expect(await received(key)).toHaveLength(0);
  expect(env.PALABRE_URL).toBe("http://localhost:8787");
});
