// The figures stay bounded: every statement of the stats batch reads a period through its
// (site_id, created_at) index and never scans a table (EXPLAIN QUERY PLAN of the real SQL).
import { explaining, planOf } from "../plans";
import { expect, it } from "vitest";
import {
  selectAnswerTimesByDay,
  selectModerationTimes,
  selectStatsCounts,
  selectStatsReports,
  selectTopStories,
  type StatsScope,
} from "../../../worker/db/stats";

/** A SCAN of a table reads all of it; a SCAN of a CTE or subquery result (t, by_day, whole, top) is fine. */
function tableScans(plan: string[]): string[] {
  return plan.filter((d) => /^SCAN (comments|commenters|stories|reports|staff_roles|sites)\b/.test(d));
}

const RANGE = (index: string, table = "comments") =>
  new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${index} \\(site_id=\\? AND created_at>\\? AND created_at<\\?\\)`);

const scope = (which: "one site" | "all sites"): StatsScope => ({
  siteIds: which === "one site" ? ["s"] : ["s", "t", "u"],
  from: 1000,
  to: 2000,
});

const STATEMENTS = [
  ["daily counts", selectStatsCounts, RANGE("comments_site_created")],
  ["reports", selectStatsReports, RANGE("reports_site_created", "reports")],
  ["time to moderation", selectModerationTimes, RANGE("comments_site_created")],
  ["time to first answer", selectAnswerTimesByDay, RANGE("comments_answered")],
  ["top stories", selectTopStories, RANGE("comments_site_created")],
] as const;

it.each(STATEMENTS.flatMap(([name, make, index]) => [[name, "one site", make, index] as const, [name, "all sites", make, index] as const]))(
  "%s (%s) is a range scan of its index, staff replies excluded through commenters_staff",
  async (name, which, make, index) => {
    const plan = await planOf(make(explaining, scope(which)));
    const text = `${name}:\n${plan.join("\n")}`;
    expect(tableScans(plan), text).toEqual([]);
    expect(
      plan.some((d) => index.test(d)),
      text,
    ).toBe(true);
    if (name !== "reports") {
      expect(
        plan.some((d) => /SEARCH commenters USING (COVERING )?INDEX commenters_staff \(site_id=\? AND staff_id>\?\)/.test(d)),
        text,
      ).toBe(true);
    }
  },
);

it("the top stories are read by primary key once chosen", async () => {
  const plan = await planOf(selectTopStories(explaining, scope("one site")));
  expect(
    plan.some((d) => /SEARCH st USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(d)),
    plan.join("\n"),
  ).toBe(true);
});
