// POST /api/v1/{site}/comments/{id}/reports: what a reader reporting a comment is promised, and
// what the threshold does (hidden pending review, counters follow, the system's audit row).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ReportResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, getThread, getThreadAs, json, postAs, report, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { reportThreshold: 3 } });
});

async function posted(body: object, token: string | null = null): Promise<PostCommentResponse> {
  const res = await postAs(site, body, { token, ip: "198.51.100.1" });
  expect(res.status).toBe(201);
  return json<PostCommentResponse>(res);
}

const row = (id: number) =>
  env.DB.prepare(
    `SELECT c.status, c.reasons, c.open_reports, c.report_count, c.reply_count, a.reported_count
     FROM comments c JOIN commenters a ON a.id = c.author_id WHERE c.id = ?`,
  )
    .bind(id)
    .first<{ status: string; reasons: string; open_reports: number; report_count: number; reply_count: number; reported_count: number }>();

describe("a report", () => {
  it("is answered 201 and stored once, keyed by the reader's network (keyed IP hash) without a token", async () => {
    const target = await posted(comment("s", "a debatable opinion"));
    const res = await report(site, target.comment.id, { reason: "off-topic", note: "  Not about the story.  " }, { ip: "203.0.113.50" });
    expect(res.status).toBe(201);
    const body = await json<ReportResponse>(res);
    expect(body).toEqual({ report: { reason: "off-topic", createdAt: expect.stringMatching(/Z$/) } });
    const stored = await env.DB.prepare("SELECT site_id, reporter_key, reason, note, network, weight FROM reports WHERE comment_id = ?")
      .bind(target.comment.id)
      .all<{ network: string }>();
    const network = stored.results[0]!.network;
    expect(network).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.results).toEqual([
      { site_id: site.id, reporter_key: `ip:${network}`, reason: "off-topic", note: "Not about the story.", network, weight: 1 },
    ]);
    expect(await row(target.comment.id)).toMatchObject({ status: "published", open_reports: 1, report_count: 1, reported_count: 1 });
  });

  it("is keyed by the reader's commenter with a token, and a blank note is no note", async () => {
    const reporter = await posted(comment("s", "I read things"));
    const target = await posted(comment("s", "something"));
    const res = await report(site, target.comment.id, { reason: "spam", note: "   " }, { token: reporter.commenterToken });
    expect(res.status).toBe(201);
    const authorId = (await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?")
      .bind(reporter.comment.id)
      .first<{ author_id: number }>())!.author_id;
    const stored = await env.DB.prepare("SELECT reporter_key, note FROM reports WHERE comment_id = ?").bind(target.comment.id).first();
    expect(stored).toEqual({ reporter_key: `c:${authorId}`, note: null });
  });
});

describe("the threshold", () => {
  it("hides a reply at the 3rd open report: pending with reason reported, uncounted, audited by the system", async () => {
    const root = await posted(comment("hidden", "root"));
    const author = await posted(comment("hidden", "the reported reply", "Troll", { parentId: root.comment.id }));
    const id = author.comment.id;
    const before = await json<ThreadResponse>(await getThread(site, { story: "hidden" }));
    expect(before.story.commentCount).toBe(2);
    expect(before.comments[0]!.replyCount).toBe(1);

    for (const ip of ["192.0.2.1", "192.0.2.2"]) expect((await report(site, id, { reason: "abuse" }, { ip })).status).toBe(201);
    expect(await row(id)).toMatchObject({ status: "published", open_reports: 2 });
    const audits = () =>
      env.DB.prepare("SELECT staff_id, action, target_type, target_id, detail FROM audit_log WHERE site_id = ?").bind(site.id).all();
    expect((await audits()).results).toEqual([]);

    expect((await report(site, id, { reason: "abuse" }, { ip: "192.0.2.3" })).status).toBe(201);
    const hidden = (await row(id))!;
    expect(hidden).toMatchObject({ status: "pending", open_reports: 3, report_count: 3, reported_count: 3 });
    expect(JSON.parse(hidden.reasons)).toEqual([{ code: "reported" }]);
    expect((await audits()).results).toEqual([
      { staff_id: null, action: "hide", target_type: "comment", target_id: String(id), detail: expect.any(String) },
    ]);
    expect(JSON.parse((await audits()).results[0]!.detail as string)).toEqual({ reason: "reported", openReports: 3 });

    const after = await json<ThreadResponse>(await getThread(site, { story: "hidden" }));
    expect(after.story.commentCount).toBe(1);
    expect(after.comments[0]!.replyCount).toBe(0);
    expect(after.comments[0]!.replies).toEqual([]);
    expect((await row(root.comment.id))!.reply_count).toBe(0);
    // Its author still sees it, awaiting moderation.
    const mine = await json<ThreadResponse>(await getThreadAs(site, { story: "hidden" }, { token: author.commenterToken }));
    expect(mine.own.map((c) => [c.id, c.status])).toEqual([[id, "pending"]]);
  });

  it("hides a top-level comment and uncounts it from its story only", async () => {
    const target = await posted(comment("top-hidden", "top"));
    await posted(comment("top-hidden", "another"));
    for (const ip of ["192.0.2.11", "192.0.2.12", "192.0.2.13"]) await report(site, target.comment.id, { reason: "spam" }, { ip });
    const thread = await json<ThreadResponse>(await getThread(site, { story: "top-hidden" }));
    expect(thread.story.commentCount).toBe(1);
    expect(thread.comments.map((c) => c.body)).toEqual(["another"]);
  });

  it("follows the site's threshold: 1 hides at once", async () => {
    const strict = await createSite({ settings: { reportThreshold: 1 } });
    const res = await postAs(strict, comment("s", "x"), {});
    const { comment: c } = await json<PostCommentResponse>(res);
    expect((await report(strict, c.id, { reason: "other" }, { ip: "192.0.2.1" })).status).toBe(201);
    const thread = await json<ThreadResponse>(await getThread(strict, { story: "s" }));
    expect(thread.comments).toEqual([]);
    expect(thread.story.commentCount).toBe(0);
  });
});
