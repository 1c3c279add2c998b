// The owner right is to create sites, nothing more: an owner with no role on a site is refused
// every one of its routes, as anyone else is, and an owner who moderates a site is refused its
// admins' routes. Each refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, createStaff, refusedUnchanged, seedScene, signIn, type Scene } from "../admin/support";
import { SITE_ROUTES, label } from "../admin/routes";
import { makeOwner, refusedTeamWrite } from "./support";
import type { TeamSitesResponse } from "../../../worker/schemas/teams";

let siteId: string;
let scene: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  scene = await seedScene(siteId, 7000);
});

/** An owner holding these roles, signed in. */
async function owner(roles: Record<string, "admin" | "moderator">): Promise<string> {
  const staff = await createStaff(roles);
  await makeOwner(staff);
  return signIn(staff);
}

const ids = () => ({ comment: scene.top, commenter: scene.bob, story: scene.storyKey });

describe("an owner with no role on a site", () => {
  it("is refused each of its routes (403 forbidden), writing nothing", async () => {
    const cookie = await owner({});
    for (const route of SITE_ROUTES) {
      const res = await refusedTeamWrite(() =>
        refusedUnchanged(() => admin(route.path(siteId, ids()), { method: route.method, cookie, body: route.body?.(ids()) })),
      );
      expect(res.status, label(route)).toBe(403);
      expect((await errorOf(res)).code, label(route)).toBe("forbidden");
    }
  });

  it("does not see it among their sites", async () => {
    const cookie = await owner({});
    const list = await (await admin("/sites", { cookie })).json<TeamSitesResponse>();
    expect(list.owner).toBe(true);
    expect(list.sites.map((s) => s.id)).not.toContain(siteId);
  });
});

describe("an owner who moderates a site", () => {
  it("is refused its admins' routes (403 forbidden), writing nothing, and may moderate", async () => {
    const cookie = await owner({ [siteId]: "moderator" });
    const adminRoutes = SITE_ROUTES.filter((r) => r.adminOnly);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(9);
    for (const route of adminRoutes) {
      const res = await refusedTeamWrite(() =>
        refusedUnchanged(() => admin(route.path(siteId, ids()), { method: route.method, cookie, body: route.body?.(ids()) })),
      );
      expect(res.status, label(route)).toBe(403);
      expect((await errorOf(res)).code, label(route)).toBe("forbidden");
    }
    expect((await admin(`/sites/${siteId}/queues/pending`, { cookie })).status).toBe(200);
  });
});
