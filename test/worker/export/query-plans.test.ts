// Each page of the site export is one range of an index in id order: no sort, no table scan, so a
// page costs the same at the start and at the end of a 100 000-comment site.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BOUNDS_SQL, PAGE_SQL, SITE_SQL } from "../../../worker/services/export-rows";

async function plan(sql: string, ...values: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...values)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

describe("export query plans", () => {
  it.each(Object.entries(PAGE_SQL))("%s: a range in id order, no sort and no scan", async (_kind, sql) => {
    const p = await plan(sql, "s", 0, 500, 1000);
    const text = p.join("\n");
    expect(
      p.filter((d) => /TEMP B-TREE/.test(d)),
      text,
    ).toEqual([]);
    expect(
      p.filter((d) => /^SCAN /.test(d)),
      text,
    ).toEqual([]);
  });

  it("site and bounds: primary keys only", async () => {
    for (const p of [await plan(SITE_SQL, "s"), await plan(BOUNDS_SQL)]) {
      expect(
        p.filter((d) => /^SCAN (?!CONSTANT ROW)|TEMP B-TREE/.test(d)),
        p.join("\n"),
      ).toEqual([]);
    }
  });
});
