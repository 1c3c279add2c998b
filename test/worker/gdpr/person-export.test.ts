// A person's export for a site's admins (GET …/commenters/{id}/export), and who may export and
// erase: admins of the site only; moderators, other sites' admins and no session are refused
// without a write; an unknown or another site's commenter is 404; a staff member's commenter 409.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PersonExport } from "../../../worker/schemas/export";
import { createSite, errorOf, json, refusedWithoutWrite } from "../support";
import { admin, signedIn, sitePath } from "../admin/support";
import { personScene } from "./support";

describe("a person's export", () => {
  it("holds their identity, comments, revisions, likes, reports, notification settings, statements and notes, and no hash", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const p = await personScene(site);
    const res = await admin(sitePath(site.id, `/commenters/${p.personId}/export`), { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const text = await res.clone().text();
    const data = await json<PersonExport>(res);
    expect(data.format).toBe("palabre-person-export");
    expect(data.identity).toMatchObject({ id: p.personId, name: p.name, kind: "guest", hasToken: true, erasedAt: null });
    expect(data.identity.networkHashesHeld).toBeGreaterThan(0);
    expect(data.comments.map((c) => c.id)).toEqual([p.answered, p.alone, p.replyToOther]);
    expect(data.comments[0]!.body).toContain("corrigé");
    expect(data.revisions).toHaveLength(1);
    expect(data.revisions[0]!.body).toContain(`Mon avis`);
    expect(data.reactions.map((r) => r.commentId)).toEqual([p.othersTop]);
    expect(data.reportsMade).toMatchObject([{ commentId: p.othersTop, reason: "other", note: `Je suis ${p.name}` }]);
    expect(data.notifications.addresses).toMatchObject([{ email: p.email, status: "active" }]);
    expect(data.notifications.subscriptions).toMatchObject([{ email: p.email, commentId: p.answered }]);
    expect(data.bans).toHaveLength(1);
    expect(data.staffNotes[0]!.body).toContain(p.name);
    expect(Array.isArray(data.statements) && Array.isArray(data.appeals)).toBe(true);
    for (const h of p.networks) expect(text).not.toContain(h);
    const tokenHash = await env.DB.prepare("SELECT token_hash FROM commenters WHERE id = ?")
      .bind(p.personId)
      .first<{ token_hash: string }>();
    expect(text).not.toContain(tokenHash!.token_hash);
  });
});

describe("rights on a person's data", () => {
  it("moderators, other sites' admins and no session are refused, writing nothing", async () => {
    const site = await createSite();
    const other = await createSite();
    const p = await personScene(site, { subscribe: false });
    const mod = await signedIn({ [site.id]: "moderator" });
    const otherAdmin = await signedIn({ [other.id]: "admin" });
    for (const cookie of [mod.cookie, otherAdmin.cookie, null]) {
      const exp = await admin(sitePath(site.id, `/commenters/${p.personId}/export`), { cookie });
      expect(exp.status).toBe(cookie ? 403 : 401);
      const del = await refusedWithoutWrite(() => admin(sitePath(site.id, `/commenters/${p.personId}`), { method: "DELETE", cookie }));
      expect(del.status).toBe(cookie ? 403 : 401);
    }
    // A write from another origin is refused before anything (CSRF).
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const forged = await refusedWithoutWrite(() =>
      admin(sitePath(site.id, `/commenters/${p.personId}`), { method: "DELETE", cookie, origin: "https://evil.example" }),
    );
    expect((await errorOf(forged)).code).toBe("csrf_refused");
    const still = await env.DB.prepare("SELECT name FROM commenters WHERE id = ?").bind(p.personId).first<{ name: string }>();
    expect(still!.name).toBe(p.name);
  });

  it("an admin reaches only their site's commenters: another site's is 404, a bad id 400, a staff commenter 409", async () => {
    const site = await createSite();
    const other = await createSite();
    const theirs = await personScene(other, { subscribe: false });
    const { staff, cookie } = await signedIn({ [site.id]: "admin" });
    for (const path of [`/commenters/${theirs.personId}/export`, `/commenters/${theirs.personId}`]) {
      const res = await refusedWithoutWrite(() =>
        admin(sitePath(site.id, path), { cookie, method: path.endsWith("export") ? "GET" : "DELETE" }),
      );
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("commenter_not_found");
    }
    expect((await admin(sitePath(site.id, "/commenters/abc"), { cookie, method: "DELETE" })).status).toBe(400);
    const row = await env.DB.prepare(
      "INSERT INTO commenters (site_id, kind, name, comment_count, staff_id, created_at) VALUES (?, 'guest', 'Staff', 0, ?, ?) RETURNING id",
    )
      .bind(site.id, staff.id, Date.now())
      .first<{ id: number }>();
    const res = await refusedWithoutWrite(() => admin(sitePath(site.id, `/commenters/${row!.id}`), { cookie, method: "DELETE" }));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("commenter_is_staff");
  });
});
