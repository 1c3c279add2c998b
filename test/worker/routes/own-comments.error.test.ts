// PATCH and DELETE /api/v1/{site}/comments/{id}: what is refused, and why.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, createSite, errorOf, postOk, refusedWithoutWrite, type TestSite } from "../support";
import { deleteComment, editComment } from "../sso-support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { editWindowMinutes: 15, bannedWords: ["interdit"] } });
});

describe("the edit window", () => {
  it("is open just before its end and closed after it (403 edit_window_closed), deletion still allowed", async () => {
    const saved = await postOk(site, comment("window", "Texte"));
    const age = (ms: number) =>
      env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?")
        .bind(Date.now() - ms, saved.comment.id)
        .run();
    await age(14 * 60_000);
    expect((await editComment(site, saved.comment.id, { body: "Encore à temps" }, { token: saved.commenterToken })).status).toBe(200);
    await age(16 * 60_000);
    const res = await refusedWithoutWrite(() =>
      editComment(site, saved.comment.id, { body: "Trop tard" }, { token: saved.commenterToken }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("edit_window_closed");
    expect((await deleteComment(site, saved.comment.id, { token: saved.commenterToken })).status).toBe(200);
  });
});

describe("refusals", () => {
  it("banned words: 422 charter_violation, the comment unchanged; with confirm it is stored rejected", async () => {
    const saved = await postOk(site, comment("charter", "Propre"));
    const res = await editComment(site, saved.comment.id, { body: "Un mot interdit" }, { token: saved.commenterToken });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("charter_violation");
    const row = await env.DB.prepare("SELECT body, status FROM comments WHERE id = ?").bind(saved.comment.id).first();
    expect(row).toEqual({ body: "Propre", status: "published" });
    const confirmed = await editComment(
      site,
      saved.comment.id,
      { body: "Un mot interdit", confirm: true },
      { token: saved.commenterToken },
    );
    expect(confirmed.status).toBe(200);
    const after = await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(saved.comment.id).first();
    expect(after).toEqual({ status: "rejected" });
    // a rejected comment cannot be edited back
    const again = await editComment(site, saved.comment.id, { body: "Propre" }, { token: saved.commenterToken });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("comment_not_editable");
  });

  it("an empty body is 400; an unknown or deleted comment 404", async () => {
    const saved = await postOk(site, comment("errs", "Texte"));
    const empty = await editComment(site, saved.comment.id, { body: "  " }, { token: saved.commenterToken });
    expect(empty.status).toBe(400);
    expect((await errorOf(await editComment(site, 99_999_999, { body: "x" }, { token: saved.commenterToken }))).code).toBe(
      "comment_not_found",
    );
    await deleteComment(site, saved.comment.id, { token: saved.commenterToken });
    const gone = await deleteComment(site, saved.comment.id, { token: saved.commenterToken });
    expect(gone.status).toBe(404);
    expect((await errorOf(gone)).code).toBe("comment_not_found");
  });
});
