// worker/db/typed.ts against the real D1: the results batchOf, resultOf and last hand back are the
// statements' own, in a batch that mixes writes and reads (no cast checks this: only the rows can).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { batchOf, last, resultOf, typed } from "../../../worker/db/typed";
import { selectSite } from "../../../worker/db/sites";
import { createSite } from "../support";

describe("typed D1 statements", () => {
  it("give each statement's rows back from a batch, by position, by the statement, and the last", async () => {
    const site = await createSite();
    const count = typed<{ n: number }>(env.DB.prepare("SELECT 41 + 1 AS n"));
    const [siteRow, counted] = await batchOf(env.DB, [selectSite(env.DB, site.id), count]);
    expect(siteRow.results[0]?.id).toBe(site.id);
    expect(counted.results[0]?.n).toBe(42);

    // A write between the reads: found by the statement, not by counting.
    const writes = [env.DB.prepare("UPDATE sites SET name = name WHERE id = ?").bind(site.id)];
    const statements = [...writes, count, selectSite(env.DB, site.id)];
    const results = await env.DB.batch(statements);
    expect(resultOf(results, statements, count).results).toEqual([{ n: 42 }]);
    expect(last(await batchOf(env.DB, [...writes, selectSite(env.DB, site.id)])).results[0]?.name).toBe(siteRow.results[0]?.name);
  });

  it("refuses a statement that is not in the batch (a caller's bug, not a state of the data)", async () => {
    const inBatch = typed<{ n: number }>(env.DB.prepare("SELECT 1 AS n"));
    const elsewhere = typed<{ n: number }>(env.DB.prepare("SELECT 1 AS n"));
    const statements = [inBatch];
    const results = await env.DB.batch(statements);
    expect(() => resultOf(results, statements, elsewhere)).toThrow(/not in this batch/);
  });
});
