// Invitations: an admin invites by mail (the link is only in the mail), the invitee sets a
// password and is signed in; forged, withdrawn, expired and reused links are refused, writing
// nothing; 50 acceptances of one link at once make one account; a lost password is a new invitation.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, createStaff, sessionCookieOf, signIn, signInRequest, signedIn } from "../admin/support";
import { accept, auditActions, freshEmail, inviteOk, refusedTeamWrite, roleOf, tokenFromOutbox } from "./support";
import type { SessionResponse } from "../../../worker/schemas/admin-views";
import type { InvitationInspectResponse, InvitationView, TeamResponse } from "../../../worker/schemas/teams";

let site: string;
let frSite: string;
let adminCookie: string;
let adminId: number;

beforeAll(async () => {
  site = (await createSite({ name: "The Daily" })).id;
  frSite = (await createSite({ name: "Le Quotidien", settings: { defaultLocale: "fr" } })).id;
  const a = await signedIn({ [site]: "admin", [frSite]: "admin" });
  adminCookie = a.cookie;
  adminId = a.staff.id;
});

const NEW_PASSWORD = "a brand new password";

describe("inviting", () => {
  it("stores only the token's hash, mails the link in the site's language, answers without it, audits", async () => {
    const email = freshEmail();
    const res = await admin(`/sites/${frSite}/invitations`, {
      cookie: adminCookie,
      body: { email: email.toUpperCase(), role: "moderator" },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    const { invitation } = JSON.parse(text) as { invitation: InvitationView };
    expect(invitation).toMatchObject({ email, role: "moderator" });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * 24 * 3600 * 1000);
    const token = await tokenFromOutbox(email);
    expect(text).not.toContain(token);
    const mail = await env.DB.prepare("SELECT subject, body, site_id FROM outbox WHERE recipient = ?")
      .bind(email)
      .first<{ subject: string; body: string; site_id: string }>();
    expect(mail!.site_id).toBe(frSite);
    expect(mail!.subject).toBe("Invitation à modérer Le Quotidien");
    const stored = await env.DB.prepare("SELECT token_hash FROM invitations WHERE id = ?")
      .bind(invitation.id)
      .first<{ token_hash: string }>();
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await env.DB.prepare("SELECT * FROM invitations").all())).not.toContain(token);
    const audit = (await auditActions(frSite)).filter((a) => a.action === "invite");
    expect(audit.at(-1)).toEqual({ action: "invite", staff_id: adminId, detail: { invitation: invitation.id, email, role: "moderator" } });
    const team = await (await admin(`/sites/${frSite}/team`, { cookie: adminCookie })).json<TeamResponse>();
    expect(team.invitations.map((i) => i.email)).toContain(email);
  });

  it.each([["a moderator of the site", "moderator"]] as const)("is refused to %s", async (_who, role) => {
    const { cookie } = await signedIn({ [site]: role });
    const res = await refusedTeamWrite(() =>
      admin(`/sites/${site}/invitations`, { cookie, body: { email: freshEmail(), role: "moderator" } }),
    );
    expect(res.status).toBe(403);
  });

  it("is refused to an admin of another site", async () => {
    const other = (await createSite()).id;
    const { cookie } = await signedIn({ [other]: "admin" });
    const res = await refusedTeamWrite(() => admin(`/sites/${site}/invitations`, { cookie, body: { email: freshEmail(), role: "admin" } }));
    expect(res.status).toBe(403);
  });

  it.each([
    ["no address", { email: "nobody", role: "moderator" }],
    ["a header injection", { email: "a@b.example\r\nBcc: x@y.example", role: "moderator" }],
    ["a display name", { email: "Ana <ana@b.example>", role: "moderator" }],
    ["the owner role", { email: "ana@b.example", role: "owner" }],
    ["no role", { email: "ana@b.example" }],
  ])("refuses %s", async (_what, body) => {
    const res = await refusedTeamWrite(() => admin(`/sites/${site}/invitations`, { cookie: adminCookie, body }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  });

  it("caps pending invitations per site, even 60 at once", async () => {
    const busy = (await createSite()).id;
    const { cookie } = await signedIn({ [busy]: "admin" });
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        admin(`/sites/${busy}/invitations`, { cookie, body: { email: freshEmail("cap"), role: "moderator" } }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBe(50);
    expect(statuses.filter((s) => s === 429).length).toBe(10);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM invitations WHERE site_id = ?").bind(busy).first<{ n: number }>())!.n).toBe(50);
  });
});

describe("accepting", () => {
  it("shows what the link is for, then creates the account, gives the role, signs in, audits", async () => {
    const email = freshEmail();
    const token = await inviteOk(adminCookie, site, email, "moderator");
    const seen = await admin("/invitations/inspect", { body: { token } });
    expect(seen.status).toBe(200);
    expect(await seen.json<InvitationInspectResponse>()).toMatchObject({
      site: { id: site, name: "The Daily", language: "en" },
      email,
      role: "moderator",
      account: false,
    });
    const res = await accept(token, NEW_PASSWORD, "Zoé Invitée");
    expect(res.status).toBe(200);
    const session = await res.json<SessionResponse>();
    expect(session.staff).toMatchObject({ email, name: "Zoé Invitée" });
    expect(session.sites).toEqual([{ id: site, name: "The Daily", color: "#3b5bdb", role: "moderator" }]);
    const cookie = sessionCookieOf(res);
    expect((await admin(`/sites/${site}/queues/pending`, { cookie })).status).toBe(200);
    expect((await signInRequest(email, NEW_PASSWORD)).status).toBe(200);
    const audit = (await auditActions(site)).filter((a) => a.action === "invitation_accept").at(-1)!;
    expect(audit).toMatchObject({ staff_id: session.staff.id, detail: { email, invitedRole: "moderator", role: "moderator" } });
  });

  it("needs a name for a new account", async () => {
    const token = await inviteOk(adminCookie, site, freshEmail(), "moderator");
    const res = await refusedTeamWrite(() => accept(token, NEW_PASSWORD));
    expect(res.status).toBe(400);
    expect((await accept(token, NEW_PASSWORD, "Named")).status).toBe(200);
  });

  it("refuses a short password, writing nothing", async () => {
    const token = await inviteOk(adminCookie, site, freshEmail(), "moderator");
    const res = await refusedTeamWrite(() => accept(token, "short", "Name"));
    expect(res.status).toBe(400);
  });

  it("refuses a reused link (410 invitation_used), writing nothing", async () => {
    const token = await inviteOk(adminCookie, site, freshEmail(), "moderator");
    expect((await accept(token, NEW_PASSWORD, "First")).status).toBe(200);
    const again = await refusedTeamWrite(() => accept(token, "another password here", "Second"));
    expect(again.status).toBe(410);
    expect((await errorOf(again)).code).toBe("invitation_used");
    expect((await admin("/invitations/inspect", { body: { token } })).status).toBe(410);
  });

  it("refuses an expired link (410 invitation_expired), writing nothing", async () => {
    const email = freshEmail();
    const token = await inviteOk(adminCookie, site, email, "admin");
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE email = ?")
      .bind(Date.now() - 1, email)
      .run();
    const res = await refusedTeamWrite(() => accept(token, NEW_PASSWORD, "Late"));
    expect(res.status).toBe(410);
    expect((await errorOf(res)).code).toBe("invitation_expired");
  });

  it.each([
    ["a made-up token", "A".repeat(43)],
    ["a token cut short", "abc"],
    ["a token with other characters", `${"a".repeat(42)}/`],
    ["an empty token", ""],
  ])("refuses %s (404 invitation_invalid), writing nothing", async (_what, token) => {
    const res = await refusedTeamWrite(() => accept(token, NEW_PASSWORD, "Forger"));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("invitation_invalid");
  });

  it("refuses a token changed by one character", async () => {
    const token = await inviteOk(adminCookie, site, freshEmail(), "admin");
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const res = await refusedTeamWrite(() => accept(forged, NEW_PASSWORD, "Forger"));
    expect(res.status).toBe(404);
  });

  it("refuses a withdrawn link, and a new invitation of the same address withdraws the older one", async () => {
    const email = freshEmail();
    const first = await inviteOk(adminCookie, site, email, "moderator");
    const second = await inviteOk(adminCookie, site, email, "moderator");
    expect((await refusedTeamWrite(() => accept(first, NEW_PASSWORD, "Old"))).status).toBe(404);
    const team = await (await admin(`/sites/${site}/team`, { cookie: adminCookie })).json<TeamResponse>();
    const pending = team.invitations.filter((i) => i.email === email);
    expect(pending.length).toBe(1);
    const del = await admin(`/sites/${site}/invitations/${pending[0]!.id}`, { cookie: adminCookie, method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await refusedTeamWrite(() => accept(second, NEW_PASSWORD, "Gone"))).status).toBe(404);
    expect((await auditActions(site)).some((a) => a.action === "invitation_revoke" && a.detail.email === email)).toBe(true);
  });

  it("of 50 acceptances of one link at once, exactly one creates one account", async () => {
    const email = freshEmail("race");
    const token = await inviteOk(adminCookie, site, email, "moderator");
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => accept(token, `password number ${i}`, `Racer ${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBe(1);
    expect(statuses.filter((s) => s === 410).length).toBe(49);
    const accounts = await env.DB.prepare("SELECT id, name FROM staff WHERE email = ?").bind(email).all<{ id: number; name: string }>();
    expect(accounts.results.length).toBe(1);
    // The one that won set the password: its own, and no other one, signs in.
    const winner = statuses.indexOf(200);
    expect(accounts.results[0]!.name).toBe(`Racer ${winner}`);
    expect((await signInRequest(email, `password number ${winner}`)).status).toBe(200);
    const accepted = (await auditActions(site)).filter((a) => a.action === "invitation_accept" && a.detail.email === email);
    expect(accepted.length).toBe(1);
  });
});

describe("an existing account", () => {
  it("joins another site, keeping its name and its roles elsewhere", async () => {
    const other = (await createSite()).id;
    const member = await createStaff({ [other]: "admin" }, { name: "Already Here" });
    const token = await inviteOk(adminCookie, site, member.email, "moderator");
    const seen = await (await admin("/invitations/inspect", { body: { token } })).json<InvitationInspectResponse>();
    expect(seen.account).toBe(true);
    const res = await accept(token, NEW_PASSWORD, "Ignored Name");
    expect(res.status).toBe(200);
    const session = await res.json<SessionResponse>();
    expect(session.staff).toEqual({ id: member.id, email: member.email, name: "Already Here" });
    expect(await roleOf(member.id, site)).toBe("moderator");
    expect(await roleOf(member.id, other)).toBe("admin");
  });

  it("keeps its role on the site: a link never changes a role (an admin invited as moderator stays admin)", async () => {
    const member = await createStaff({ [site]: "admin" });
    const token = await inviteOk(adminCookie, site, member.email, "moderator");
    expect((await accept(token, NEW_PASSWORD)).status).toBe(200);
    expect(await roleOf(member.id, site)).toBe("admin");
  });

  it("with a lost password: the new invitation sets a new password and signs its old sessions out", async () => {
    const member = await createStaff({ [site]: "moderator" });
    const oldCookie = await signIn(member);
    const token = await inviteOk(adminCookie, site, member.email, "moderator");
    const res = await accept(token, NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect((await admin("/session", { cookie: oldCookie })).status).toBe(401);
    expect((await signInRequest(member.email, member.password)).status).toBe(401);
    expect((await signInRequest(member.email, NEW_PASSWORD)).status).toBe(200);
  });
});

describe("query plans", () => {
  it("read pending invitations and a token by their indexes, never by a scan", async () => {
    const plans = await env.DB.batch([
      env.DB.prepare(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM invitations WHERE site_id = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2",
      ).bind(site, Date.now()),
      env.DB.prepare("EXPLAIN QUERY PLAN SELECT id FROM invitations WHERE token_hash = ?").bind("x"),
      env.DB.prepare(
        "EXPLAIN QUERY PLAN UPDATE invitations SET revoked_at = 1 WHERE site_id = ?1 AND email = ?2 AND used_at IS NULL AND revoked_at IS NULL",
      ).bind(site, "a@b.example"),
    ]);
    for (const plan of plans) {
      const detail = (plan.results as { detail: string }[]).map((r) => r.detail).join(" | ");
      expect(detail).not.toMatch(/\bSCAN invitations\b/);
      expect(detail).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    }
  });
});
