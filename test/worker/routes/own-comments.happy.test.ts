// PATCH and DELETE /api/v1/{site}/comments/{id}: what an author may do with their own comment.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { EditCommentResponse, RepliesResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, getReplies, getThreadAs, json, postAs, postOk, type TestSite } from "../support";
import { SSO_SECRET, deleteComment, editComment, getAs, signSso } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET, suspectWords: ["louche"] } });
});

async function storyCount(key: string): Promise<number> {
  const row = await env.DB.prepare("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = ?")
    .bind(site.id, key)
    .first<{ n: number }>();
  return row!.n;
}

describe("editing", () => {
  it("changes the text with the author's guest token, marks it edited and keeps it published", async () => {
    const saved = await postOk(site, comment("edit-1", "Premier jet"));
    const res = await editComment(site, saved.comment.id, { body: "Version corrigée" }, { token: saved.commenterToken });
    expect(res.status).toBe(200);
    const edited = await json<EditCommentResponse>(res);
    expect(edited.comment).toMatchObject({ id: saved.comment.id, body: "Version corrigée", status: "published", own: true });
    expect(edited.comment.editedAt).toEqual(expect.stringMatching(/Z$/));
    expect(edited.reasons).toEqual([]);
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "edit-1" }, { token: saved.commenterToken }));
    expect(thread.comments[0]).toMatchObject({ body: "Version corrigée", own: true, editedAt: edited.comment.editedAt });
  });

  it("runs the pipeline again: a held edit makes the comment pending with its reason, counters follow", async () => {
    const saved = await postOk(site, comment("edit-2", "Tout va bien"));
    expect(await storyCount("edit-2")).toBe(1);
    const edited = await json<EditCommentResponse>(
      await editComment(site, saved.comment.id, { body: "Une affaire louche" }, { token: saved.commenterToken }),
    );
    expect(edited.comment.status).toBe("pending");
    expect(edited.reasons.map((r) => r.code)).toEqual(["suspect_words"]);
    expect(await storyCount("edit-2")).toBe(0);
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "edit-2" }, { token: saved.commenterToken }));
    expect(thread.comments).toEqual([]);
    expect(thread.own.map((c) => c.id)).toEqual([saved.comment.id]);
  });

  it("does not count the comment against itself: the same text again is no duplicate, nor a flood", async () => {
    const strict = await createSite({ settings: { floodMaxPerAuthor: 1 } });
    const saved = await postOk(strict, comment("edit-3", "Même texte"));
    const res = await editComment(strict, saved.comment.id, { body: "Même  texte" }, { token: saved.commenterToken });
    expect(res.status).toBe(200);
  });

  it("lets an SSO author edit their comment", async () => {
    const token = await signSso({ sub: "u-edit", name: "Zoé" });
    const res = await postAs(site, comment("edit-4", "Par SSO"), { token });
    expect(res.status).toBe(201);
    const { comment: c } = await json<EditCommentResponse>(res);
    const edited = await editComment(site, c.id, { body: "Par SSO, corrigé" }, { token: await signSso({ sub: "u-edit", name: "Zoé" }) });
    expect(edited.status).toBe(200);
    expect((await json<EditCommentResponse>(edited)).comment.body).toBe("Par SSO, corrigé");
  });
});

describe("deleting", () => {
  it("removes a comment without replies: it disappears and the story's count follows", async () => {
    const saved = await postOk(site, comment("del-1", "À effacer"));
    await postOk(site, comment("del-1", "Reste"));
    expect(await storyCount("del-1")).toBe(2);
    const res = await deleteComment(site, saved.comment.id, { token: saved.commenterToken });
    expect(res.status).toBe(200);
    expect((await json<{ comment: { status: string; deleted: boolean } }>(res)).comment.status).toBe("deleted");
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "del-1" }, {}));
    expect(thread.comments.map((c) => c.body)).toEqual(["Reste"]);
    expect(thread.story.commentCount).toBe(1);
  });

  it("keeps a comment with replies as a placeholder: in place, deleted, empty body and name; counts follow", async () => {
    const root = await postOk(site, comment("del-2", "Racine", "Ana"));
    const reply = await postOk(site, comment("del-2", "Réponse", "Bob", { parentId: root.comment.id }));
    const reply2 = await postOk(site, comment("del-2", "Réponse 2", "Bob", { parentId: reply.comment.id }));
    expect(await storyCount("del-2")).toBe(3);

    const res = await deleteComment(site, root.comment.id, { token: root.commenterToken });
    expect(res.status).toBe(200);
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "del-2" }, {}));
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({
      id: root.comment.id,
      deleted: true,
      body: "",
      author: { name: "", staff: false, avatar: null },
      replyCount: 2,
    });
    expect(thread.comments[0]!.replies.map((r) => r.id)).toEqual([reply.comment.id, reply2.comment.id]);
    expect(thread.story.commentCount).toBe(2);

    // a reply with a reply of its own is kept as well; the last reply just goes
    expect((await deleteComment(site, reply.comment.id, { token: reply.commenterToken })).status).toBe(200);
    expect((await deleteComment(site, reply2.comment.id, { token: reply2.commenterToken })).status).toBe(200);
    const after = await json<ThreadResponse>(await getThreadAs(site, { story: "del-2" }, {}));
    expect(after.comments[0]!.replies.map((r) => [r.id, r.deleted])).toEqual([[reply.comment.id, true]]);
    expect(after.comments[0]!.replyCount).toBe(0);
    expect(after.story.commentCount).toBe(0);
    const counts = await json<{ counts: Record<string, number> }>(await getAs(site, "/counts", { story: "del-2" }));
    expect(counts.counts).toEqual({ "del-2": 0 });
  });

  it("is allowed at any time, long after the edit window", async () => {
    const saved = await postOk(site, comment("del-3", "Vieux"));
    await env.DB.prepare("UPDATE comments SET created_at = created_at - 86400000 WHERE id = ?").bind(saved.comment.id).run();
    expect((await deleteComment(site, saved.comment.id, { token: saved.commenterToken })).status).toBe(200);
  });

  it("of a reply beyond the first ones keeps the replies listing in step", async () => {
    const root = await postOk(site, comment("del-4", "Racine"));
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await postOk(site, comment("del-4", `r${i}`, "R", { parentId: root.comment.id })));
    await deleteComment(site, replies[4]!.comment.id, { token: replies[4]!.commenterToken });
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "del-4" }, {}));
    expect(thread.comments[0]!.replyCount).toBe(4);
    const rest = await json<RepliesResponse>(await getReplies(site, root.comment.id, { cursor: thread.comments[0]!.repliesCursor! }));
    expect(rest.replies.map((r) => r.body)).toEqual(["r3"]);
  });
});
