// Issue 10, "edits cannot launder": an author may not rewrite a featured comment under the
// editors' note, and an edit of a reported comment keeps its reports on the text reported.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { EditCommentResponse, FeaturedResponse, PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { admin, signedIn } from "../admin/support";
import { editComment } from "../sso-support";
import { api, comment, createSite, getThread, json, postAs, report, sitePath, type TestSite } from "../support";

let site: TestSite;
let cookie: string;

beforeAll(async () => {
  site = await createSite({ settings: { reportThreshold: 3, editWindowMinutes: 15 } });
  ({ cookie } = await signedIn({ [site.id]: "moderator" }));
});

async function posted(body: object, ip = "203.0.113.30"): Promise<PostCommentResponse> {
  const res = await postAs(site, body, { ip });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<PostCommentResponse>();
}

describe("editing a featured comment", () => {
  it("takes it out of the selection and holds it for review; the system's audit row says so", async () => {
    const saved = await posted(comment("feat", "A thoughtful comment", "Ana"));
    const id = saved.comment.id;
    const featured = await admin(`/sites/${site.id}/comments/${id}/feature`, { cookie, body: { note: "Our pick" } });
    expect(featured.status, await featured.clone().text()).toBe(200);
    expect((await json<ThreadResponse>(await getThread(site, { story: "feat" }))).featured.map((c) => c.id)).toEqual([id]);
    const before = await json<ThreadResponse>(await getThread(site, { story: "feat" }));

    const res = await editComment(
      site,
      id,
      { body: "Buy cheap pills at spam.example" },
      { token: saved.commenterToken, ip: "203.0.113.30" },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = await json<EditCommentResponse>(res);
    expect(edited.comment).toMatchObject({ id, status: "pending", featured: null, body: "Buy cheap pills at spam.example" });
    expect(edited.reasons).toEqual([{ code: "premoderation", detail: "featured_edit", message: expect.any(String) }]);

    const row = await env.DB.prepare("SELECT status, featured_at, featured_note, reasons, held_at FROM comments WHERE id = ?")
      .bind(id)
      .first<{ status: string; featured_at: number | null; featured_note: string | null; reasons: string; held_at: number | null }>();
    expect(row).toMatchObject({ status: "pending", featured_at: null, featured_note: null });
    expect(JSON.parse(row!.reasons)).toEqual([{ code: "premoderation", detail: "featured_edit" }]);
    expect(row!.held_at).not.toBeNull();

    // Readers no longer see it, in the thread's selection or the site's.
    const thread = await json<ThreadResponse>(await getThread(site, { story: "feat" }));
    expect(thread.featured).toEqual([]);
    expect(thread.comments.map((c) => c.id)).not.toContain(id);
    expect(thread.story.commentCount).toBe(before.story.commentCount - 1);
    const siteFeatured = await json<FeaturedResponse>(await api(sitePath(site, "/featured"), { origin: site.origin }));
    expect(siteFeatured.items.map((c) => c.id)).not.toContain(id);

    const audit = await env.DB.prepare(
      "SELECT staff_id, action, target_type, target_id, detail FROM audit_log WHERE site_id = ? AND target_id = ? ORDER BY id",
    )
      .bind(site.id, String(id))
      .all<{ staff_id: number | null; action: string; detail: string }>();
    const last = audit.results[audit.results.length - 1]!;
    expect(last).toMatchObject({ staff_id: null, action: "unfeature", target_type: "comment" });
    expect(JSON.parse(last.detail)).toEqual({ note: "Our pick", reason: "edited_by_author", held: true });
  });

  it("a comment that is not featured is edited as before: published, no audit row", async () => {
    const saved = await posted(comment("plain", "Plain words", "Bo"));
    const auditBefore = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ?").bind(site.id).first("n");
    const res = await editComment(site, saved.comment.id, { body: "Plainer words" }, { token: saved.commenterToken, ip: "203.0.113.30" });
    expect((await json<EditCommentResponse>(res)).comment).toMatchObject({ status: "published", featured: null });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ?").bind(site.id).first("n")).toBe(auditBefore);
  });
});

describe("editing a reported comment", () => {
  it("keeps each report on the revision its reporter saw, and staff read that text", async () => {
    const saved = await posted(comment("rep", "The text that was reported", "Cy"));
    const id = saved.comment.id;
    expect((await report(site, id, { reason: "abuse" }, { ip: "192.0.2.31" })).status).toBe(201);
    const res = await editComment(site, id, { body: "An innocent text" }, { token: saved.commenterToken, ip: "203.0.113.30" });
    expect(res.status).toBe(200);
    expect((await report(site, id, { reason: "spam" }, { ip: "192.0.2.32" })).status).toBe(201);

    const reports = await env.DB.prepare("SELECT reason, revision FROM reports WHERE comment_id = ? ORDER BY id").bind(id).all();
    expect(reports.results).toEqual([
      { reason: "abuse", revision: 0 },
      { reason: "spam", revision: 1 },
    ]);
    const history = await json<{ revisions: { revision: number; body: string }[]; current: { revision: number; body: string } }>(
      await admin(`/sites/${site.id}/comments/${id}/revisions`, { cookie }),
    );
    expect(history.revisions.map((r) => [r.revision, r.body])).toEqual([[0, "The text that was reported"]]);
    expect(history.current).toMatchObject({ revision: 1, body: "An innocent text" });
  });

  it("the reported text stays in the history however many edits follow it (more than staff are shown)", async () => {
    const saved = await posted(comment("rep-many", "Reported words", "Di"));
    const id = saved.comment.id;
    expect((await report(site, id, { reason: "abuse" }, { ip: "192.0.2.33" })).status).toBe(201);
    // 250 edits, as if made one after another within the window (seeded: the route would take long).
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO comment_revisions (site_id, comment_id, revision, body, written_at, replaced_at)
         SELECT ?1, ?2, value, CASE WHEN value = 0 THEN 'Reported words' ELSE 'edit ' || value END, ?3, ?3
         FROM json_each(?4)`,
      ).bind(site.id, id, now, JSON.stringify(Array.from({ length: 250 }, (_, i) => i))),
      env.DB.prepare("UPDATE comments SET revision = 250, body = 'edit 250', edited_at = ? WHERE id = ?").bind(now, id),
    ]);
    const history = await json<{ revisions: { revision: number; body: string }[] }>(
      await admin(`/sites/${site.id}/comments/${id}/revisions`, { cookie }),
    );
    expect(history.revisions[0]).toMatchObject({ revision: 0, body: "Reported words" });
    expect(history.revisions).toHaveLength(201);
  });
});
