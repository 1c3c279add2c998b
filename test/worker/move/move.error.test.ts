// The move's refusals (nothing written), a switch that finds the copy wrong (undone, the site left
// writable where it was), and moves interrupted at each step then run again.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { moveSite } from "../../../worker/services/move";
import { createHomedSite, rowCount, seedSite, siteState, snapshot } from "./seed";

// Fillers, which never move, take the ids a previous test's purge freed at the top of DB (see move.happy.test.ts).
beforeEach(async () => {
  await seedSite(await createHomedSite());
  await seedSite(await createHomedSite());
});

class Stop extends Error {}
const stopAt = (at: string) => async (step: string) => {
  if (step === at) throw new Stop(at);
};

async function everything(site: string) {
  return {
    db: await snapshot(site, "DB"),
    db2: await snapshot(site, "DB_2"),
    rows: [await siteState(site, "DB"), await siteState(site, "DB_2")],
    log: await env.DB.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?").bind(site).first("n"),
  };
}

describe("the move's refusals", () => {
  it("refuses an unknown site, a missing or misnamed binding, the site's own home, writing nothing", async () => {
    const { site } = await seedSite(await createHomedSite());
    const before = await everything(site);
    await expect(moveSite(env, { site: "no-such-site", to: "DB_2" })).rejects.toThrow(
      "Unknown site no-such-site: the registry (DB) has no such site.",
    );
    await expect(moveSite(env, { site, to: "DB_9" })).rejects.toThrow(/no D1 binding named DB_9: add a \[\[d1_databases\]\]/);
    await expect(moveSite(env, { site, to: "palabre-2" })).rejects.toThrow(/not a database binding's name/);
    await expect(moveSite(env, { site, to: "DB" })).rejects.toThrow(`${site} already lives in DB: nothing to move.`);
    expect(await everything(site)).toEqual(before);
  });

  it("refuses when another site of the target uses the site's ids, naming the tables, writing nothing", async () => {
    const s = await seedSite(await createHomedSite());
    const squatter = await createHomedSite("DB_2");
    await env.DB_2.prepare("INSERT INTO stories (id, site_id, key, created_at, updated_at) VALUES (?, ?, 'k', 1, 1)")
      .bind(s.story, squatter)
      .run();
    const before = await everything(s.site);
    await expect(moveSite(env, { site: s.site, to: "DB_2" })).rejects.toThrow(
      new RegExp(
        `Keys of ${s.site}'s rows are used in DB_2 by other sites \\(1 in stories\\): move it to a database of its own, or one where its ids are free\\.`,
      ),
    );
    expect(await everything(s.site)).toEqual(before);
    expect(before.rows).toEqual([{ db: "DB", moving: null }, null]);
  });
});

describe("a switch that finds the copy wrong", () => {
  it("undoes the move: the target cleared, the site writable in its source, and a later run succeeds", async () => {
    const { site } = await seedSite(await createHomedSite());
    const before = await snapshot(site, "DB");
    const sneak = async (step: string) => {
      // a row of the site written in the target behind the move's back: the counts differ
      if (step === "switching") {
        await env.DB_2.prepare("INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?, 'x', 'y', 1, 1)")
          .bind(site)
          .run();
      }
    };
    await expect(moveSite(env, { site, to: "DB_2", at: sneak })).rejects.toThrow(
      new RegExp(`differs in reply_templates \\(1 in DB, 2 in DB_2\\).*The move was undone; ${site} stays in DB and takes writes\\.`),
    );
    expect(await siteState(site, "DB")).toEqual({ db: "DB", moving: null });
    expect(await siteState(site, "DB_2")).toBeNull();
    expect(await rowCount(site, "DB_2")).toBe(0);
    expect(await env.DB_2.prepare("SELECT count(*) AS n FROM staff_roles WHERE site_id = ?").bind(site).first("n")).toBe(0);
    expect(await snapshot(site, "DB")).toEqual(before);
    await env.DB.prepare("UPDATE reply_templates SET title = 'écrit' WHERE site_id = ?").bind(site).run();

    await moveSite(env, { site, to: "DB_2" });
    expect((await snapshot(site, "DB_2")).reply_templates).toMatchObject([{ title: "écrit" }]);
  });
});

describe("an interrupted move, run again", () => {
  it("resumes a copy stopped with entries taken from the log, and the writes made meanwhile", async () => {
    const s = await seedSite(await createHomedSite());
    const stop = async (step: string) => {
      if (step !== "copied") return;
      await env.DB.batch([
        env.DB.prepare("UPDATE comments SET body = 'pris' WHERE id = ?").bind(s.top),
        env.DB.prepare("DELETE FROM post_keys WHERE site_id = ?").bind(s.site),
      ]);
      // as if a catch-up pass had taken these entries and stopped before copying them
      await env.DB.prepare("UPDATE site_move_log SET tbl = 'taken:' || tbl WHERE site_id = ?").bind(s.site).run();
      throw new Stop(step);
    };
    await expect(moveSite(env, { site: s.site, to: "DB_2", at: stop })).rejects.toThrow(Stop);
    expect([await siteState(s.site, "DB"), await siteState(s.site, "DB_2")]).toEqual([
      { db: "DB", moving: "copying" },
      { db: "DB", moving: "arriving" },
    ]);
    // still writable, still noted
    await env.DB.prepare("UPDATE comments SET body = 'après' WHERE id = ?").bind(s.reply).run();
    const before = await snapshot(s.site, "DB");
    expect(before.comments!.find((c) => c.id === s.top)?.body).toBe("pris");
    expect(before.post_keys).toEqual([]);

    await moveSite(env, { site: s.site, to: "DB_2" });
    expect(await snapshot(s.site, "DB_2")).toEqual(before);
    expect(await rowCount(s.site, "DB")).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?").bind(s.site).first("n")).toBe(0);
  });

  it("finishes a switch stopped while writes were refused", async () => {
    const { site } = await seedSite(await createHomedSite());
    const before = await snapshot(site, "DB");
    await expect(moveSite(env, { site, to: "DB_2", at: stopAt("switching") })).rejects.toThrow(Stop);
    expect(await siteState(site, "DB")).toEqual({ db: "DB", moving: "switching" });
    await expect(env.DB.prepare("DELETE FROM reactions WHERE site_id = ?").bind(site).run()).rejects.toThrow(/site_moving/);
    await moveSite(env, { site, to: "DB_2" });
    expect(await snapshot(site, "DB_2")).toEqual(before);
    expect(await siteState(site, "DB")).toEqual({ db: "DB_2", moving: "away" });
  });

  it("finishes the purge of a move stopped after the switch", async () => {
    const { site } = await seedSite(await createHomedSite());
    const before = await snapshot(site, "DB");
    await expect(moveSite(env, { site, to: "DB_2", at: stopAt("switched") })).rejects.toThrow(Stop);
    expect(await siteState(site, "DB")).toEqual({ db: "DB_2", moving: "purging" });
    expect(await rowCount(site, "DB")).toBeGreaterThan(0);
    const result = await moveSite(env, { site, to: "DB_2" });
    expect(result.purged).toBe(true);
    expect(await rowCount(site, "DB")).toBe(0);
    expect(await siteState(site, "DB")).toEqual({ db: "DB_2", moving: "away" });
    expect(await snapshot(site, "DB_2")).toEqual(before);
    await expect(moveSite(env, { site, to: "DB_2" })).rejects.toThrow(/already lives in DB_2/);
  });

  it("clears the leftover of an abandoned attempt and starts again", async () => {
    const { site } = await seedSite(await createHomedSite());
    await expect(moveSite(env, { site, to: "DB_2", at: stopAt("copied") })).rejects.toThrow(Stop);
    // an operator gave up on it by hand: the site takes writes unnoted again, its copy stays
    await env.DB.prepare("UPDATE sites SET moving = NULL WHERE id = ?").bind(site).run();
    await env.DB.prepare("DELETE FROM reactions WHERE site_id = ?").bind(site).run();
    const before = await snapshot(site, "DB");
    const phases: string[] = [];
    await moveSite(env, { site, to: "DB_2", progress: (p) => phases.push(p.phase) });
    expect(phases).toContain("clear-target");
    expect(await snapshot(site, "DB_2")).toEqual(before);
  });
});

describe("ids taken in the target during the copy", () => {
  it("undoes the move as soon as the catch-up finds a key held by another site, the site left writable", async () => {
    const s = await seedSite(await createHomedSite());
    const squatter = await createHomedSite("DB_2");
    const taking = async (step: string) => {
      if (step !== "copied") return;
      // another site of DB_2 takes the id the source gives next to the moving site's new story
      const next = (await env.DB.prepare("SELECT max(id) + 1 AS id FROM stories").first<number>("id"))!;
      await env.DB_2.prepare("INSERT INTO stories (id, site_id, key, created_at, updated_at) VALUES (?, ?, 'pris', 1, 1)")
        .bind(next, squatter)
        .run();
      await env.DB.prepare("INSERT INTO stories (id, site_id, key, created_at, updated_at) VALUES (?, ?, 'nouvelle', 1, 1)")
        .bind(next, s.site)
        .run();
    };
    await expect(moveSite(env, { site: s.site, to: "DB_2", at: taking })).rejects.toThrow(
      new RegExp(
        `took ids of ${s.site}'s new rows during the copy \\(1 in stories\\): the move was undone, ${s.site} stays in DB and takes writes\\.`,
      ),
    );
    expect(await siteState(s.site, "DB")).toEqual({ db: "DB", moving: null });
    expect(await siteState(s.site, "DB_2")).toBeNull();
    expect(await rowCount(s.site, "DB_2")).toBe(0);
    expect(await env.DB_2.prepare("SELECT site_id FROM stories WHERE key = 'pris'").first("site_id")).toBe(squatter);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?").bind(s.site).first("n")).toBe(0);
  });
});
