// Who may create sites and change their identity: owners create (and become the first admin),
// admins edit their own site only, moderators and other sites' admins are refused without a write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, signedIn } from "../admin/support";
import { auditActions, refusedTeamWrite, roleOf, signedInOwner } from "./support";
import type { TeamSitesResponse, TeamSiteView } from "../../../worker/schemas/teams";

let siteA: string;
let siteB: string;

beforeAll(async () => {
  siteA = (await createSite({ settings: { defaultLocale: "fr", color: "#112233" } })).id;
  siteB = (await createSite()).id;
});

const newSite = (id: string) => ({
  id,
  name: `Le Journal ${id}`,
  allowedOrigins: [`https://${id}.example`],
  language: "fr",
  color: "#AA3300",
});

describe("GET /api/admin/sites", () => {
  it("lists only the member's sites, with their identity and role, and says who is an owner", async () => {
    const { cookie } = await signedIn({ [siteA]: "moderator" });
    const res = await admin("/sites", { cookie });
    expect(res.status).toBe(200);
    const body = await res.json<TeamSitesResponse>();
    expect(body.owner).toBe(false);
    expect(body.sites).toEqual([
      {
        id: siteA,
        name: `Site ${siteA}`,
        allowedOrigins: [`https://${siteA}.example`],
        language: "fr",
        color: "#112233",
        role: "moderator",
      },
    ]);
  });

  it("needs a session", async () => {
    const res = await admin("/sites");
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  });
});

describe("POST /api/admin/sites", () => {
  it("lets an owner create a site: they become its admin, the creation is audited", async () => {
    const { staff, cookie } = await signedInOwner();
    const id = `owned-${crypto.randomUUID().slice(0, 8)}`;
    const res = await admin("/sites", { cookie, body: newSite(id) });
    expect(res.status).toBe(201);
    const { site } = await res.json<{ site: TeamSiteView }>();
    expect(site).toEqual({
      id,
      name: `Le Journal ${id}`,
      allowedOrigins: [`https://${id}.example`],
      language: "fr",
      color: "#aa3300",
      role: "admin",
    });
    expect(await roleOf(staff.id, id)).toBe("admin");
    const audit = await auditActions(id);
    expect(audit.map((a) => [a.action, a.staff_id])).toEqual([["site_create", staff.id]]);
    const list = await (await admin("/sites", { cookie })).json<TeamSitesResponse>();
    expect(list.owner).toBe(true);
    expect(list.sites.map((s) => s.id)).toEqual([id]);
    // The new site works for readers at once: its settings are stored as the settings screen reads them.
    const settings = await admin(`/sites/${id}/settings`, { cookie });
    expect((await settings.json<{ settings: { defaultLocale: string; color: string } }>()).settings).toMatchObject({
      defaultLocale: "fr",
      color: "#aa3300",
    });
  });

  it.each([
    ["an admin", "admin"],
    ["a moderator", "moderator"],
  ] as const)("refuses %s who is no owner, writing nothing", async (_who, role) => {
    const { cookie } = await signedIn({ [siteA]: role });
    const res = await refusedTeamWrite(() => admin("/sites", { cookie, body: newSite(`nope-${crypto.randomUUID().slice(0, 8)}`) }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  });

  it("refuses a taken id (409), without touching the existing site", async () => {
    const { cookie } = await signedInOwner();
    const res = await refusedTeamWrite(() => admin("/sites", { cookie, body: newSite(siteB) }));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("site_exists");
  });

  it.each([
    ["an id with capitals", { ...newSite("x"), id: "Bad-Id" }],
    ["an id with a slash", { ...newSite("x"), id: "a/b" }],
    ["the id the dashboard uses for all sites", newSite("all")],
    ["the id of the dashboard's invitation page", newSite("invitation")],
    ["no name", { ...newSite("ok-id-1"), name: "" }],
    ["an origin with a path", { ...newSite("ok-id-2"), allowedOrigins: ["https://a.example/path"] }],
    ["an origin twice", { ...newSite("ok-id-3"), allowedOrigins: ["https://a.example", "https://a.example"] }],
    ["a language Palabre does not speak", { ...newSite("ok-id-4"), language: "de" }],
    ["a colour that is no colour", { ...newSite("ok-id-5"), color: "red" }],
    ["an unknown key", { ...newSite("ok-id-6"), ssoSecret: "x".repeat(40) }],
  ])("refuses %s with a clear error", async (_what, body) => {
    const { cookie } = await signedInOwner();
    const res = await refusedTeamWrite(() => admin("/sites", { cookie, body }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  });

  it("needs the dashboard's own origin (CSRF)", async () => {
    const { cookie } = await signedInOwner();
    const res = await refusedTeamWrite(() => admin("/sites", { cookie, body: newSite("csrf-site"), origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("csrf_refused");
  });

  it("of 50 creations of one id at once, exactly one succeeds", async () => {
    const { cookie } = await signedInOwner();
    const id = `race-${crypto.randomUUID().slice(0, 8)}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => admin("/sites", { cookie, body: newSite(id) })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array<number>(49).fill(409)]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM staff_roles WHERE site_id = ?").bind(id).first<{ n: number }>())!.n).toBe(1);
    expect((await auditActions(id)).length).toBe(1);
  });
});

describe("PATCH /api/admin/sites/{site}", () => {
  it("lets an admin change the identity: only the keys sent, audited by name", async () => {
    const site = (await createSite({ settings: { charter: "Be kind.", color: "#000000" } })).id;
    const { staff, cookie } = await signedIn({ [site]: "admin" });
    const res = await admin(`/sites/${site}`, { cookie, method: "PATCH", body: { name: "Renamed", color: "#FFFFFF" } });
    expect(res.status).toBe(200);
    const { site: view } = await res.json<{ site: TeamSiteView }>();
    expect(view).toMatchObject({
      id: site,
      name: "Renamed",
      color: "#ffffff",
      language: "en",
      allowedOrigins: [`https://${site}.example`],
    });
    const row = await env.DB.prepare("SELECT settings FROM sites WHERE id = ?").bind(site).first<{ settings: string }>();
    expect(JSON.parse(row!.settings)).toEqual({ charter: "Be kind.", color: "#ffffff" });
    const audit = await auditActions(site);
    expect(audit).toEqual([{ action: "site_update", staff_id: staff.id, detail: { changed: ["name", "color"] } }]);
  });

  it("writes nothing when nothing changes", async () => {
    const site = (await createSite({ name: "Same" })).id;
    const { cookie } = await signedIn({ [site]: "admin" });
    const res = await refusedTeamWrite(() => admin(`/sites/${site}`, { cookie, method: "PATCH", body: { name: "Same" } }));
    expect(res.status).toBe(200);
  });

  it("refuses a moderator of the site and an admin of another site, writing nothing", async () => {
    const moderator = await signedIn({ [siteA]: "moderator" });
    const other = await signedIn({ [siteB]: "admin" });
    for (const cookie of [moderator.cookie, other.cookie]) {
      const res = await refusedTeamWrite(() => admin(`/sites/${siteA}`, { cookie, method: "PATCH", body: { name: "Hijacked" } }));
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
  });

  it("refuses an owner who is not a member of the site", async () => {
    const { cookie } = await signedInOwner();
    const res = await refusedTeamWrite(() => admin(`/sites/${siteA}`, { cookie, method: "PATCH", body: { name: "Owned" } }));
    expect(res.status).toBe(403);
  });

  it("refuses an empty change", async () => {
    const { cookie } = await signedIn({ [siteA]: "admin" });
    const res = await refusedTeamWrite(() => admin(`/sites/${siteA}`, { cookie, method: "PATCH", body: {} }));
    expect(res.status).toBe(400);
  });
});
