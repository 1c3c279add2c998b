// Tenant isolation, as a suite run for each placement of the two sites (isolation.security.test.ts:
// both in DB; isolation-databases.security.test.ts: in two databases, issue 14): staff of site A can
// never read or change anything of site B, neither through B's URLs nor by naming B's ids in A's.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditResponse, QueueResponse } from "../../../worker/schemas/admin-views";
import { createSite, dbOf, errorOf, json, type Home } from "../support";
import { admin, auditSince, refusedUnchanged, seedScene, signedIn, type Scene } from "./support";
import { SITE_ROUTES, label } from "./routes";

export function isolationSuite(homeA: Home, homeB: Home): void {
  let a: string;
  let b: string;
  let sceneA: Scene;
  let sceneB: Scene;
  let staffOfA: string;
  let staffOfB: string;

  beforeAll(async () => {
    a = (await createSite({ id: `site-a-${homeA.toLowerCase().replace("_", "-")}`, db: homeA })).id;
    b = (await createSite({ id: `site-b-${homeB.toLowerCase().replace("_", "-")}`, db: homeB })).id;
    // Ids are numbered per database: in two databases B's commenters would get A's ids, and "B's ids
    // in A's URLs" would name A's own rows. A filler row moves B's numbering away from A's.
    if (homeA !== homeB) {
      await dbOf(b)
        .prepare("INSERT INTO commenters (id, site_id, kind, name, comment_count, created_at) VALUES (4000, ?, 'guest', 'filler', 0, ?)")
        .bind(b, Date.now())
        .run();
    }
    sceneA = await seedScene(a, 3000);
    sceneB = await seedScene(b, 4000);
    staffOfA = (await signedIn({ [a]: "admin" })).cookie;
    staffOfB = (await signedIn({ [b]: "admin" })).cookie;
    // The dashboard opens a site before acting on it: in a site's own database, that first visit
    // copies the member's row and role there (lib/staff-copies.ts), which is no write of a request
    // refused below.
    await admin(`/sites/${a}/queues/pending`, { cookie: staffOfA });
    // something in B's audit log
    await admin(`/sites/${b}/moderation`, { cookie: staffOfB, body: { action: "approve", ids: [sceneB.pendingReply] } });
  });

  describe("site B's URLs, for an admin of site A", () => {
    it.each(SITE_ROUTES.map((r) => [label(r), r] as const))("%s answers 403 forbidden and B is unchanged", async (_l, route) => {
      const ids = { comment: sceneB.pendingTop, commenter: sceneB.bob, story: sceneB.storyKey };
      const res = await refusedUnchanged(() =>
        admin(route.path(b, ids), { method: route.method, cookie: staffOfA, body: route.body?.(ids) }),
      );
      expect(res.status).toBe(403);
      const error = await errorOf(res);
      expect(error.code).toBe("forbidden");
      expect(JSON.stringify(error)).not.toContain(String(sceneB.pendingTop));
    });
  });

  describe("site B's ids in site A's URLs", () => {
    it("a bulk action naming B's comments changes nothing anywhere: 404 comment_not_found", async () => {
      for (const action of ["approve", "reject"] as const) {
        // B's ids alone, and mixed with A's own
        for (const ids of [[sceneB.pendingTop], [sceneA.pendingTop, sceneB.pendingTop, sceneB.pendingReply]]) {
          const res = await refusedUnchanged(() =>
            admin(`/sites/${a}/moderation`, { cookie: staffOfA, body: { action, ids, reason: "spam" } }),
          );
          expect(res.status).toBe(404);
          const error = await errorOf(res);
          expect(error.code).toBe("comment_not_found");
          expect(error.message).toContain(String(sceneB.pendingTop));
        }
      }
    });

    it("featuring, banning and replying with B's ids: 404, nothing changed", async () => {
      const attempts: [string, string, unknown][] = [
        ["POST", `/comments/${sceneB.top}/feature`, { note: "hijack" }],
        ["DELETE", `/comments/${sceneB.top}/feature`, undefined],
        ["POST", `/commenters/${sceneB.bob}/ban`, { duration: "permanent", reason: "hijack" }],
        ["DELETE", `/commenters/${sceneB.bob}/ban`, undefined],
        ["POST", "/replies", { parentId: sceneB.top, body: "hijack" }],
      ];
      for (const [method, rest, body] of attempts) {
        const res = await refusedUnchanged(() => admin(`/sites/${a}${rest}`, { method, cookie: staffOfA, body }));
        expect(res.status, `${method} ${rest}`).toBe(404);
        expect(["comment_not_found", "commenter_not_found", "parent_not_found"]).toContain((await errorOf(res)).code);
      }
    });
  });

  describe("what A's staff read", () => {
    it("A's queues hold A's comments only", async () => {
      for (const queue of ["pending", "reported", "recent", "rejected", "featured"]) {
        const res = await json<QueueResponse>(await admin(`/sites/${a}/queues/${queue}?limit=100`, { cookie: staffOfA }));
        for (const item of res.items) expect(item.comment.id, queue).toBeLessThan(4000);
      }
      const pending = await json<QueueResponse>(await admin(`/sites/${a}/queues/pending`, { cookie: staffOfA }));
      expect(pending.items.map((i) => i.comment.id)).toEqual([sceneA.pendingTop, sceneA.pendingReply]);
      expect(pending.counts).toEqual({ pending: 2, reported: 0, toAnswer: 0, appeals: 0, notices: 0 });
    });

    it("A's audit log holds none of B's rows", async () => {
      expect((await auditSince(b)).length).toBeGreaterThan(0);
      const log = await json<AuditResponse>(await admin(`/sites/${a}/audit`, { cookie: staffOfA }));
      expect(log.entries).toEqual([]);
    });
  });
}
