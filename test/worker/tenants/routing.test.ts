// A database per tenant (issue 14): the registry (DB) says which D1 binding holds each site's data,
// every request and every tick works in that one, and nothing of a site is read or written in
// another. The test Worker has two databases, DB and DB_2 (wrangler.toml).
import { createExecutionContext, createMessageBatch, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index";
import type { DeliveryMessage } from "../../../worker/services/delivery/types";
import type { OverviewResponse, QueueResponse } from "../../../worker/schemas/admin-views";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { admin, seedScene, signedIn } from "../admin/support";
import { api, comment, countRows, createSite, errorOf, getThread, json, post, postOk, refusedWithoutWrite, sitePath } from "../support";

const count = async (db: D1Database, table: string, siteId: string) =>
  (await db.prepare(`SELECT count(*) AS n FROM ${table} WHERE site_id = ?`).bind(siteId).first<{ n: number }>())!.n;

describe("the reader API", () => {
  it("reads and writes a site's data in its own database only", async () => {
    const far = await createSite({ db: "DB_2" });
    const near = await createSite();
    const posted = await postOk(far, comment("tour", "Lisbon, finally!"));
    await postOk(near, comment("tour", "Same key, other site"));
    expect(await count(env.DB_2, "comments", far.id)).toBe(1);
    expect(await count(env.DB, "comments", far.id)).toBe(0);
    expect(await count(env.DB, "stories", far.id)).toBe(0);
    expect(await count(env.DB_2, "comments", near.id)).toBe(0);
    const thread = await json<ThreadResponse>(await getThread(far, { story: "tour" }));
    expect(thread.comments.map((c) => c.id)).toEqual([posted.comment.id]);
    expect(thread.site.id).toBe(far.id);
  });

  it("50 posts at once on two sites in two databases: each lands in its site's database, counters right", async () => {
    const far = await createSite({ db: "DB_2" });
    const near = await createSite();
    const sends = Array.from({ length: 50 }, (_, i) =>
      post(i % 2 ? far : near, comment("rush", `comment ${i}`, `Reader ${i}`), (i % 2 ? far : near).origin),
    );
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(await count(env.DB_2, "comments", far.id)).toBe(25);
    expect(await count(env.DB, "comments", near.id)).toBe(25);
    expect(await count(env.DB, "comments", far.id)).toBe(0);
    const story = (db: D1Database, site: string) =>
      db.prepare("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = 'rush'").bind(site).first<{ n: number }>();
    expect((await story(env.DB_2, far.id))!.n).toBe(25);
    expect((await story(env.DB, near.id))!.n).toBe(25);
  });

  it("rows planted for the site in the registry's database are refused there, and never shown", async () => {
    const far = await createSite({ db: "DB_2" });
    await postOk(far, comment("tour", "the real one"));
    // The registry's row of a site that lives elsewhere is 'away': migration 0019 refuses its rows.
    await expect(
      env.DB.prepare("INSERT INTO stories (site_id, key, created_at, updated_at) VALUES (?, 'tour', 1, 1)").bind(far.id).run(),
    ).rejects.toThrow(/site_moving/);
    const thread = await json<ThreadResponse>(await getThread(far, { story: "tour" }));
    expect(thread.comments.map((c) => c.body)).toEqual(["the real one"]);
  });

  it("a site the registry places in a database this Worker lacks: 500, written nowhere, other sites unaffected", async () => {
    const lost = await createSite();
    await env.DB.prepare("UPDATE sites SET db = 'DB_9', moving = 'away' WHERE id = ?").bind(lost.id).run();
    const res = await refusedWithoutWrite(() => post(lost, comment("x", "lost")));
    expect(res.status).toBe(500);
    expect((await errorOf(res)).code).toBe("internal");
    const other = await createSite({ db: "DB_2" });
    expect((await post(other, comment("x", "fine"))).status).toBe(201);
  });
});

describe("a site that moved while an isolate knew its old home", () => {
  it("caught between the registry's switch and the old row's forwarding note: 503 with Retry-After, nothing written", async () => {
    const site = await createSite();
    await postOk(site, comment("story", "here"));
    // The registry names DB_2, while DB's row (the registry's own, the site's home until now) is
    // switching: a move's last instant, as an interrupted move could leave it.
    await env.DB_2.prepare(
      "INSERT INTO sites (id, name, allowed_origins, settings, created_at, db) SELECT id, name, allowed_origins, settings, created_at, 'DB' FROM (SELECT ? AS id, 'x' AS name, '[]' AS allowed_origins, '{}' AS settings, 1 AS created_at)",
    )
      .bind(site.id)
      .run();
    await env.DB.prepare("UPDATE sites SET moving = 'switching' WHERE id = ?").bind(site.id).run();
    const before = await countRows();
    const res = await post(site, comment("story", "refused"));
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(await countRows()).toEqual(before);
  });
});

describe("the staff API", () => {
  it("works in the site's database, with copies of the member's row (no password) and role there", async () => {
    const far = await createSite({ db: "DB_2" });
    const scene = await seedScene(far.id, 7000);
    const { staff, cookie } = await signedIn({ [far.id]: "moderator" });
    const res = await admin(`/sites/${far.id}/moderation`, { cookie, body: { action: "approve", ids: [scene.pendingTop] } });
    expect(res.status).toBe(200);
    const row = await env.DB_2.prepare("SELECT moderated_by FROM comments WHERE id = ?").bind(scene.pendingTop).first();
    expect(row).toEqual({ moderated_by: staff.id });
    const copy = await env.DB_2.prepare("SELECT email, name, password_hash FROM staff WHERE id = ?").bind(staff.id).first();
    expect(copy).toEqual({ email: staff.email, name: staff.name, password_hash: "" });
    expect(await count(env.DB_2, "staff_roles", far.id)).toBe(1);
    expect(await count(env.DB_2, "audit_log", far.id)).toBe(1);
    expect(await count(env.DB, "audit_log", far.id)).toBe(0);
    const queue = await json<QueueResponse>(await admin(`/sites/${far.id}/queues/pending`, { cookie }));
    expect(queue.items.map((i) => i.comment.id)).toEqual([scene.pendingReply]);
  });

  it("a member removed from the site loses the role's copy too", async () => {
    const far = await createSite({ db: "DB_2" });
    const { cookie } = await signedIn({ [far.id]: "admin" });
    const other = await signedIn({ [far.id]: "moderator" });
    expect((await admin(`/sites/${far.id}/queues/pending`, { cookie: other.cookie })).status).toBe(200);
    expect(await count(env.DB_2, "staff_roles", far.id)).toBe(1);
    const removed = await admin(`/sites/${far.id}/members/${other.staff.id}`, { method: "DELETE", cookie });
    expect(removed.status).toBe(204);
    const left = await env.DB_2.prepare("SELECT staff_id FROM staff_roles WHERE site_id = ?").bind(far.id).all();
    expect(left.results.map((r) => r.staff_id)).not.toContain(other.staff.id);
    // The change is the registry's; its audit row is in the site's own database, as the site's admins read it.
    const audit = await env.DB_2.prepare("SELECT action, detail FROM audit_log WHERE site_id = ? AND action = 'member_remove'")
      .bind(far.id)
      .all<{ action: string; detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail).member)).toEqual([other.staff.id]);
    expect(await count(env.DB, "audit_log", far.id)).toBe(0);
    expect((await admin(`/sites/${far.id}/queues/pending`, { cookie: other.cookie })).status).toBe(403);
  });

  it("the home and the To answer queue merge the member's sites of both databases", async () => {
    const near = await createSite();
    const far = await createSite({ db: "DB_2" });
    const a = await seedScene(near.id, 8000);
    const b = await seedScene(far.id, 8000);
    await env.DB.prepare("UPDATE comments SET answer_status = 'waiting' WHERE id = ?").bind(a.top).run();
    await env.DB_2.prepare("UPDATE comments SET answer_status = 'waiting' WHERE id = ?").bind(b.top).run();
    const { cookie } = await signedIn({ [near.id]: "admin", [far.id]: "moderator" });
    const home = await json<OverviewResponse>(await admin("/overview", { cookie }));
    const pending = Object.fromEntries(home.sites.map((s) => [s.site.id, [s.pending, s.toAnswer]]));
    expect(pending).toEqual({ [near.id]: [2, 1], [far.id]: [2, 1] });
    // Both have comment 8001 waiting: the same id in two databases, both on the first page.
    const first = await json<{ items: { site: { id: string }; comment: { id: number } }[]; nextCursor: string | null }>(
      await admin("/queues/to-answer?limit=1", { cookie }),
    );
    expect(first.items.map((i) => [i.site.id, i.comment.id]).sort()).toEqual(
      [
        [far.id, 8001],
        [near.id, 8001],
      ].sort(),
    );
    expect(first.nextCursor).toBeNull();
  });
});

describe("the cron and the queue", () => {
  it("a tick measures the sites of every database in their own database", async () => {
    const far = await createSite({
      db: "DB_2",
      settings: { alertBuzzFactor: 0, alertReportsPerHour: 0, alertPendingMinutes: 30, alertToAnswerHours: 0 },
    });
    const scene = await seedScene(far.id, 9000);
    const now = Date.now();
    await env.DB_2.prepare("UPDATE comments SET created_at = ?, held_at = ? WHERE site_id = ? AND status = 'pending'")
      .bind(now - 2 * 3600_000, now - 2 * 3600_000, far.id)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const incidents = await env.DB_2.prepare("SELECT rule, status FROM incidents WHERE site_id = ?").bind(far.id).all();
    expect(incidents.results).toEqual([{ rule: "pending", status: "open" }]);
    expect(await count(env.DB, "incidents", far.id)).toBe(0);
    expect(scene.pendingTop).toBe(9004);
  });

  it("a delivery message names its database, and is sent from that database's outbox", async () => {
    const far = await createSite({ db: "DB_2" });
    const row = await env.DB_2.prepare(
      `INSERT INTO outbox (site_id, kind, topic, recipient, subject, body, headers, status, next_attempt_at, created_at)
       VALUES (?, 'mail', 'alert', 'cm@example.org', 'Alert', 'text', '{}', 'queued', ?, ?) RETURNING id`,
    )
      .bind(far.id, Date.now(), Date.now())
      .first<{ id: number }>();
    const batch = createMessageBatch<DeliveryMessage>("palabre-deliveries", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { id: row!.id, db: "DB_2" } },
    ]);
    await worker.queue(batch, env);
    const sent = await env.DB_2.prepare("SELECT status, via FROM outbox WHERE id = ?").bind(row!.id).first();
    expect(sent).toEqual({ status: "sent", via: "outbox" });
  });
});

it("a reader's site path names only sites: an unknown one is 404 in every database", async () => {
  const res = await api(sitePath("no-such-site", "/thread?story=x"), { origin: "https://x.example" });
  expect(res.status).toBe(404);
});
