// Moving a site from DB to DB_2 and back (worker/services/move): every table's rows identical in
// the new home and gone from the old one (but its forwarding row), the registry updated, other
// sites untouched, and writes made during the copy carried over.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { moveSite, type MoveProgress } from "../../../worker/services/move";
import { createHomedSite, rowCount, seedSite, siteState, snapshot, type Snapshot } from "./seed";

/**
 * A site seeded after the one that moves, staying in DB: DB hands out ids after the highest it
 * holds, so without it the purge would free the moved site's ids in DB for the next test's sites,
 * whose own move to DB_2 would then be refused (their ids taken there: preflight's collision check).
 */
const sentinel = async () => seedSite(await createHomedSite());

// Fillers, which never move, take the ids a previous test's purge freed at the top of DB.
beforeEach(async () => {
  await sentinel();
  await sentinel();
});

describe("moving a site", () => {
  it("copies every table of the site to DB_2, ids kept, and purges DB but for its forwarding row", async () => {
    const { site, staff } = await seedSite(await createHomedSite());
    const other = (await seedSite(await createHomedSite())).site;
    const before = await snapshot(site, "DB");
    const otherBefore = await snapshot(other, "DB");
    for (const rows of Object.values(before)) expect(rows.length).toBeGreaterThan(0);

    const progress: MoveProgress[] = [];
    const result = await moveSite(env, { site, to: "DB_2", progress: (p) => progress.push(p) });

    expect(await snapshot(site, "DB_2")).toEqual(before);
    expect(await rowCount(site, "DB")).toBe(0);
    expect(await siteState(site, "DB")).toEqual({ db: "DB_2", moving: "away" });
    expect(await siteState(site, "DB_2")).toEqual({ db: "DB_2", moving: null });
    expect(await snapshot(other, "DB")).toEqual(otherBefore);
    expect(await rowCount(other, "DB_2")).toBe(0);
    expect(result).toMatchObject({ from: "DB", to: "DB_2", purged: true });
    expect(result.rows.comments).toBe(before.comments!.length);
    expect(progress.some((p) => p.phase === "copy" && p.table === "comments" && p.rows === before.comments!.length)).toBe(true);

    // the staff it refers to, copied without their password; its roles copied; the registry's kept
    const copy = await env.DB_2.prepare("SELECT id, password_hash FROM staff WHERE id = ?").bind(staff).first();
    expect(copy).toEqual({ id: staff, password_hash: "" });
    expect(await env.DB_2.prepare("SELECT role FROM staff_roles WHERE site_id = ?").bind(site).all()).toMatchObject({
      results: [{ role: "moderator" }],
    });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM staff_roles WHERE site_id = ?").bind(site).first("n")).toBe(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?").bind(site).first("n")).toBe(0);

    // the old home refuses the site's writes; the new one takes them and numbers after the copied ids
    await expect(
      env.DB.prepare("INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?, 't', 'b', 1, 1)")
        .bind(site)
        .run(),
    ).rejects.toThrow(/site_moving/);
    const id = await env.DB_2.prepare(
      "INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?, 't', 'b', 1, 1) RETURNING id",
    )
      .bind(site)
      .first<number>("id");
    expect(id).toBeGreaterThan(before.reply_templates![0]!.id as number);
  });

  it("carries over the inserts, updates and deletes made while it copies", async () => {
    const s = await seedSite(await createHomedSite());
    await sentinel();
    const d = env.DB;
    let frozen: Snapshot | undefined;
    let reply2 = 0;
    await moveSite(env, {
      site: s.site,
      to: "DB_2",
      pageRows: 2,
      at: async (step) => {
        if (step === "copied") {
          reply2 = (await d
            .prepare(
              "INSERT INTO comments (site_id, story_id, author_id, body, parent_id, reply_to_id, root_id, depth, created_at, updated_at) VALUES (?1, ?2, ?3, 'tard', ?4, ?4, ?4, 1, 5, 5) RETURNING id",
            )
            .bind(s.site, s.story, s.author, s.top)
            .first<number>("id"))!;
          await d.batch([
            d.prepare("UPDATE comments SET body = 'corrigé', edited_at = 6 WHERE id = ?").bind(s.reply),
            d
              .prepare(
                "DELETE FROM reactions WHERE comment_id = ? AND reader_key LIKE 'c:%' AND rowid = (SELECT min(rowid) FROM reactions WHERE comment_id = ?)",
              )
              .bind(s.top, s.top),
            d.prepare("INSERT INTO reactions (comment_id, site_id, reader_key, created_at) VALUES (?, ?, 'c:999', 7)").bind(reply2, s.site),
            d.prepare("DELETE FROM reply_templates WHERE site_id = ?").bind(s.site),
            d.prepare("UPDATE sites SET name = 'Renommé' WHERE id = ?").bind(s.site),
          ]);
        }
        if (step === "caught-up") {
          // still writable: the switch's drain carries these
          await d.batch([
            d.prepare("UPDATE comments SET status = 'deleted', deleted_at = 8 WHERE id = ?").bind(reply2),
            d
              .prepare(
                "INSERT INTO outbox (site_id, kind, topic, recipient, body, created_at) VALUES (?, 'webhook', 'new', 'https://h.example', '{}', 9)",
              )
              .bind(s.site),
            d.prepare("DELETE FROM comment_scores WHERE site_id = ?").bind(s.site),
          ]);
        }
        if (step === "switching") frozen = await snapshot(s.site, "DB");
      },
    });
    expect(frozen!.comments!.find((c) => c.id === reply2)).toMatchObject({ status: "deleted", body: "tard" });
    expect(frozen!.reply_templates).toEqual([]);
    expect(await snapshot(s.site, "DB_2")).toEqual(frozen);
    expect(await env.DB_2.prepare("SELECT name FROM sites WHERE id = ?").bind(s.site).first("name")).toBe("Renommé");
    expect(await rowCount(s.site, "DB")).toBe(0);
  });

  it("carries over an appeal deleted while it copies, with the statement that named it", async () => {
    const s = await seedSite(await createHomedSite());
    let frozen: Snapshot | undefined;
    await moveSite(env, {
      site: s.site,
      to: "DB_2",
      at: async (step) => {
        if (step === "copied") {
          await env.DB.batch([
            env.DB.prepare("UPDATE statements SET appeal_id = NULL WHERE site_id = ?").bind(s.site),
            env.DB.prepare("DELETE FROM appeals WHERE site_id = ?").bind(s.site),
          ]);
        }
        if (step === "switching") frozen = await snapshot(s.site, "DB");
      },
    });
    expect(frozen!.appeals).toEqual([]);
    expect(await snapshot(s.site, "DB_2")).toEqual(frozen);
  });

  it("refuses the site's writes during the switch, writing nothing, while another site's pass", async () => {
    // `other` first: it takes the ids the previous test's purge freed in DB (moved to DB_2 with their site)
    const other = await seedSite(await createHomedSite());
    const s = await seedSite(await createHomedSite());
    const tries: string[] = [];
    await moveSite(env, {
      site: s.site,
      to: "DB_2",
      at: async (step) => {
        if (step !== "switching") return;
        const before = await snapshot(s.site, "DB");
        const writes = [
          env.DB.prepare(
            "INSERT INTO comments (site_id, story_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, 'non', 1, 1)",
          ).bind(s.site, s.story, s.author),
          env.DB.prepare("UPDATE comments SET body = 'non' WHERE id = ?").bind(s.top),
          env.DB.prepare("DELETE FROM reactions WHERE comment_id = ?").bind(s.top),
          env.DB.prepare("UPDATE stories SET title = 'non' WHERE id = ?").bind(s.story),
        ];
        for (const w of writes)
          tries.push(
            await w.run().then(
              () => "passed",
              (e: Error) => e.message,
            ),
          );
        expect(await snapshot(s.site, "DB")).toEqual(before);
        expect(await env.DB.prepare("SELECT count(*) AS n FROM site_move_log WHERE site_id = ?").bind(s.site).first("n")).toBe(0);
        await env.DB.prepare(
          "INSERT INTO comments (site_id, story_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, 'oui', 1, 1)",
        )
          .bind(other.site, other.story, other.author)
          .run();
        await env.DB.prepare("UPDATE comments SET body = 'oui' WHERE id = ?").bind(other.top).run();
      },
    });
    expect(tries).toHaveLength(4);
    for (const t of tries) expect(t).toMatch(/site_moving/);
    expect(await env.DB.prepare("SELECT body FROM comments WHERE id = ?").bind(other.top).first("body")).toBe("oui");
  });

  it("moves it back from DB_2 to DB, and on to DB_2 again", async () => {
    const { site } = await seedSite(await createHomedSite());
    await sentinel();
    const before = await snapshot(site, "DB");
    // one row a page: every keyset (composite keys too) walked row by row
    await moveSite(env, { site, to: "DB_2", pageRows: 1 });
    await moveSite(env, { site, to: "DB" });
    expect(await snapshot(site, "DB")).toEqual(before);
    expect(await rowCount(site, "DB_2")).toBe(0);
    expect(await siteState(site, "DB")).toEqual({ db: "DB", moving: null });
    expect(await siteState(site, "DB_2")).toEqual({ db: "DB", moving: "away" });
    expect(await env.DB_2.prepare("SELECT count(*) AS n FROM staff_roles WHERE site_id = ?").bind(site).first("n")).toBe(0);
    // a write in DB works again, one in DB_2 is refused
    await env.DB.prepare("UPDATE comments SET body = 'retour' WHERE site_id = ?").bind(site).run();
    await expect(
      env.DB_2.prepare("INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?, 't', 'b', 1, 1)")
        .bind(site)
        .run(),
    ).rejects.toThrow(/site_moving/);
    await moveSite(env, { site, to: "DB_2" });
    expect((await snapshot(site, "DB_2")).comments!.every((c) => c.body === "retour")).toBe(true);
  });

  it("keeps the old rows with --keep-source, refused there", async () => {
    const { site } = await seedSite(await createHomedSite());
    await sentinel();
    const before = await snapshot(site, "DB");
    const result = await moveSite(env, { site, to: "DB_2", keepSource: true });
    expect(result.purged).toBe(false);
    expect(await snapshot(site, "DB")).toEqual(before);
    expect(await snapshot(site, "DB_2")).toEqual(before);
    expect(await siteState(site, "DB")).toEqual({ db: "DB_2", moving: "away" });
    await expect(moveSite(env, { site, to: "DB" })).rejects.toThrow(/DB already holds rows of/);
  });
});
