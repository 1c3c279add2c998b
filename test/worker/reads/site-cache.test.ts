// The site as the isolate keeps it (worker/lib/site-cache.ts): a read checks its copy in its own
// batch, so a change of the site's row (origins, settings) holds from the very next request, never
// a request later; and the answers' Cache-Control.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ErrorResponse, ThreadResponse } from "../../../worker/schemas/views";
import type { SiteSettingsResponse } from "../../../worker/schemas/admin-views";
import { comment, createSite, json, postOk, sitePath, type TestSite } from "../support";
import { admin, signedIn, sitePath as adminPath } from "../admin/support";
import { counted } from "./support";

let site: TestSite;
let cookie: string;
const OTHER = "https://autre.example";

beforeAll(async () => {
  site = await createSite({ origins: ["https://journal.example"] });
  ({ cookie } = await signedIn({ [site.id]: "admin" }));
  await postOk(site, comment("a", "Premier"));
});

async function save(change: (s: SiteSettingsResponse) => { allowedOrigins?: string[]; settings?: object }): Promise<void> {
  const current = await json<SiteSettingsResponse>(await admin(adminPath(site.id, "/settings"), { cookie }));
  const next = change(current);
  const res = await admin(adminPath(site.id, "/settings"), {
    method: "PUT",
    cookie,
    body: {
      name: current.site.name,
      allowedOrigins: next.allowedOrigins ?? current.site.allowedOrigins,
      settings: { ...current.settings, ...next.settings },
    },
  });
  expect(res.status).toBe(200);
}

// These reads are about the site's copy, checked in the read's batch: they ask D1 every time
// (no-cache passes over the isolate's copy of the page, which recent-pages.test.ts covers).
const read = (origin: string, path = "/thread?story=a") =>
  counted(sitePath(site, path), { origin, headers: { "Cache-Control": "no-cache" } });

function send(origin: string, body: object) {
  return counted(sitePath(site, "/comments"), {
    method: "POST",
    origin,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("a site's row changed since the isolate's copy", () => {
  it("origins: one removed is refused, one added is allowed, from the next request on", async () => {
    expect((await read("https://journal.example")).res.status).toBe(200);
    expect((await read("https://journal.example")).trips.trips).toBe(1);
    await save(() => ({ allowedOrigins: [OTHER] }));

    // the copy allowed it: the read's batch finds the new row, and the request is admitted again
    const removed = await read("https://journal.example");
    expect(removed.res.status).toBe(403);
    expect((await removed.res.json<ErrorResponse>()).error.code).toBe("origin_not_allowed");
    const added = await read(OTHER);
    expect(added.res.status).toBe(200);
    expect(added.res.headers.get("Access-Control-Allow-Origin")).toBe(OTHER);
    // and once the copy is the new row, one round trip again
    expect((await read(OTHER)).trips.trips).toBe(1);
    await save(() => ({ allowedOrigins: ["https://journal.example"] }));
  });

  it("every route that starts from the copy checks it: an origin removed is refused by each at once", async () => {
    const root = await postOk(site, comment("b", "Racine"));
    const paths = ["/thread?story=b", "/news?story=b", "/counts?story=b", `/comments/${root.comment.id}/replies`];
    // each route's copy is warm, and the origin allowed
    for (const path of paths) expect((await read("https://journal.example", path)).res.status).toBe(200);
    expect((await send("https://journal.example", comment("b", "Encore"))).res.status).toBe(201);
    for (const path of [...paths, "POST"]) {
      await save(() => ({ allowedOrigins: [OTHER] }));
      try {
        const res =
          path === "POST"
            ? (await send("https://journal.example", comment("b", "Refusé"))).res
            : (await read("https://journal.example", path)).res;
        expect(res.status, path).toBe(403);
      } finally {
        await save(() => ({ allowedOrigins: ["https://journal.example"] }));
      }
      // the copy is the allowing row again (this request reads it), for the next route's turn
      expect((await read("https://journal.example", "/counts?story=b")).res.status).toBe(200);
    }
  });

  it("settings: a post follows the rule saved a moment before, both ways", async () => {
    expect((await send("https://journal.example", comment("a", "Avant"))).res.status).toBe(201);
    await save(() => ({ settings: { guestPosting: false } }));
    const refused = await send("https://journal.example", comment("a", "Pendant"));
    expect(refused.res.status).toBe(401);
    expect((await refused.res.json<ErrorResponse>()).error.code).toBe("sign_in_required");
    await save(() => ({ settings: { guestPosting: true } }));
    expect((await send("https://journal.example", comment("a", "Après"))).res.status).toBe(201);
  });

  it("the thread shows the site's new settings at once, in two round trips, then one", async () => {
    await read("https://journal.example");
    await save(() => ({ settings: { charter: "Nouvelle charte." } }));
    const changed = await read("https://journal.example");
    expect((await changed.res.json<ThreadResponse>()).site.charter).toBe("Nouvelle charte.");
    expect(changed.trips.trips).toBe(2);
    expect((await read("https://journal.example")).trips.trips).toBe(1);
  });

  it("a row changed by hand in D1 (not through the dashboard) is seen too", async () => {
    await read("https://journal.example");
    await env.DB.prepare("UPDATE sites SET name = 'Renommé à la main' WHERE id = ?").bind(site.id).run();
    expect((await (await read("https://journal.example")).res.json<ThreadResponse>()).site.name).toBe("Renommé à la main");
  });
});

describe("Cache-Control", () => {
  it("counts and the editors' picks may be reused for 30 s; the thread is revalidated every time", async () => {
    const counts = await read("https://journal.example", "/counts?story=a");
    expect(counts.res.headers.get("Cache-Control")).toBe("public, max-age=30, stale-while-revalidate=60");
    const featured = await read("https://journal.example", "/featured");
    expect(featured.res.status).toBe(200);
    expect(featured.res.headers.get("Cache-Control")).toBe("public, max-age=30, stale-while-revalidate=60");
    for (const path of ["/thread?story=a", "/news?story=a"]) {
      expect((await read("https://journal.example", path)).res.headers.get("Cache-Control")).toBe("private, no-cache");
    }
  });
});
