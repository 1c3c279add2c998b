// The queues: which comments each holds, in which order, with what a decision needs, page by page.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BAN_FOREVER } from "../../../worker/db/commenters";
import type { QueueName, QueueResponse } from "../../../worker/schemas/admin-views";
import { createSite, json } from "../support";
import { admin, seedScene, signedIn, type Scene } from "./support";

let siteId: string;
let cookie: string;
let s: Scene;
let t: Scene;

async function queue(name: QueueName, query = ""): Promise<QueueResponse> {
  const res = await admin(`/sites/${siteId}/queues/${name}${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<QueueResponse>(res);
}

beforeAll(async () => {
  siteId = (await createSite({ origins: ["https://news.example"] })).id;
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
  s = await seedScene(siteId, 100);
  t = await seedScene(siteId, 200);
  await env.DB.batch([
    env.DB.prepare("UPDATE stories SET url = 'https://news.example/a', title = 'A story' WHERE id = ?").bind(s.storyId),
    // reported: 7 reports on s.top (5 still open), 1 on t.pendingTop
    env.DB.prepare("UPDATE comments SET open_reports = 5, report_count = 7 WHERE id = ?").bind(s.top),
    env.DB.prepare(
      `UPDATE comments SET open_reports = 1, report_count = 1, reasons = '[{"code":"reported"},{"code":"suspect_words","detail":"arnaque"}]'
       WHERE id = ?`,
    ).bind(t.pendingTop),
    ...Array.from({ length: 7 }, (_, i) =>
      env.DB.prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)").bind(
        siteId,
        s.top,
        `ip:${i}`,
        i % 2 ? "spam" : "abuse",
        i === 6 ? "last one" : null,
        1_000 + i,
      ),
    ),
    env.DB.prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at) VALUES (?, ?, 'c:1', 'off-topic', 5)").bind(
      siteId,
      t.pendingTop,
    ),
    // featured: t.top first, then s.publishedReply more recently
    env.DB.prepare("UPDATE comments SET featured_at = 5000, featured_note = 'Well said' WHERE id = ?").bind(t.top),
    env.DB.prepare("UPDATE comments SET featured_at = 6000 WHERE id = ?").bind(s.publishedReply),
    env.DB.prepare("UPDATE commenters SET banned_until = ?, ban_reason = 'Spam' WHERE id = ?").bind(BAN_FOREVER, t.bob),
    env.DB.prepare("UPDATE commenters SET banned_until = 1000, ban_reason = 'Old' WHERE id = ?").bind(s.bob),
  ]);
});

describe("each queue", () => {
  it("pending: comments awaiting a decision, newest first", async () => {
    const q = await queue("pending");
    expect(q.queue).toBe("pending");
    expect(q.items.map((i) => i.comment.id)).toEqual([t.pendingTop, t.pendingReply, s.pendingTop, s.pendingReply]);
    expect(q.counts).toEqual({ pending: 4, reported: 2, toAnswer: 0, appeals: 0, notices: 0 });
    expect(q.nextCursor).toBeNull();
  });

  it("reported: comments with open reports, newest first, whatever their status", async () => {
    expect((await queue("reported")).items.map((i) => i.comment.id)).toEqual([t.pendingTop, s.top]);
  });

  it("recent: published comments, newest first", async () => {
    expect((await queue("recent")).items.map((i) => i.comment.id)).toEqual([t.publishedReply, t.top, s.publishedReply, s.top]);
  });

  it("rejected: rejected comments, newest first", async () => {
    expect((await queue("rejected")).items.map((i) => i.comment.id)).toEqual([t.rejectedTop, s.rejectedTop]);
  });

  it("featured: featured comments, most recently featured first", async () => {
    const q = await queue("featured");
    expect(q.items.map((i) => i.comment.id)).toEqual([s.publishedReply, t.top]);
    expect(q.items[1]!.comment.featured).toEqual({ note: "Well said", at: new Date(5000).toISOString() });
  });
});

describe("a queue item", () => {
  it("carries the comment with its reasons and reports, the story, the author's history and what it answers", async () => {
    const q = await queue("pending");
    const reply = q.items.find((i) => i.comment.id === s.pendingReply)!;
    expect(reply.comment).toMatchObject({
      id: s.pendingReply,
      parentId: s.top,
      rootId: s.top,
      depth: 1,
      status: "pending",
      author: { name: "Bob 100", staff: false, avatar: null },
      reasons: [],
      openReports: 0,
      reportCount: 0,
      moderatedAt: null,
      featured: null,
    });
    expect(reply.story).toEqual({
      key: s.storyKey,
      url: "https://news.example/a",
      title: "A story",
      status: "open",
      commentCount: 2,
      premoderation: "site",
    });
    // an ended suspension shows as no ban
    expect(reply.author).toEqual({
      id: s.bob,
      name: "Bob 100",
      staff: false,
      commentCount: 3,
      approvedCount: 1,
      rejectedCount: 0,
      reportedCount: 0,
      bannedUntil: null,
      bannedForever: false,
      banReason: null,
    });
    expect(reply.parent).toEqual({ id: s.top, authorName: "Ana 100", body: `comment ${s.top}` });
    expect(reply.reports).toEqual([]);

    const top = q.items.find((i) => i.comment.id === t.pendingTop)!;
    expect(top.parent).toBeNull();
    expect(top.comment.reasons).toEqual([{ code: "reported" }, { code: "suspect_words", detail: "arnaque" }]);
    expect(top.author).toMatchObject({ bannedForever: true, bannedUntil: null, banReason: "Spam" });
    expect(top.reports).toEqual([{ reason: "off-topic", note: null, createdAt: new Date(5).toISOString(), revision: 0 }]);
  });

  it("lists the latest five reports, newest first", async () => {
    const item = (await queue("reported")).items.find((i) => i.comment.id === s.top)!;
    expect(item.comment).toMatchObject({ openReports: 5, reportCount: 7 });
    expect(item.reports.map((r) => r.createdAt)).toEqual([1006, 1005, 1004, 1003, 1002].map((n) => new Date(n).toISOString()));
    expect(item.reports[0]).toEqual({ reason: "abuse", note: "last one", createdAt: new Date(1006).toISOString(), revision: 0 });
  });
});

describe("pages", () => {
  it.each(["pending", "recent", "featured"] as const)("%s: walking with limit=1 sees each item once, in order", async (name) => {
    const all = (await queue(name)).items.map((i) => i.comment.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: QueueResponse = await queue(name, `?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => i.comment.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("featured: two comments featured at the same time both come, one per page", async () => {
    await env.DB.prepare("UPDATE comments SET featured_at = 6000 WHERE id = ?").bind(t.publishedReply).run();
    const first = await queue("featured", "?limit=1");
    const second = await queue("featured", `?limit=1&cursor=${first.nextCursor}`);
    expect([first.items[0]!.comment.id, second.items[0]!.comment.id]).toEqual([t.publishedReply, s.publishedReply]);
    await env.DB.prepare("UPDATE comments SET featured_at = NULL WHERE id = ?").bind(t.publishedReply).run();
  });
});
