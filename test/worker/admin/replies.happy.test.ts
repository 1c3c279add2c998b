// Staff replies: published at once by the staff member's commenter (staff: true), nested like a
// reader's reply, counted, audited, and shown by the reader API with the staff badge.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { StaffReplyResponse } from "../../../worker/schemas/admin-views";
import type { RepliesResponse } from "../../../worker/schemas/views";
import { createSite, getReplies, json, type TestSite } from "../support";
import { admin, auditSince, commentFacts, lastAuditId, seedScene, signedIn, storyCount, type Scene, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;
let s: Scene;

beforeAll(async () => {
  site = await createSite({ name: "Le Quotidien" });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
  s = await seedScene(site.id, 100);
});

function reply(parentId: number, body: string) {
  return admin(`/sites/${site.id}/replies`, { cookie, body: { parentId, body } });
}

async function staffCommenters() {
  return (
    await env.DB.prepare(
      "SELECT id, kind, name, staff_id, comment_count, approved_count, token_hash FROM commenters WHERE site_id = ? AND staff_id IS NOT NULL",
    )
      .bind(site.id)
      .all()
  ).results;
}

it("publishes a reply under the comment as the site's voice, says which site, counts it and audits it", async () => {
  const auditFrom = await lastAuditId();
  const res = await reply(s.top, "Merci, nous corrigeons l'article.");
  expect(res.status).toBe(201);
  const body = await json<StaffReplyResponse>(res);
  expect(body.site).toEqual({ id: site.id, name: "Le Quotidien" });
  expect(body.comment).toMatchObject({
    parentId: s.top,
    rootId: s.top,
    depth: 1,
    replyTo: null,
    author: { name: staff.name, staff: true, avatar: null },
    body: "Merci, nous corrigeons l'article.",
    status: "published",
    featured: null,
  });
  const facts = await commentFacts(body.comment.id);
  expect(facts).toMatchObject({ status: "published", moderated_by: staff.id });
  expect(await storyCount(s.storyId)).toBe(3);
  expect((await commentFacts(s.top)).reply_count).toBe(2);
  expect(await staffCommenters()).toEqual([
    expect.objectContaining({ kind: "guest", name: staff.name, staff_id: staff.id, comment_count: 1, approved_count: 1, token_hash: null }),
  ]);
  expect(await auditSince(site.id, auditFrom)).toEqual([
    { staff_id: staff.id, action: "reply", target_type: "comment", target_id: String(body.comment.id), detail: { parentId: s.top } },
  ]);

  // readers see it, with the staff badge
  const thread = await json<RepliesResponse>(await getReplies(site, s.top));
  const shown = thread.replies.find((r) => r.id === body.comment.id);
  expect(shown?.author).toEqual({ name: staff.name, staff: true, avatar: null });
});

it("reuses the staff member's commenter for the next reply and follows the depth cap like a reader's reply", async () => {
  // a chain down to the deepest level: each reply answers the previous one
  let parent = s.publishedReply;
  const placed: StaffReplyResponse["comment"][] = [];
  for (let i = 0; i < 3; i++) {
    const res = await reply(parent, `Level ${i}`);
    expect(res.status).toBe(201);
    const { comment } = await json<StaffReplyResponse>(res);
    placed.push(comment);
    parent = comment.id;
  }
  expect(placed.map((c) => c.depth)).toEqual([2, 3, 3]);
  // beyond the cap: shown beside its parent, still naming whom it answers
  expect(placed[2]!.parentId).toBe(placed[1]!.parentId);
  expect(placed[2]!.replyTo).toEqual({ id: placed[1]!.id, authorName: staff.name });
  expect(await staffCommenters()).toEqual([expect.objectContaining({ comment_count: 4, approved_count: 4 })]);
  expect((await commentFacts(s.top)).reply_count).toBe(5);
});
