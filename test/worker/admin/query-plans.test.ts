// The staff reads stay bounded: each queue page, its reports, the counts and the audit page are
// index range scans (EXPLAIN QUERY PLAN of the real SQL).
import { explaining, planOf } from "../plans";
import { expect, it } from "vitest";
import { selectAuditPage } from "../../../worker/db/audit";
import { selectQueuePage } from "../../../worker/db/queues";
import type { QueueName } from "../../../worker/schemas/admin-views";

/** A SCAN of a table (not of the page CTE or a subquery's result) reads all of it. */
function tableScans(plan: string[]): string[] {
  return plan.filter((d) => /^SCAN (comments|commenters|stories|reports|audit_log|appeals|notices|c|a|s|r|rc|ra)\b/.test(d));
}

// The Appeals and Legal notices queues page over their own tables (test/worker/dsa).
type CommentQueue = Exclude<QueueName, "appeals" | "notices">;
const QUEUE_INDEX: Record<CommentQueue, RegExp> = {
  pending: /SEARCH comments USING (COVERING )?INDEX comments_site_status \(site_id=\? AND status=\? AND id<\?\)/,
  recent: /SEARCH comments USING (COVERING )?INDEX comments_site_status \(site_id=\? AND status=\? AND id<\?\)/,
  rejected: /SEARCH comments USING (COVERING )?INDEX comments_site_status \(site_id=\? AND status=\? AND id<\?\)/,
  reported: /SEARCH comments USING (COVERING )?INDEX comments_reported \(site_id=\? AND id<\?\)/,
  featured: /SEARCH comments USING (COVERING )?INDEX comments_featured \(site_id=\?/,
  "to-answer": /SEARCH comments USING (COVERING )?INDEX comments_to_answer \(site_id=\? AND id>\?\)/,
};

it.each(Object.keys(QUEUE_INDEX) as CommentQueue[])("the %s queue page is one range scan of its index", async (queue) => {
  const [items, reports, counts] = selectQueuePage(explaining, {
    siteId: "s",
    queue,
    cursorId: 1000,
    beforeFeaturedAt: 1000,
    rows: 21,
  });
  for (const [name, statement] of [
    ["items", items!],
    ["reports", reports!],
    ["counts", counts!],
  ] as const) {
    const plan = await planOf(statement);
    expect(tableScans(plan), `${queue} ${name}:\n${plan.join("\n")}`).toEqual([]);
    if (name !== "counts")
      expect(
        plan.some((d) => QUEUE_INDEX[queue].test(d)),
        `${queue} ${name}:\n${plan.join("\n")}`,
      ).toBe(true);
  }
  const reportsPlan = await planOf(reports!);
  expect(
    reportsPlan.some((d) => /SEARCH r USING INDEX sqlite_autoindex_reports_1 \(comment_id=\?\)/.test(d)),
    reportsPlan.join("\n"),
  ).toBe(true);
});

it("the audit page is one range scan of audit_log_site", async () => {
  const plan = await planOf(selectAuditPage(explaining, { siteId: "s", beforeId: 1000, rows: 51 }));
  expect(
    plan.some((d) => /SEARCH a USING INDEX audit_log_site \(site_id=\? AND id<\?\)/.test(d)),
    plan.join("\n"),
  ).toBe(true);
  expect(tableScans(plan)).toEqual([]);
  expect(plan.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
});
