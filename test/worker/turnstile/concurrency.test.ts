// One solved challenge is one write: 50 requests at once with the same token get one through at
// most (siteverify answers the others timeout-or-duplicate), and the refused ones write nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countRows } from "../support";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { call, goodToken, guestComment, newStory, newTag, publishedComment, stubCalls, stubUrl, turnstileSite } from "./support";

async function commentsOf(siteId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM comments WHERE site_id = ?").bind(siteId).first<{ n: number }>();
  return row!.n;
}

describe("50 concurrent writes with one token", () => {
  it("posts: exactly one accepted, 49 refused with bot_check_failed, one comment stored", async () => {
    const site = await turnstileSite({ floodMaxPerIp: 1000, floodMaxPerAuthor: 1000 });
    const tag = newTag();
    const token = goodToken(site);
    const before = await countRows();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(site, "/comments", {
          body: guestComment(newStory(), `Comment number ${i}, same token.`),
          turnstile: token,
          verifyUrl: stubUrl(tag),
          ip: `198.51.100.${i + 1}`,
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(49);
    for (const res of answers.filter((r) => r.status === 403))
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("bot_check_failed");
    expect(await commentsOf(site.id)).toBe(1);
    const after = await countRows();
    expect(after.comments - before.comments).toBe(1);
    expect(after.commenters - before.commenters).toBe(1);
    expect((await stubCalls(tag)).filter((c) => (c.answer as { success: boolean }).success)).toHaveLength(1);
  });

  it("posts with one token and one Idempotency-Key (its retries pass siteverify): still one comment", async () => {
    const site = await turnstileSite({ floodMaxPerIp: 1000, floodMaxPerAuthor: 1000 });
    const token = goodToken(site);
    const key = crypto.randomUUID();
    const story = newStory();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(site, "/comments", {
          body: guestComment(story, `Text ${i % 2}: a retry or not.`),
          turnstile: token,
          idempotencyKey: key,
          verifyUrl: stubUrl(newTag()),
        }),
      ),
    );
    // the same post again is the first one's replay (201, same comment); another text with that
    // key is refused as a reused key (422): either way a single comment
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([201, 422]));
    const ids = await Promise.all(
      answers.filter((r) => r.status === 201).map(async (r) => (await r.json<PostCommentResponse>()).comment.id),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await commentsOf(site.id)).toBe(1);
  });

  it("likes and reports without a reader token: one accepted each", async () => {
    const site = await turnstileSite();
    const { id } = await publishedComment(site, stubUrl(newTag()));
    const likeToken = goodToken(site);
    const likes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(site, `/comments/${id}/reaction`, {
          method: "PUT",
          turnstile: likeToken,
          verifyUrl: stubUrl(newTag()),
          ip: `198.51.100.${i + 1}`,
        }),
      ),
    );
    expect(likes.filter((r) => r.status === 200)).toHaveLength(1);
    expect(likes.filter((r) => r.status === 403)).toHaveLength(49);
    const reactions = await env.DB.prepare("SELECT COUNT(*) AS n FROM reactions WHERE site_id = ? AND comment_id = ?")
      .bind(site.id, id)
      .first<{ n: number }>();
    expect(reactions!.n).toBe(1);

    const reportToken = goodToken(site);
    const reports = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(site, `/comments/${id}/reports`, {
          body: { reason: "spam" },
          turnstile: reportToken,
          verifyUrl: stubUrl(newTag()),
          ip: `198.51.100.${i + 1}`,
        }),
      ),
    );
    expect(reports.filter((r) => r.status === 201)).toHaveLength(1);
    expect(reports.filter((r) => r.status === 403)).toHaveLength(49);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM reports WHERE site_id = ? AND comment_id = ?")
      .bind(site.id, id)
      .first<{ n: number }>();
    expect(stored!.n).toBe(1);
  });
});
