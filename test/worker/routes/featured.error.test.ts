// GET /api/v1/{site}/featured: what is refused.
import { describe, expect, it } from "vitest";
import { api, createSite, errorOf, sitePath } from "../support";

describe("GET /featured", () => {
  it("400 for a limit out of 1..50 or not a whole number", async () => {
    const site = await createSite();
    for (const limit of ["0", "51", "2.5", "ten"]) {
      const res = await api(sitePath(site, `/featured?limit=${limit}`), { origin: site.origin });
      expect(res.status, limit).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
    expect((await api(sitePath(site, "/featured?limit=50"), { origin: site.origin })).status).toBe(200);
  });

  it("404 for an unknown site; 403 for a foreign origin", async () => {
    const site = await createSite();
    const unknown = await api("/api/v1/no-such-site/featured", { origin: null });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("site_not_found");
    const foreign = await api(sitePath(site, "/featured"), { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
