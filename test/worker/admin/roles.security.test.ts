// Roles per site: moderators moderate, only admins change a site's settings, its team, and take
// data out or erase it; no role, no access.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, seedScene, signedIn, type Scene } from "./support";
import { SITE_ROUTES, label } from "./routes";

let siteId: string;
let scene: Scene;
let moderator: string;
let administrator: string;

beforeAll(async () => {
  siteId = (await createSite()).id;
  scene = await seedScene(siteId, 2000);
  moderator = (await signedIn({ [siteId]: "moderator" })).cookie;
  administrator = (await signedIn({ [siteId]: "admin" })).cookie;
});

const validSettings = { name: "New name", allowedOrigins: ["https://new.example"], settings: {} };

describe("a moderator", () => {
  it("may not read or change the site's settings: 403 forbidden, nothing changed", async () => {
    const read = await admin(`/sites/${siteId}/settings`, { cookie: moderator });
    expect(read.status).toBe(403);
    expect((await errorOf(read)).code).toBe("forbidden");
    const write = await refusedUnchanged(() =>
      admin(`/sites/${siteId}/settings`, { method: "PUT", cookie: moderator, body: validSettings }),
    );
    expect(write.status).toBe(403);
    expect((await errorOf(write)).code).toBe("forbidden");
    const site = await env.DB.prepare("SELECT name FROM sites WHERE id = ?").bind(siteId).first<{ name: string }>();
    expect(site!.name).not.toBe("New name");
  });

  it("may use the queues, moderate, feature, ban, reply and read the audit log", async () => {
    const ids = { comment: scene.top, commenter: scene.bob, story: scene.storyKey };
    for (const route of SITE_ROUTES.filter((r) => !r.adminOnly)) {
      // each route on a published comment (the reject route before it hides it)
      await env.DB.prepare("UPDATE comments SET status = 'published' WHERE id = ?").bind(scene.top).run();
      const res = await admin(route.path(siteId, ids), { method: route.method, cookie: moderator, body: route.body?.(ids) });
      expect(res.status, label(route)).toBeLessThan(300);
    }
  });

  it("may not reach an admin's route (settings, identity, team, invitations, exports, erasure): 403 forbidden, nothing changed", async () => {
    const ids = { comment: scene.top, commenter: scene.bob, story: scene.storyKey };
    const adminRoutes = SITE_ROUTES.filter((r) => r.adminOnly);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(9);
    for (const route of adminRoutes) {
      const res = await refusedUnchanged(() =>
        admin(route.path(siteId, ids), { method: route.method, cookie: moderator, body: route.body?.(ids) }),
      );
      expect(res.status, label(route)).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
  });
});

describe("an admin", () => {
  it("may read and change the settings, and moderate like a moderator", async () => {
    expect((await admin(`/sites/${siteId}/settings`, { cookie: administrator })).status).toBe(200);
    const put = await admin(`/sites/${siteId}/settings`, { method: "PUT", cookie: administrator, body: validSettings });
    expect(put.status).toBe(200);
    const approve = await admin(`/sites/${siteId}/moderation`, {
      cookie: administrator,
      body: { action: "approve", ids: [scene.pendingTop] },
    });
    expect(approve.status).toBe(200);
  });
});

describe("a site the staff member has no role on", () => {
  it("is refused 403 whether it exists or not, so nobody can probe which sites exist", async () => {
    const outsider = (await signedIn({})).cookie;
    for (const site of [siteId, "no-such-site", "NOT_A_SITE_ID"]) {
      for (const route of SITE_ROUTES.filter((r) => r.method === "GET")) {
        const res = await admin(route.path(site, { comment: 1, commenter: 1, story: "story" }), { cookie: outsider });
        expect(res.status, `${site} ${label(route)}`).toBe(403);
        expect((await errorOf(res)).code).toBe("forbidden");
      }
    }
    // an admin of one site gets the same answer for a site that does not exist
    const res = await admin("/sites/no-such-site/queues/pending", { cookie: administrator });
    expect(res.status).toBe(403);
  });

  it("is refused once the role is taken away, even within a live session", async () => {
    const { staff, cookie } = await signedIn({ [siteId]: "moderator" });
    expect((await admin(`/sites/${siteId}/queues/pending`, { cookie })).status).toBe(200);
    await env.DB.prepare("DELETE FROM staff_roles WHERE staff_id = ?").bind(staff.id).run();
    expect((await admin(`/sites/${siteId}/queues/pending`, { cookie })).status).toBe(403);
  });
});
