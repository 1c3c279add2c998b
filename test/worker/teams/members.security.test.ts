// A site's team: admins change roles and remove members, never the last admin (not even two admins
// removing each other at once); moderators and other sites' admins may do none of it; a member
// changes their own password with their current one.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, createStaff, signIn, signInRequest, signedIn } from "../admin/support";
import { auditActions, refusedTeamWrite, roleOf } from "./support";
import type { TeamResponse } from "../../../worker/schemas/teams";

const siteWith = async () => (await createSite()).id;

describe("the team list", () => {
  it("shows admins the members, marking who asks", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const m = await createStaff({ [site]: "moderator" }, { name: "Mod" });
    const res = await admin(`/sites/${site}/team`, { cookie: a.cookie });
    expect(res.status).toBe(200);
    const team = await res.json<TeamResponse>();
    expect(team.members).toEqual([
      { id: a.staff.id, name: a.staff.name, email: a.staff.email, role: "admin", you: true },
      { id: m.id, name: "Mod", email: m.email, role: "moderator", you: false },
    ]);
  });

  it("is refused to moderators and to admins of other sites", async () => {
    const site = await siteWith();
    const mod = await signedIn({ [site]: "moderator" });
    const other = await signedIn({ [await siteWith()]: "admin" });
    expect((await admin(`/sites/${site}/team`, { cookie: mod.cookie })).status).toBe(403);
    expect((await admin(`/sites/${site}/team`, { cookie: other.cookie })).status).toBe(403);
  });
});

describe("changing a role", () => {
  it("lets an admin promote and demote, audited", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const m = await createStaff({ [site]: "moderator" });
    const up = await admin(`/sites/${site}/members/${m.id}`, { cookie: a.cookie, method: "PUT", body: { role: "admin" } });
    expect(up.status).toBe(200);
    expect(await roleOf(m.id, site)).toBe("admin");
    const down = await admin(`/sites/${site}/members/${m.id}`, { cookie: a.cookie, method: "PUT", body: { role: "moderator" } });
    expect(down.status).toBe(200);
    expect(await roleOf(m.id, site)).toBe("moderator");
    expect((await auditActions(site)).map((x) => [x.action, x.detail])).toEqual([
      ["role_change", { member: m.id, from: "moderator", to: "admin" }],
      ["role_change", { member: m.id, from: "admin", to: "moderator" }],
    ]);
  });

  it("refuses to demote the last admin (themself), writing nothing", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const res = await refusedTeamWrite(() =>
      admin(`/sites/${site}/members/${a.staff.id}`, { cookie: a.cookie, method: "PUT", body: { role: "moderator" } }),
    );
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("last_admin");
  });

  it("is refused to a moderator, who cannot promote themself either", async () => {
    const site = await siteWith();
    await createStaff({ [site]: "admin" });
    const mod = await signedIn({ [site]: "moderator" });
    const res = await refusedTeamWrite(() =>
      admin(`/sites/${site}/members/${mod.staff.id}`, { cookie: mod.cookie, method: "PUT", body: { role: "admin" } }),
    );
    expect(res.status).toBe(403);
  });

  it("cannot reach a member of another site through one's own site", async () => {
    const mine = await siteWith();
    const theirs = await siteWith();
    const a = await signedIn({ [mine]: "admin" });
    const victim = await createStaff({ [theirs]: "moderator" });
    const res = await refusedTeamWrite(() =>
      admin(`/sites/${mine}/members/${victim.id}`, { cookie: a.cookie, method: "PUT", body: { role: "admin" } }),
    );
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("member_not_found");
    expect(
      (
        await refusedTeamWrite(() =>
          admin(`/sites/${theirs}/members/${victim.id}`, { cookie: a.cookie, method: "PUT", body: { role: "admin" } }),
        )
      ).status,
    ).toBe(403);
  });

  it("refuses the owner role and unknown keys", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const m = await createStaff({ [site]: "moderator" });
    for (const body of [{ role: "owner" }, { role: "admin", owner: true }]) {
      expect(
        (await refusedTeamWrite(() => admin(`/sites/${site}/members/${m.id}`, { cookie: a.cookie, method: "PUT", body }))).status,
      ).toBe(400);
    }
  });
});

describe("removing a member", () => {
  it("lets an admin remove a moderator, whose access ends at once, audited", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const m = await createStaff({ [site]: "moderator" });
    const mCookie = await signIn(m);
    const res = await admin(`/sites/${site}/members/${m.id}`, { cookie: a.cookie, method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await roleOf(m.id, site)).toBeNull();
    expect((await admin(`/sites/${site}/queues/pending`, { cookie: mCookie })).status).toBe(403);
    expect((await auditActions(site)).at(-1)).toMatchObject({
      action: "member_remove",
      staff_id: a.staff.id,
      detail: { member: m.id, role: "moderator" },
    });
  });

  it("never removes the last admin, writing nothing", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const res = await refusedTeamWrite(() => admin(`/sites/${site}/members/${a.staff.id}`, { cookie: a.cookie, method: "DELETE" }));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("last_admin");
  });

  it("lets an admin leave when another admin stays", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    await createStaff({ [site]: "admin" });
    expect((await admin(`/sites/${site}/members/${a.staff.id}`, { cookie: a.cookie, method: "DELETE" })).status).toBe(204);
  });

  it("of two admins removing each other at once (25 times each), one admin always stays", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const b = await signedIn({ [site]: "admin" });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? admin(`/sites/${site}/members/${b.staff.id}`, { cookie: a.cookie, method: "DELETE" })
          : admin(`/sites/${site}/members/${a.staff.id}`, { cookie: b.cookie, method: "DELETE" }),
      ),
    );
    expect(answers.filter((r) => r.status === 204).length).toBe(1);
    const admins = await env.DB.prepare("SELECT COUNT(*) AS n FROM staff_roles WHERE site_id = ? AND role = 'admin'")
      .bind(site)
      .first<{ n: number }>();
    expect(admins!.n).toBe(1);
    expect((await auditActions(site)).filter((x) => x.action === "member_remove").length).toBe(1);
  });

  it("of 50 demotions of two admins at once, one admin stays", async () => {
    const site = await siteWith();
    const a = await signedIn({ [site]: "admin" });
    const b = await createStaff({ [site]: "admin" });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin(`/sites/${site}/members/${i % 2 === 0 ? a.staff.id : b.id}`, {
          cookie: a.cookie,
          method: "PUT",
          body: { role: "moderator" },
        }),
      ),
    );
    const admins = await env.DB.prepare("SELECT COUNT(*) AS n FROM staff_roles WHERE site_id = ? AND role = 'admin'")
      .bind(site)
      .first<{ n: number }>();
    expect(admins!.n).toBe(1);
    expect(answers.every((r) => r.status === 200 || r.status === 409 || r.status === 403)).toBe(true);
  });

  it("is refused to a moderator and to an admin of another site", async () => {
    const site = await siteWith();
    const target = await createStaff({ [site]: "moderator" });
    const mod = await signedIn({ [site]: "moderator" });
    const other = await signedIn({ [await siteWith()]: "admin" });
    for (const cookie of [mod.cookie, other.cookie]) {
      expect((await refusedTeamWrite(() => admin(`/sites/${site}/members/${target.id}`, { cookie, method: "DELETE" }))).status).toBe(403);
    }
  });
});

describe("a member's own password", () => {
  it("changes with the current one; other sessions end, this one stays; audited on each site", async () => {
    const s1 = await siteWith();
    const s2 = await siteWith();
    const staff = await createStaff({ [s1]: "moderator", [s2]: "admin" });
    const here = await signIn(staff);
    const elsewhere = await signIn(staff);
    const res = await admin("/account/password", {
      cookie: here,
      method: "PUT",
      body: { currentPassword: staff.password, newPassword: "my new long password" },
    });
    expect(res.status).toBe(204);
    expect((await admin("/session", { cookie: here })).status).toBe(200);
    expect((await admin("/session", { cookie: elsewhere })).status).toBe(401);
    expect((await signInRequest(staff.email, "my new long password")).status).toBe(200);
    for (const site of [s1, s2]) expect((await auditActions(site)).map((a) => a.action)).toEqual(["password_change"]);
  });

  it("refuses a wrong current password and a short new one, writing nothing", async () => {
    const staff = await createStaff({ [await siteWith()]: "moderator" });
    const cookie = await signIn(staff);
    const wrong = await refusedTeamWrite(() =>
      admin("/account/password", {
        cookie,
        method: "PUT",
        body: { currentPassword: "not my password", newPassword: "my new long password" },
      }),
    );
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("invalid_credentials");
    const short = await refusedTeamWrite(() =>
      admin("/account/password", { cookie, method: "PUT", body: { currentPassword: staff.password, newPassword: "short" } }),
    );
    expect(short.status).toBe(400);
  });

  it("is throttled as a sign-in: 30 guesses at once check at most 5 passwords, then 429, and change nothing", async () => {
    const staff = await createStaff({ [await siteWith()]: "moderator" });
    const cookie = await signIn(staff);
    const before = await env.DB.prepare("SELECT password_hash FROM staff WHERE id = ?").bind(staff.id).first<{ password_hash: string }>();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        admin("/account/password", {
          cookie,
          method: "PUT",
          body: { currentPassword: `guess number ${i}`, newPassword: "my new long password" },
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    // Even the right password now waits, as it would on the sign-in form.
    const right = await admin("/account/password", {
      cookie,
      method: "PUT",
      body: { currentPassword: staff.password, newPassword: "my new long password" },
    });
    expect(right.status).toBe(429);
    const after = await env.DB.prepare("SELECT password_hash FROM staff WHERE id = ?").bind(staff.id).first<{ password_hash: string }>();
    expect(after).toEqual(before);
  });

  it("needs a session and the dashboard's origin", async () => {
    expect(
      (await admin("/account/password", { method: "PUT", body: { currentPassword: "x", newPassword: "my new long password" } })).status,
    ).toBe(401);
    const staff = await createStaff({});
    const cookie = await signIn(staff);
    const res = await refusedTeamWrite(() =>
      admin("/account/password", {
        cookie,
        method: "PUT",
        origin: "https://evil.example",
        body: { currentPassword: staff.password, newPassword: "my new long password" },
      }),
    );
    expect(res.status).toBe(403);
  });
});
