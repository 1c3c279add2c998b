// worker/db/site-tables.ts against the migrated schema: every table with a site_id but the
// registry's is in the spec, with its real key, its staff references, and its parents before it
// (or the reference declared late). Migration 0019's triggers exist for each (the generator's
// output is compared with the file by test/build/move-triggers.test.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SITE_TABLES } from "../../../worker/db/site-tables";

const NOT_SITE_DATA = ["sites", "staff_roles", "invitations", "site_move_log"];

async function all<T>(sql: string): Promise<T[]> {
  return (await env.DB.prepare(sql).all<T>()).results;
}

describe("the spec of the site-data tables", () => {
  it("lists every table with a site_id, but the registry's and the move's own", async () => {
    const tables = await all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
    );
    const withSite = [];
    for (const t of tables) {
      // D1 refuses pragma_table_info joined to sqlite_master: one table at a time
      if ((await all(`SELECT 1 FROM pragma_table_info('${t.name}') WHERE name = 'site_id'`)).length) withSite.push(t);
    }
    expect(SITE_TABLES.map((t) => t.name).sort()).toEqual(withSite.map((r) => r.name).filter((n) => !NOT_SITE_DATA.includes(n)));
  });

  it("gives each table its primary key, its staff references, and parents first", async () => {
    const order = SITE_TABLES.map((t) => t.name);
    for (const [i, t] of SITE_TABLES.entries()) {
      const columns = await all<{ name: string; pk: number }>(
        `SELECT name, pk FROM pragma_table_info('${t.name}') WHERE pk > 0 ORDER BY pk`,
      );
      expect(
        columns.map((c) => c.name),
        t.name,
      ).toEqual([...t.pk]);
      const refs = await all<{ table: string; from: string }>(`SELECT "table", "from" FROM pragma_foreign_key_list('${t.name}')`);
      expect(
        refs
          .filter((r) => r.table === "staff")
          .map((r) => r.from)
          .sort(),
        t.name,
      ).toEqual([...t.staff].sort());
      for (const r of refs) {
        const parent = order.indexOf(r.table);
        if (parent < 0) {
          expect(["sites", "staff"], `${t.name}.${r.from}`).toContain(r.table);
        } else if (parent > i) {
          expect(t.late?.[r.from], `${t.name}.${r.from} refers to the later ${r.table}`).toBe(r.table);
        } else if (parent === i) {
          expect(t.pk, `${t.name} refers to itself: keys must grow parent-first`).toEqual(["id"]);
        }
      }
    }
  });

  it("marks the tables with an index on (site_id, key), which the move's pages walk", async () => {
    for (const t of SITE_TABLES) {
      if (t.pk[0] === "site_id") continue;
      const indexes = await all<{ name: string; partial: number }>(`SELECT name, partial FROM pragma_index_list('${t.name}')`);
      let found = false;
      for (const ix of indexes.filter((i) => !i.partial)) {
        const columns = (await all<{ name: string }>(`SELECT name FROM pragma_index_info('${ix.name}') ORDER BY seqno`)).map((c) => c.name);
        if (columns.slice(0, t.pk.length + 1).join() === ["site_id", ...t.pk].join()) found = true;
      }
      expect(!!t.siteIndex, t.name).toBe(found);
    }
  });

  it("has migration 0019's six triggers on each table, in both databases", async () => {
    for (const db of [env.DB, env.DB_2]) {
      const rows = (
        await db
          .prepare(
            "SELECT tbl_name AS t, count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_move\\_%' ESCAPE '\\' GROUP BY tbl_name",
          )
          .all<{ t: string; n: number }>()
      ).results;
      expect(Object.fromEntries(rows.map((r) => [r.t, r.n]))).toEqual(Object.fromEntries(SITE_TABLES.map((t) => [t.name, 6])));
    }
  });
});
