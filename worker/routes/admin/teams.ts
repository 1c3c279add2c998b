// Sites and teams (issue 12):
//   /api/admin/sites                  GET a member's sites; POST creates one (owners only)
//   /api/admin/sites/{site}           PATCH the site's identity (admins)
//   /api/admin/sites/{site}/team      GET members and pending invitations (admins)
//   /api/admin/sites/{site}/invitations            POST invites by mail (admins)
//   /api/admin/sites/{site}/invitations/{id}       DELETE withdraws one (admins)
//   /api/admin/sites/{site}/members/{id}           PUT { role } / DELETE (admins; never the last admin)
//   /api/admin/invitations/inspect|accept          the invitee, with the link's token (no session)
//   /api/admin/account/password                    PUT: a member's own password
import { Hono } from "hono";
import { requireSiteRole, requireStaff, type AdminEnv } from "../../auth/middleware";
import { setSessionCookie } from "../../auth/sessions";
import { limitBody } from "../../lib/body-limit";
import { clientIp } from "../../lib/hash";
import { REGISTRY, registryOf } from "../../lib/databases";
import { copyRole } from "../../lib/staff-copies";
import { teamAudit } from "../../lib/team-audit";
import { selectStaffSites } from "../../db/staff";
import { syncRegistryEntry } from "../../lib/site-home";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import {
  acceptInvitationBody,
  createSiteBody,
  inspectInvitationBody,
  invitationIdParam,
  inviteBody,
  memberIdParam,
  passwordChangeBody,
  roleBody,
  siteIdentityBody,
} from "../../schemas/teams";
import { changeOwnPassword, invite, removeFromSite, setRole, teamView, withdrawInvitation } from "../../services/admin/teams";
import { acceptInvite, inspectInvitation } from "../../services/admin/teams-invitations";
import { createSite, listSites, updateIdentity } from "../../services/admin/teams-sites";

/** Mounted at /api/admin/sites, before the per-site API. */
export const teamSitesRoutes = new Hono<AdminEnv>()
  .get("/", requireStaff, async (c) => c.json(await listSites(c.env.DB, c.var.staff), 200))
  .post("/", requireStaff, limitBody, jsonBody(createSiteBody), async (c) =>
    c.json(await createSite(c.env.DB, c.var.staff, c.req.valid("json"), Date.now()), 201),
  );

const adminOnly = requireSiteRole("admin");

/** Mounted in the per-site API (/api/admin/sites/{site}: signed in, a role on the site). */
export const teamRoutes = new Hono<AdminEnv>()
  .patch("/", adminOnly, limitBody, jsonBody(siteIdentityBody), async (c) => {
    const updated = await updateIdentity(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now());
    await syncRegistryEntry(c.env, c.var.site.id);
    return c.json(updated, 200);
  })
  // The team is the registry's (roles and invitations); the site's own database gets copies of roles.
  .get("/team", adminOnly, async (c) => c.json(await teamView(registryOf(c.env), c.var.site, c.var.staff, Date.now()), 200))
  .post("/invitations", adminOnly, limitBody, jsonBody(inviteBody), async (c) =>
    c.json(await invite(c.env, c.var.site, c.var.staff, c.req.valid("json"), Date.now()), 201),
  )
  .delete("/invitations/:id", adminOnly, async (c) => {
    const { id } = parseOrThrow(invitationIdParam, { id: c.req.param("id") });
    const now = Date.now();
    await withdrawInvitation(registryOf(c.env), c.var.site, c.var.staff, id, now, teamAudit(c.env, c.var.site.id, c.var.staff.id, now));
    return c.body(null, 204);
  })
  .put("/members/:id", adminOnly, limitBody, jsonBody(roleBody), async (c) => {
    const { id } = parseOrThrow(memberIdParam, { id: c.req.param("id") });
    const now = Date.now();
    const audit = teamAudit(c.env, c.var.site.id, c.var.staff.id, now);
    const changed = await setRole(registryOf(c.env), c.var.site, c.var.staff, id, c.req.valid("json").role, now, audit);
    await copyRole(c.env, { siteId: c.var.site.id, staff: changed.member, role: changed.member.role }, now);
    return c.json(changed, 200);
  })
  .delete("/members/:id", adminOnly, async (c) => {
    const { id } = parseOrThrow(memberIdParam, { id: c.req.param("id") });
    const now = Date.now();
    // The copy first: the member's access ends with the registry's row, their alert mails with the copy.
    await copyRole(c.env, { siteId: c.var.site.id, staffId: id, role: null }, now);
    await removeFromSite(registryOf(c.env), c.var.site, c.var.staff, id, now, teamAudit(c.env, c.var.site.id, c.var.staff.id, now));
    return c.body(null, 204);
  });

/** Mounted at /api/admin/invitations: the token is the credential (POST, so it stays out of URLs). */
export const invitationRoutes = new Hono<AdminEnv>()
  .post("/inspect", limitBody, jsonBody(inspectInvitationBody), async (c) =>
    c.json(await inspectInvitation(c.env.DB, c.req.valid("json").token, Date.now()), 200),
  )
  .post("/accept", limitBody, jsonBody(acceptInvitationBody), async (c) => {
    const now = Date.now();
    const accepted = await acceptInvite(c.env.DB, c.req.valid("json"), now);
    await copyRole(c.env, accepted.granted, now);
    await teamAudit(
      c.env,
      accepted.granted.siteId,
      accepted.granted.staff.id,
      now,
    )("invitation_accept", {
      invitation: accepted.granted.invitation,
      email: accepted.granted.staff.email,
      invitedRole: accepted.granted.role,
    });
    setSessionCookie(c, accepted.token, accepted.expiresAt - now);
    return c.json(accepted.session, 200);
  });

/** Mounted at /api/admin/account. */
export const accountRoutes = new Hono<AdminEnv>().put("/password", requireStaff, limitBody, jsonBody(passwordChangeBody), async (c) => {
  const now = Date.now();
  await changeOwnPassword(c.env.DB, c.var.staff, c.var.sessionHash, c.req.valid("json"), clientIp(c.req.raw.headers), now);
  // The sites living in their own database have the change in their audit log too (lib/team-audit.ts).
  for (const site of (await selectStaffSites(c.env.DB, c.var.staff.id).all()).results) {
    if (site.db !== REGISTRY) await teamAudit(c.env, site.id, c.var.staff.id, now)("password_change", {});
  }
  return c.body(null, 204);
});
