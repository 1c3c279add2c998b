// The outbox in the staff API: moderators and admins read it newest first, filtered and paged,
// with the count of failed deliveries; only admins retry a failed one (audited, then sent by the
// real queue); another site's row, a row that is not failed, a moderator's retry: refused, nothing written.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { OutboxResponse } from "../../../worker/schemas/alert-views";
import { createSite, errorOf, json } from "../support";
import { admin, auditSince, lastAuditId, signedIn, snapshot, type TestStaff } from "../admin/support";
import { mailRow, received, receiverUrl, settled, uniqueKey, webhookRow } from "./support";

let siteId: string;
let otherSiteId: string;
let adminCookie: string;
let adminStaff: TestStaff;
let moderatorCookie: string;
const rows: Record<string, number> = {};
let hookKey: string;

async function setStatus(id: number, status: string, error: string | null = null): Promise<void> {
  await env.DB.prepare("UPDATE outbox SET status = ?, last_error = ?, attempts = 5 WHERE id = ?").bind(status, error, id).run();
}

beforeAll(async () => {
  siteId = (await createSite({ name: "Le Quotidien" })).id;
  otherSiteId = (await createSite({ name: "Autre" })).id;
  ({ staff: adminStaff, cookie: adminCookie } = await signedIn({ [siteId]: "admin", [otherSiteId]: "admin" }));
  ({ cookie: moderatorCookie } = await signedIn({ [siteId]: "moderator" }));
  hookKey = uniqueKey();
  rows.mailSent = await mailRow(siteId);
  await setStatus(rows.mailSent, "sent");
  rows.hookFailed = await webhookRow(siteId, receiverUrl(`/hook/ok/${hookKey}`));
  await setStatus(rows.hookFailed, "failed", "HTTP 500 (gave up after 5 tries)");
  rows.mailFailed = await mailRow(siteId, { to: "lecteur@example.org" });
  await setStatus(rows.mailFailed, "failed", "mail provider answered HTTP 500");
  rows.mailQueued = await mailRow(siteId);
  rows.otherFailed = await webhookRow(otherSiteId, receiverUrl(`/hook/ok/${uniqueKey()}`));
  await setStatus(rows.otherFailed, "failed", "HTTP 410 Gone");
});

const list = (query = "", cookie: string | null = moderatorCookie) => admin(`/sites/${siteId}/outbox${query}`, { cookie });

it("lists the site's deliveries newest first for a moderator, with the failed count, never another site's", async () => {
  const res = await list();
  expect(res.status).toBe(200);
  const body = await json<OutboxResponse>(res);
  expect(body.items.map((i) => i.id)).toEqual([rows.mailQueued, rows.mailFailed, rows.hookFailed, rows.mailSent]);
  expect(body.failedCount).toBe(2);
  expect(body.nextCursor).toBeNull();
  const failedHook = body.items.find((i) => i.id === rows.hookFailed)!;
  expect(failedHook).toMatchObject({
    kind: "webhook",
    topic: "alert",
    to: receiverUrl(`/hook/ok/${hookKey}`),
    subject: "Alerte",
    status: "failed",
    attempts: 5,
    lastError: "HTTP 500 (gave up after 5 tries)",
    sentAt: null,
    nextAttemptAt: null,
  });
  expect(failedHook.body).toBe(JSON.stringify({ text: "Alerte", content: "Alerte" }));
  expect(body.items.find((i) => i.id === rows.mailQueued)).toMatchObject({ kind: "mail", to: "lecteur@example.org", status: "queued" });
  expect(body.items.find((i) => i.id === rows.mailQueued)!.nextAttemptAt).toMatch(/^\d{4}-\d\d-\d\dT/);
});

it("filters by kind and status, and pages with a cursor", async () => {
  const mails = await json<OutboxResponse>(await list("?kind=mail"));
  expect(mails.items.map((i) => i.id)).toEqual([rows.mailQueued, rows.mailFailed, rows.mailSent]);
  const failedMails = await json<OutboxResponse>(await list("?kind=mail&status=failed"));
  expect(failedMails.items.map((i) => i.id)).toEqual([rows.mailFailed]);
  expect(failedMails.failedCount).toBe(2);

  const first = await json<OutboxResponse>(await list("?limit=2"));
  expect(first.items.map((i) => i.id)).toEqual([rows.mailQueued, rows.mailFailed]);
  expect(first.nextCursor).toEqual(expect.any(String));
  const second = await json<OutboxResponse>(await list(`?limit=2&cursor=${first.nextCursor}`));
  expect(second.items.map((i) => i.id)).toEqual([rows.hookFailed, rows.mailSent]);
  expect(second.nextCursor).toBeNull();
});

it("refuses a bad filter or a cursor of another listing", async () => {
  const kind = await list("?kind=sms");
  expect(kind.status).toBe(400);
  expect((await errorOf(kind)).code).toBe("validation_failed");
  const status = await list("?status=lost");
  expect(status.status).toBe(400);
  const auditCursor = btoa(`audit:${rows.mailQueued}`).replace(/=+$/, "");
  const cursor = await list(`?cursor=${auditCursor}`);
  expect(cursor.status).toBe(400);
  expect((await errorOf(cursor)).code).toBe("invalid_cursor");
});

it("lets an admin retry a failed delivery: queued again, audited, and sent by the queue", async () => {
  const auditFrom = await lastAuditId();
  const res = await admin(`/sites/${siteId}/outbox/${rows.hookFailed}/retry`, { method: "POST", cookie: adminCookie });
  expect(res.status).toBe(200);
  const { item } = await json<{ item: OutboxResponse["items"][number] }>(res);
  expect(item).toMatchObject({ id: rows.hookFailed, status: "queued", attempts: 0 });
  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: adminStaff.id,
      action: "delivery_retry",
      target_type: "delivery",
      target_id: String(rows.hookFailed),
      detail: { kind: "webhook", topic: "alert", lastError: "HTTP 500 (gave up after 5 tries)" },
    },
  ]);
  expect(await settled(rows.hookFailed)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
  expect(await received(hookKey)).toHaveLength(1);
  expect((await json<OutboxResponse>(await list())).failedCount).toBe(1);
});

it("refuses, writing nothing, another site's row, a row that is not failed, a moderator's retry, no session", async () => {
  const before = await snapshot();
  const outboxBefore = JSON.stringify((await env.DB.prepare("SELECT * FROM outbox ORDER BY id").all()).results);

  const other = await admin(`/sites/${siteId}/outbox/${rows.otherFailed}/retry`, { method: "POST", cookie: adminCookie });
  expect(other.status).toBe(404);
  expect((await errorOf(other)).code).toBe("delivery_not_found");
  const notFailed = await admin(`/sites/${siteId}/outbox/${rows.mailSent}/retry`, { method: "POST", cookie: adminCookie });
  expect(notFailed.status).toBe(404);
  const missing = await admin(`/sites/${siteId}/outbox/999999/retry`, { method: "POST", cookie: adminCookie });
  expect(missing.status).toBe(404);
  const moderator = await admin(`/sites/${siteId}/outbox/${rows.mailFailed}/retry`, { method: "POST", cookie: moderatorCookie });
  expect(moderator.status).toBe(403);
  expect((await errorOf(moderator)).code).toBe("forbidden");
  const anonymous = await admin(`/sites/${siteId}/outbox/${rows.mailFailed}/retry`, { method: "POST" });
  expect(anonymous.status).toBe(401);
  const badId = await admin(`/sites/${siteId}/outbox/abc/retry`, { method: "POST", cookie: adminCookie });
  expect(badId.status).toBe(400);

  expect(await snapshot()).toBe(before);
  expect(JSON.stringify((await env.DB.prepare("SELECT * FROM outbox ORDER BY id").all()).results)).toBe(outboxBefore);
});

it("hides the secret of every link a mail holds (invitation, erasure, subscription): staff see what went out, not a way to act for its recipient", async () => {
  const invitation = "Q".repeat(43);
  const body = [
    `Accept: https://palabre.test/admin/#/invitation/${invitation}`,
    "Erase: https://palabre.test/api/v1/s/me/erasure?token=ERASE_SECRET-1&lang=fr",
    "Confirm: https://palabre.test/api/v1/s/subscriptions/confirm?token=CONFIRM%2FSECRET",
  ].join("\n");
  const id = (await env.DB.prepare(
    `INSERT INTO outbox (site_id, kind, topic, recipient, subject, body, status, attempts, created_at, next_attempt_at)
     VALUES (?1, 'mail', 'invitation', 'invitee@example.org', 'Invitation', ?2, 'sent', 1, ?3, ?3) RETURNING id`,
  )
    .bind(siteId, body, Date.now())
    .first<{ id: number }>())!.id;
  for (const cookie of [moderatorCookie, adminCookie]) {
    const item = (await json<OutboxResponse>(await list("?kind=mail", cookie))).items.find((i) => i.id === id)!;
    expect(item.body).toContain("https://palabre.test/admin/#/invitation/[…]");
    expect(item.body).toContain("/me/erasure?token=[…]&lang=fr");
    expect(item.body).toContain("/subscriptions/confirm?token=[…]");
    for (const secret of [invitation, "ERASE_SECRET", "CONFIRM"]) expect(item.body).not.toContain(secret);
  }
  // The mail itself is unchanged: the recipient gets the link.
  expect((await env.DB.prepare("SELECT body FROM outbox WHERE id = ?").bind(id).first<{ body: string }>())!.body).toBe(body);
  await env.DB.prepare("DELETE FROM outbox WHERE id = ?").bind(id).run();
});

it("is not readable by staff without a role on the site, nor without a session", async () => {
  const { cookie: stranger } = await signedIn({ [otherSiteId]: "admin" });
  expect((await list("", stranger)).status).toBe(403);
  expect((await list("", null)).status).toBe(401);
});
