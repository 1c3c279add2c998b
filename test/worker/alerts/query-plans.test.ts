// The tick's reads stay bounded (EXPLAIN QUERY PLAN of the real SQL): each rule reads only the rows
// it counts through an index, never all comments of a site; the incidents' writes and lists find
// their rows by index.
import { describe, expect, it } from "vitest";
import { selectAlertRecipients } from "../../../worker/db/alert-mail";
import { selectBuzzCandidates, selectPendingBefore, selectReportsSince, selectToAnswerBefore } from "../../../worker/db/alert-rules";
import { acknowledgeIncident, claimNotices, resolveIncidents, selectIncidents, upsertIncident } from "../../../worker/db/incidents";
import { selectSiteOverviews } from "../../../worker/db/overview";
import { explaining, planOf } from "../plans";

/** A SCAN of a stored table reads all of it (json_each and CTE results are fine). */
function tableScans(plan: string[]): string[] {
  return plan.filter(
    (d) =>
      /^SCAN (comments|c|reports|incidents|i|alert_mail|m|staff_roles|r|stories|st)\b(?! VIRTUAL)/.test(d) && !/^SCAN (h|hot)\b/.test(d),
  );
}

async function expectBounded(statement: D1PreparedStatement, mustUse: RegExp[]): Promise<void> {
  const plan = await planOf(statement);
  const text = plan.join("\n");
  expect(tableScans(plan), text).toEqual([]);
  for (const step of mustUse)
    expect(
      plan.some((d) => step.test(d)),
      `${step}\n${text}`,
    ).toBe(true);
}

describe("the rules' measures", () => {
  it("buzz: the site's last hour (comments_site_created), then each candidate story's 7 days (comments_story_created)", async () => {
    await expectBounded(selectBuzzCandidates(explaining, { siteId: "s", hourStart: 0, weekStart: 0, floor: 1 }), [
      /SEARCH comments USING (COVERING )?INDEX comments_site_created \(site_id=\? AND created_at>\?\)/,
      /SEARCH c USING COVERING INDEX comments_story_created \(story_id=\? AND created_at>\? AND created_at<\?\)/,
    ]);
  });

  it("reports: the last hour of reports_site_created", async () => {
    await expectBounded(selectReportsSince(explaining, "s", 0), [
      /SEARCH reports USING COVERING INDEX reports_site_created \(site_id=\? AND created_at>\?\)/,
    ]);
  });

  it("pending: the held comments older than the limit (comments_pending_held)", async () => {
    await expectBounded(selectPendingBefore(explaining, "s", 0), [
      /SEARCH comments USING (COVERING )?INDEX comments_pending_held \(site_id=\? AND <expr><\?\)/,
    ]);
  });

  it("to answer: the waiting questions older than the limit (comments_to_answer_age)", async () => {
    await expectBounded(selectToAnswerBefore(explaining, "s", 0), [
      /SEARCH comments USING (COVERING )?INDEX comments_to_answer_age \(site_id=\? AND created_at<\?\)/,
    ]);
  });
});

describe("the incidents", () => {
  it("are upserted, resolved and claimed by index", async () => {
    await expectBounded(upsertIncident(explaining, "s", { rule: "buzz", storyId: 1, figures: { peak: 1 } }, 0), []);
    await expectBounded(resolveIncidents(explaining, { siteId: "s", rule: "buzz", firingScopes: [1], noticeOnResolve: true, now: 0 }), [
      /SEARCH incidents USING (COVERING )?INDEX incidents_open \(site_id=\? AND rule=\?\)/,
    ]);
    const [opened, resolved] = claimNotices(explaining, "s", 0);
    await expectBounded(opened!, [/SEARCH incidents USING INDEX incidents_open_notices \(site_id=\?\)/]);
    await expectBounded(resolved!, [/SEARCH incidents USING INDEX incidents_resolve_notices \(site_id=\?\)/]);
  });

  it("are listed in one range of incidents_site_list, open first, without a sort", async () => {
    for (const openOnly of [true, false]) {
      const plan = await planOf(selectIncidents(explaining, { siteId: "s", openOnly, rows: 100 }));
      expect(
        plan.some((d) => /SEARCH i USING INDEX incidents_site_list \(site_id=\?/.test(d)),
        plan.join("\n"),
      ).toBe(true);
      expect(
        plan.filter((d) => /TEMP B-TREE/.test(d)),
        plan.join("\n"),
      ).toEqual([]);
      expect(tableScans(plan)).toEqual([]);
    }
  });

  it("are acknowledged by id", async () => {
    for (const statement of acknowledgeIncident(explaining, { siteId: "s", id: 1, staffId: 1, now: 0 })) {
      await expectBounded(statement, [/SEARCH (incidents|i) USING INTEGER PRIMARY KEY \(rowid=\?\)/]);
    }
  });

  it("the mails' recipients and the home's count read their indexes", async () => {
    await expectBounded(selectAlertRecipients(explaining, "s"), [/SEARCH m USING (COVERING )?INDEX alert_mail_site \(site_id=\?\)/]);
    await expectBounded(selectSiteOverviews(explaining, { siteIds: ["a"], since24h: 0 }), [
      /SEARCH incidents USING (COVERING )?INDEX incidents_unacknowledged \(site_id=\?\)/,
    ]);
  });
});
