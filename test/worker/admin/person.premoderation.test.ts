// "Always pre-moderate this person": set and lifted by staff (audited), then every new comment and
// every edit of that person is held, through the reader API, with the usual premoderation reason.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PersonResponse, PremoderationResponse } from "../../../worker/schemas/admin-views";
import type { EditCommentResponse, PostCommentResponse } from "../../../worker/schemas/views";
import { createSite, errorOf, json, postAs, type TestSite } from "../support";
import { editComment } from "../sso-support";
import { admin, auditSince, lastAuditId, postAsPerson, refusedUnchanged, signedIn, type PostedPerson, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;
let zoe: PostedPerson;

const p = (rest: string) => `/sites/${site.id}${rest}`;
const premoderate = (id: number, on: boolean) => admin(p(`/commenters/${id}/premoderation`), { method: on ? "PUT" : "DELETE", cookie });

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerAuthor: 0 } });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
  zoe = await postAsPerson(site, "Zoé", [{ story: "s", body: "Avant la mesure" }]);
});

describe("setting and lifting", () => {
  it("sets it (200, the person's view) with one audit row; setting it again writes none", async () => {
    const before = await lastAuditId();
    const res = await premoderate(zoe.commenterId, true);
    expect(res.status).toBe(200);
    expect((await json<PremoderationResponse>(res)).author).toMatchObject({ id: zoe.commenterId, premoderated: true, kind: "guest" });
    expect((await json<PremoderationResponse>(await premoderate(zoe.commenterId, true))).author.premoderated).toBe(true);
    const audit = await auditSince(site.id, before);
    expect(audit).toEqual([
      { staff_id: staff.id, action: "premoderate", target_type: "commenter", target_id: String(zoe.commenterId), detail: {} },
    ]);
    const view = await json<PersonResponse>(await admin(p(`/commenters/${zoe.commenterId}`), { cookie }));
    expect(view.author.premoderated).toBe(true);
    expect(view.history[0]).toMatchObject({ action: "premoderate", staff: { id: staff.id, name: staff.name } });
  });

  it("refuses an unknown commenter (404) and a staff member's commenter (409)", async () => {
    const unknown = await refusedUnchanged(() => premoderate(999_999, true));
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("commenter_not_found");
    await admin(p("/replies"), { cookie, body: { parentId: zoe.ids[0], body: "Bonjour" } });
    const view = await json<PersonResponse>(await admin(p(`/commenters/${zoe.commenterId}`), { cookie }));
    expect(view.author.premoderated).toBe(true);
    const row = await env.DB.prepare("SELECT id FROM commenters WHERE site_id = ? AND staff_id = ?")
      .bind(site.id, staff.id)
      .first<{ id: number }>();
    const res = await refusedUnchanged(() => premoderate(row!.id, true));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("commenter_is_staff");
  });
});

describe("the pipeline holds the person", () => {
  it("holds a new comment with the premoderation reason (detail author) and its translated message", async () => {
    const res = await postAs(site, { story: "s", body: "Après la mesure", author: { name: "Zoé" } }, { token: zoe.token });
    expect(res.status).toBe(201);
    const saved = await json<PostCommentResponse>(res);
    expect(saved.comment.status).toBe("pending");
    expect(saved.reasons).toEqual([{ code: "premoderation", detail: "author", message: expect.any(String) }]);
    // Others on the same site and story are not held.
    const other = await postAs(site, { story: "s", body: "Une autre lectrice", author: { name: "Inès" } }, {});
    expect((await json<PostCommentResponse>(other)).comment.status).toBe("published");
  });

  it("holds an edit of a published comment", async () => {
    const res = await editComment(site, zoe.ids[0]!, { body: "Avant la mesure, corrigé" }, { token: zoe.token });
    expect(res.status).toBe(200);
    const edited = await json<EditCommentResponse>(res);
    expect(edited.comment.status).toBe("pending");
    expect(edited.reasons.map((r) => [r.code, r.detail])).toEqual([["premoderation", "author"]]);
  });

  it("publishes again once lifted, with an unpremoderate audit row", async () => {
    const before = await lastAuditId();
    const res = await premoderate(zoe.commenterId, false);
    expect((await json<PremoderationResponse>(res)).author.premoderated).toBe(false);
    expect((await auditSince(site.id, before)).map((a) => a.action)).toEqual(["unpremoderate"]);
    const saved = await json<PostCommentResponse>(
      await postAs(site, { story: "s", body: "Libre à nouveau", author: { name: "Zoé" } }, { token: zoe.token }),
    );
    expect(saved.comment.status).toBe("published");
  });
});
