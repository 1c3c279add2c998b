// The staff API needs a session on every route, and refuses state changes from any other origin
// (CSRF): nothing is read or changed without both.
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, createSite, errorOf } from "../support";
import { admin, createStaff, refusedUnchanged, seedScene, signIn, signedIn, type Scene, type TestStaff } from "./support";
import { SITE_ROUTES, label } from "./routes";

let siteId: string;
let scene: Scene;
let adminCookie: string;
let staff: TestStaff;

beforeAll(async () => {
  siteId = (await createSite()).id;
  scene = await seedScene(siteId, 1000);
  ({ staff, cookie: adminCookie } = await signedIn({ [siteId]: "admin" }));
});

const ids = () => ({ comment: scene.pendingTop, commenter: scene.bob, story: scene.storyKey });

describe("without a valid session", () => {
  it.each(SITE_ROUTES.map((r) => [label(r), r] as const))("%s answers 401 unauthenticated and changes nothing", async (_l, route) => {
    for (const cookie of [null, "forged-token-forged-token-forged-token-abcd"]) {
      const res = await refusedUnchanged(() =>
        admin(route.path(siteId, ids()), { method: route.method, cookie, body: route.body?.(ids()) }),
      );
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
  });

  it("GET /session answers 401 unauthenticated", async () => {
    const res = await admin("/session");
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  });
});

describe("a state-changing request from anywhere but the API's own origin", () => {
  const writes = SITE_ROUTES.filter((r) => r.method !== "GET");
  const foreign = [null, "https://evil.example", "null", "http://palabre.test", "https://palabre.test:8443", `${BASE}.evil.example`];

  it.each(writes.map((r) => [label(r), r] as const))("%s is refused 403 csrf_refused, nothing changed", async (_l, route) => {
    for (const origin of foreign) {
      const res = await refusedUnchanged(() =>
        admin(route.path(siteId, ids()), { method: route.method, cookie: adminCookie, origin, body: route.body?.(ids()) }),
      );
      expect(res.status, String(origin)).toBe(403);
      expect((await errorOf(res)).code).toBe("csrf_refused");
    }
  });

  it("cannot sign in or out either", async () => {
    const signInRes = await admin("/session", { origin: "https://evil.example", body: { email: staff.email, password: staff.password } });
    expect(signInRes.status).toBe(403);
    expect(signInRes.headers.get("Set-Cookie")).toBeNull();
    const out = await admin("/session", { method: "DELETE", cookie: adminCookie, origin: null });
    expect(out.status).toBe(403);
    expect((await admin("/session", { cookie: adminCookie })).status).toBe(200);
  });

  it("goes through from the API's own origin (the same request, as the dashboard sends it)", async () => {
    const res = await admin(`/sites/${siteId}/moderation`, {
      cookie: adminCookie,
      origin: BASE,
      body: { action: "approve", ids: [scene.pendingTop] },
    });
    expect(res.status).toBe(200);
  });

  it("reads stay readable without an Origin (a top-level navigation sends none)", async () => {
    const res = await admin(`/sites/${siteId}/queues/pending`, { cookie: adminCookie, origin: null });
    expect(res.status).toBe(200);
  });
});

describe("a session cookie", () => {
  it("of another staff member's sign-out does not end this one", async () => {
    const other = await createStaff({ [siteId]: "moderator" });
    const otherCookie = await signIn(other);
    expect((await admin("/session", { method: "DELETE", cookie: otherCookie })).status).toBe(204);
    expect((await admin("/session", { cookie: adminCookie })).status).toBe(200);
  });
});
