// A target database without migrations 0018-0019: the move refuses before writing anything. In a
// file of its own: it takes the move's log table away from this file's DB_2.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { moveSite } from "../../../worker/services/move";
import { createHomedSite, rowCount, seedSite, siteState } from "./seed";

describe("a target not migrated", () => {
  it("is refused with the command to run, nothing written", async () => {
    const { site } = await seedSite(await createHomedSite());
    await env.DB_2.prepare("DROP TABLE site_move_log").run();
    await expect(moveSite(env, { site, to: "DB_2" })).rejects.toThrow(
      "The database DB_2 lacks migrations 0018-0019 (site_move_log, the move's triggers): run `npm run db:migrate` first.",
    );
    expect(await siteState(site, "DB")).toEqual({ db: "DB", moving: null });
    expect(await siteState(site, "DB_2")).toBeNull();
    expect(await rowCount(site, "DB_2")).toBe(0);
  });
});
