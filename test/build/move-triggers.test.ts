// Migration 0019 (the move's triggers) is generated from the spec of the site-data tables: the file
// must be what the generator makes of today's spec, so that the two cannot drift apart.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SITE_TABLES } from "../../worker/db/site-tables";
// @ts-expect-error: a plain ES module script, without types
import { generate, MIGRATION } from "../../scripts/gen-move-triggers.mjs";

describe("migration 0019", () => {
  it("is the generator's output for worker/db/site-tables.ts", () => {
    expect(readFileSync(MIGRATION as string, "utf8")).toBe((generate as (t: typeof SITE_TABLES) => string)(SITE_TABLES));
  });

  it("has the six triggers of every site-data table", () => {
    const text = readFileSync(MIGRATION as string, "utf8");
    for (const t of SITE_TABLES) expect(text.match(new RegExp(`CREATE TRIGGER ${t.name}_move_`, "g"))?.length).toBe(6);
  });
});
