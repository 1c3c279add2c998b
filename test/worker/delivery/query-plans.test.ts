// The outbox's reads stay bounded (EXPLAIN QUERY PLAN of the real SQL): the dashboard's list and
// count, the sweep and the consumer find their rows by index, never by reading the whole outbox.
import { expect, it } from "vitest";
import { countFailed, findOutboxRow, requeueFailed, selectOutbox, takeOverdue } from "../../../worker/db/outbox";
import { explaining, planOf } from "../plans";

async function expectPlan(statement: D1PreparedStatement, mustUse: RegExp): Promise<void> {
  const plan = await planOf(statement);
  const text = plan.join("\n");
  expect(
    plan.filter((d) => /^SCAN (outbox|o)\b/.test(d)),
    text,
  ).toEqual([]);
  expect(
    plan.some((d) => mustUse.test(d)),
    `${mustUse}\n${text}`,
  ).toBe(true);
  expect(
    plan.some((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d)),
    text,
  ).toBe(false);
}

it("lists a site's deliveries newest first through outbox_site, whatever the filters", async () => {
  for (const filters of [
    { kind: null, status: null },
    { kind: "mail", status: null },
    { kind: null, status: "failed" },
  ] as const) {
    await expectPlan(
      selectOutbox(explaining, { siteId: "s", ...filters, beforeId: 100, limit: 51 }),
      /SEARCH outbox USING INDEX outbox_site \(site_id=\? AND id<\?\)/,
    );
  }
});

it("counts failed deliveries through the partial index outbox_failed", async () => {
  await expectPlan(countFailed(explaining, "s"), /SEARCH outbox USING (COVERING )?INDEX outbox_failed \(site_id=\?\)/);
});

it("the sweep reads only overdue waiting rows (outbox_due); the consumer and the retry go by id", async () => {
  await expectPlan(takeOverdue(explaining, 0, 300_000, 100), /SEARCH outbox USING (COVERING )?INDEX outbox_due \(next_attempt_at<\?\)/);
  // findOutboxRow runs its statement itself: its answer is the plan's (only) step.
  const byId = (await findOutboxRow(explaining, 1)) as unknown as { detail: string };
  expect(byId.detail).toMatch(/SEARCH outbox USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  const [update] = requeueFailed(explaining, { siteId: "s", staffId: 1, id: 1, now: 0 });
  expect((await planOf(update!)).join("\n")).toMatch(/SEARCH outbox USING INTEGER PRIMARY KEY \(rowid=\?\)/);
});
