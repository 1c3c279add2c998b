// The desk's reads stay bounded (EXPLAIN QUERY PLAN of the real SQL): the To answer queue of one
// site or of several is a range scan of comments_to_answer, the home one statement of index
// searches for all sites, the time to first answer two indexed ranges, templates one range.
import { explaining, planOf } from "../plans";
import { describe, expect, it } from "vitest";
import { dismissAnswers, selectAnswerTargets, selectAnswerTimes } from "../../../worker/db/answers";
import { selectSiteOverviews } from "../../../worker/db/overview";
import { selectCrossSiteToAnswer, selectQueuePage } from "../../../worker/db/queues";
import { deleteTemplate, insertTemplate, selectTemplates, updateTemplate } from "../../../worker/db/reply-templates";

/** A SCAN of a table (not of the page CTE, json_each or a subquery's result) reads all of it. */
function tableScans(plan: string[]): string[] {
  return plan.filter(
    (d) =>
      /^SCAN (comments|commenters|stories|reports|audit_log|reply_templates|[a-z]{1,2})\b(?! VIRTUAL)/.test(d) &&
      !/^SCAN (m|page|answered)\b/.test(d),
  );
}

function expectBounded(plan: string[], mustUse: RegExp[]): void {
  const text = plan.join("\n");
  expect(tableScans(plan), text).toEqual([]);
  for (const step of mustUse)
    expect(
      plan.some((d) => step.test(d)),
      `${step}\n${text}`,
    ).toBe(true);
}

const TO_ANSWER_RANGE = /SEARCH (comments|x) USING (COVERING )?INDEX comments_to_answer \(site_id=\? AND id>\?\)/;

describe("the To answer queue", () => {
  it("of one site: items, reports and counts are range scans of comments_to_answer", async () => {
    const [items, reports, counts] = selectQueuePage(explaining, {
      siteId: "s",
      queue: "to-answer",
      cursorId: 0,
      beforeFeaturedAt: 0,
      rows: 21,
    });
    expectBounded(await planOf(items!), [TO_ANSWER_RANGE]);
    expectBounded(await planOf(reports!), [TO_ANSWER_RANGE]);
    expectBounded(await planOf(counts!), [/SEARCH comments USING (COVERING )?INDEX comments_to_answer \(site_id=\?\)/]);
  });

  it("of several sites: one range scan of comments_to_answer per site, never the whole queue", async () => {
    const [items, reports] = selectCrossSiteToAnswer(explaining, { siteIds: ["a", "b", "c"], cursorId: 0, rows: 21 });
    expectBounded(await planOf(items!), [TO_ANSWER_RANGE]);
    expectBounded(await planOf(reports!), [TO_ANSWER_RANGE]);
  });

  it("'No answer needed' reads and writes the named comments by id only", async () => {
    const byId = /SEARCH (comments|c) USING (INTEGER PRIMARY KEY \(rowid=\?\)|(COVERING )?INDEX comments_site \(site_id=\? AND id=\?)/;
    expectBounded(await planOf(selectAnswerTargets(explaining, "s", [1, 2])), [byId]);
    for (const statement of dismissAnswers(explaining, { siteId: "s", staffId: 1, ids: [1, 2], now: 0 })) {
      expectBounded(await planOf(statement), [byId]);
    }
  });
});

it("the home is one statement of index searches per site: pending, reported, to answer, last 24 hours", async () => {
  const plan = await planOf(selectSiteOverviews(explaining, { siteIds: ["a", "b"], since24h: 0 }));
  expectBounded(plan, [
    /SEARCH comments USING COVERING INDEX comments_site_status \(site_id=\? AND status=\?\)/,
    /SEARCH comments USING (COVERING )?INDEX comments_reported \(site_id=\?\)/,
    /SEARCH comments USING (COVERING )?INDEX comments_to_answer \(site_id=\?\)/,
    /SEARCH comments USING COVERING INDEX comments_site_created \(site_id=\? AND created_at>\?\)/,
  ]);
});

it("the time to first answer is a range of comments_answered and one of comments_site_created", async () => {
  const plan = await planOf(selectAnswerTimes(explaining, { siteId: "s", since: 0 }));
  expectBounded(plan, [
    /SEARCH comments USING INDEX comments_answered \(site_id=\? AND created_at>\?\)/,
    /SEARCH comments USING INDEX comments_site_created \(site_id=\? AND created_at>\?\)/,
  ]);
});

it("templates: the list is one range of reply_templates_site, writes go by id and by site", async () => {
  const list = await planOf(selectTemplates(explaining, "s", 50));
  expectBounded(list, [/SEARCH reply_templates USING (COVERING )?INDEX reply_templates_site \(site_id=\?\)/]);
  expect(list.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
  const writes = [
    ...insertTemplate(explaining, { siteId: "s", staffId: 1, title: "t", body: "b", max: 50, now: 0 }),
    ...updateTemplate(explaining, { siteId: "s", staffId: 1, id: 1, title: "t", body: "b", now: 0 }),
    ...deleteTemplate(explaining, { siteId: "s", staffId: 1, id: 1, now: 0 }),
  ];
  for (const statement of writes) {
    const plan = await planOf(statement);
    expect(tableScans(plan), plan.join("\n")).toEqual([]);
  }
});
