// Approving and rejecting: exactly the rows that should change do, counters follow the rows, and
// every changed comment gets its audit row.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ModerationResponse } from "../../../worker/schemas/admin-views";
import { createSite, json } from "../support";
import {
  admin,
  auditSince,
  authorCounts,
  commentFacts,
  lastAuditId,
  seedScene,
  signedIn,
  snapshot,
  storyCount,
  type TestStaff,
} from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;
let base = 10_000;

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "moderator" }));
});

function moderate(body: object): Promise<Response> {
  return admin(`/sites/${siteId}/moderation`, { cookie, body });
}

async function fresh() {
  base += 100;
  return seedScene(siteId, base);
}

describe("approve", () => {
  it("publishes pending comments and recounts story, thread and author, with one audit row each", async () => {
    const s = await fresh();
    expect(await storyCount(s.storyId)).toBe(2);
    expect((await commentFacts(s.top)).reply_count).toBe(1);
    expect(await authorCounts(s.bob)).toMatchObject({ approved: 1, rejected: 0 });
    const auditFrom = await lastAuditId();
    const before = Date.now();

    const res = await moderate({ action: "approve", ids: [s.pendingReply, s.pendingTop] });
    expect(res.status).toBe(200);
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [s.pendingReply, s.pendingTop] });

    for (const id of [s.pendingReply, s.pendingTop]) {
      const facts = await commentFacts(id);
      expect(facts.status).toBe("published");
      expect(facts.moderated_by).toBe(staff.id);
      expect(facts.moderated_at).toBeGreaterThanOrEqual(before);
    }
    expect(await storyCount(s.storyId)).toBe(4);
    expect((await commentFacts(s.top)).reply_count).toBe(2);
    expect(await authorCounts(s.bob)).toMatchObject({ approved: 3, rejected: 0 });
    expect(await authorCounts(s.ana)).toMatchObject({ approved: 1, rejected: 1 });
    // untouched
    expect((await commentFacts(s.rejectedTop)).status).toBe("rejected");
    expect((await commentFacts(s.top)).moderated_at).toBeNull();

    expect(await auditSince(siteId, auditFrom)).toEqual([
      { staff_id: staff.id, action: "approve", target_type: "comment", target_id: String(s.pendingReply), detail: { from: "pending" } },
      { staff_id: staff.id, action: "approve", target_type: "comment", target_id: String(s.pendingTop), detail: { from: "pending" } },
    ]);
  });

  it("clears a comment's open reports (reviewed), keeps its reasons and drops an earlier moderator reason", async () => {
    const s = await fresh();
    await env.DB.prepare(
      `UPDATE comments SET open_reports = 3, report_count = 4, status = 'pending',
              reasons = '[{"code":"reported"},{"code":"moderator","detail":"spam"}]' WHERE id = ?`,
    )
      .bind(s.top)
      .run();
    const auditFrom = await lastAuditId();
    const res = await moderate({ action: "approve", ids: [s.top] });
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [s.top] });
    const facts = await commentFacts(s.top);
    expect(facts).toMatchObject({ status: "published", open_reports: 0 });
    expect(JSON.parse(facts.reasons)).toEqual([{ code: "reported" }]);
    expect((await auditSince(siteId, auditFrom))[0]!.detail).toEqual({ from: "pending", openReports: 3 });
  });

  it("of a published comment with open reports keeps it published and clears the reports", async () => {
    const s = await fresh();
    await env.DB.prepare("UPDATE comments SET open_reports = 2 WHERE id = ?").bind(s.publishedReply).run();
    const res = await moderate({ action: "approve", ids: [s.publishedReply] });
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [s.publishedReply] });
    expect(await commentFacts(s.publishedReply)).toMatchObject({ status: "published", open_reports: 0 });
    expect(await storyCount(s.storyId)).toBe(2);
  });

  it("leaves comments already published alone: not updated, no audit row, no change", async () => {
    const s = await fresh();
    const auditFrom = await lastAuditId();
    const before = await snapshot();
    const res = await moderate({ action: "approve", ids: [s.top, s.publishedReply, s.top] });
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [] });
    expect(await snapshot()).toBe(before);
    expect(await auditSince(siteId, auditFrom)).toEqual([]);
  });

  it("brings back a rejected comment", async () => {
    const s = await fresh();
    await moderate({ action: "approve", ids: [s.rejectedTop] });
    expect((await commentFacts(s.rejectedTop)).status).toBe("published");
    expect(await storyCount(s.storyId)).toBe(3);
    expect(await authorCounts(s.ana)).toMatchObject({ approved: 2, rejected: 0 });
  });
});

describe("reject", () => {
  it("hides comments with the moderator's reason, recounts, unfeatures, closes reports and audits each", async () => {
    const s = await fresh();
    await env.DB.prepare(
      "UPDATE comments SET featured_at = 1, featured_note = 'Nice', open_reports = 2, reasons = '[{\"code\":\"links\"}]' WHERE id = ?",
    )
      .bind(s.publishedReply)
      .run();
    const auditFrom = await lastAuditId();

    const res = await moderate({ action: "reject", ids: [s.publishedReply, s.pendingTop], reason: "abuse" });
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [s.publishedReply, s.pendingTop] });

    const reply = await commentFacts(s.publishedReply);
    expect(reply).toMatchObject({ status: "rejected", open_reports: 0, featured_at: null, featured_note: null, moderated_by: staff.id });
    expect(JSON.parse(reply.reasons)).toEqual([{ code: "links" }, { code: "moderator", detail: "abuse" }]);
    expect(JSON.parse((await commentFacts(s.pendingTop)).reasons)).toEqual([{ code: "moderator", detail: "abuse" }]);

    expect(await storyCount(s.storyId)).toBe(1);
    expect((await commentFacts(s.top)).reply_count).toBe(0);
    expect(await authorCounts(s.bob)).toMatchObject({ approved: 0, rejected: 2 });
    expect(await authorCounts(s.ana)).toMatchObject({ approved: 1, rejected: 1 });
    expect((await commentFacts(s.pendingReply)).status).toBe("pending");

    expect(await auditSince(siteId, auditFrom)).toEqual([
      {
        staff_id: staff.id,
        action: "reject",
        target_type: "comment",
        target_id: String(s.publishedReply),
        detail: { from: "published", reason: "abuse", ground: "charter", openReports: 2, unfeatured: true },
      },
      {
        staff_id: staff.id,
        action: "reject",
        target_type: "comment",
        target_id: String(s.pendingTop),
        detail: { from: "pending", reason: "abuse", ground: "charter" },
      },
    ]);
  });

  it("takes 'other' as the reason when none is given", async () => {
    const s = await fresh();
    await moderate({ action: "reject", ids: [s.pendingTop] });
    expect(JSON.parse((await commentFacts(s.pendingTop)).reasons)).toEqual([{ code: "moderator", detail: "other" }]);
  });

  it("a second rejection with another reason replaces nothing: already rejected", async () => {
    const s = await fresh();
    const res = await moderate({ action: "reject", ids: [s.rejectedTop], reason: "spam" });
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [] });
  });

  it("takes up to 100 ids at once", async () => {
    const s = await fresh();
    const more: number[] = [];
    const rows = [];
    for (let i = 0; i < 95; i++) {
      more.push(base + 10 + i);
      rows.push(
        env.DB.prepare(
          "INSERT INTO comments (id, site_id, story_id, author_id, body, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'pending', 1, 1)",
        ).bind(base + 10 + i, siteId, s.storyId, s.bob),
      );
    }
    await env.DB.batch(rows);
    const ids = [s.top, s.pendingReply, s.publishedReply, s.pendingTop, s.rejectedTop, ...more];
    expect(ids).toHaveLength(100);
    const res = await moderate({ action: "reject", ids, reason: "spam" });
    expect((await json<ModerationResponse>(res)).updated).toHaveLength(99);
    expect(await storyCount(s.storyId)).toBe(0);
    expect(await authorCounts(s.bob)).toMatchObject({ approved: 0, rejected: 98 });
  });
});
