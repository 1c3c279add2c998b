// Notices and the transparency export stay bounded: each statement reads through an index of its
// site (EXPLAIN QUERY PLAN of the real SQL), never a whole table; the per-network count of the
// notice's insert is a range of notices_network.
import { expect, it } from "vitest";
import {
  decideOpenNotices,
  insertNotice,
  insertNoticeDecisionAudit,
  insertOpenNoticeGuard,
  rejectNoticedComment,
  selectCommentOfNotice,
  selectNotice,
  selectNoticeQueueCounts,
  selectNoticeRefusal,
  selectOpenNotices,
  selectReportsOf,
} from "../../../worker/db/notices";
import {
  selectAppealCounts,
  selectAppealMedians,
  selectNoticeCounts,
  selectNoticeMedians,
  selectRestrictions,
  selectStatementCounts,
} from "../../../worker/db/transparency";
import { explaining, planOf } from "../plans";

/**
 * A SCAN of a table reads all of it; a SCAN of a CTE or of json_each is fine. A new notice's plan
 * lists a SCAN of statements: the foreign key statements.notice_id looking for children of the new
 * parent row, which SQLite runs only while deferred foreign-key violations are outstanding (never
 * here), so it is left out.
 */
const tableScans = (plan: string[], fkChildren = false) =>
  plan.filter(
    (d) =>
      /^SCAN (notices|statements|appeals|audit_log|comments|commenters|stories|reports)\b/.test(d) &&
      !(fkChildren && d === "SCAN statements"),
  );

const e = explaining;
const STATEMENTS: [string, D1PreparedStatement, RegExp | null][] = [
  [
    "the notice and its limit",
    insertNotice(e, {
      siteId: "s",
      commentId: 1,
      reference: "N",
      ground: "defamation",
      explanation: "x",
      name: null,
      email: null,
      network: "n",
      now: 5,
    }),
    /SEARCH notices USING (COVERING )?INDEX notices_network \(site_id=\? AND ip_hash=\? AND created_at>\?\)/,
  ],
  ["why a notice was refused", selectNoticeRefusal(e, { siteId: "s", commentId: 1, network: "n", now: 5 }), /INDEX notices_network/],
  ["a notice", selectNotice(e, "s", 1), null],
  [
    "the queue's page",
    selectOpenNotices(e, { siteId: "s", afterId: 0, rows: 21 }),
    /SEARCH notices USING INDEX notices_open \(site_id=\? AND status=\? AND (rowid|id)>\?\)/,
  ],
  ["the queue's counts", selectNoticeQueueCounts(e, "s"), /INDEX notices_open/],
  ["the queue's reports", selectReportsOf(e, "s", [1, 2], 5), null],
  ["the comment of a notice", selectCommentOfNotice(e, "s", 1), null],
  ["the decision's guard", insertOpenNoticeGuard(e, "s", 1), null],
  ["the removal", rejectNoticedComment(e, { siteId: "s", commentId: 1, staffId: 1, now: 5 }), null],
  [
    "the notices decided",
    decideOpenNotices(e, { siteId: "s", commentId: 1, outcome: "kept", staffId: 1, now: 5 }),
    /INDEX notices_comment/,
  ],
  [
    "the decision's audit row",
    insertNoticeDecisionAudit(e, {
      siteId: "s",
      staffId: 1,
      commentId: 1,
      noticeId: 1,
      reference: "N",
      outcome: "kept",
      ground: null,
      now: 5,
    }),
    null,
  ],
  ["notices of a period", selectNoticeCounts(e, "s", 1, 2), /SEARCH n USING INDEX notices_(open|network) \(site_id=\?\)/],
  // a removal's statement: by its site and time (the decision's), not by walking the comment's history
  [
    "the statements of notices' removals",
    selectNoticeCounts(e, "s", 1, 2),
    /SEARCH s USING INDEX statements_(site_time \(site_id=\? AND created_at=\?\)|comment \(comment_id=\?\))/,
  ],
  ["notices' medians", selectNoticeMedians(e, "s", 1, 2), /SEARCH notices USING INDEX/],
  [
    "statements of a period",
    selectStatementCounts(e, "s", 1, 2),
    /SEARCH statements USING INDEX statements_site_time \(site_id=\? AND created_at>\? AND created_at<\?\)/,
  ],
  ["appeals of a period", selectAppealCounts(e, "s", 1, 2), /SEARCH a USING INDEX appeals_open \(site_id=\?\)/],
  ["appeals' medians", selectAppealMedians(e, "s", 1, 2), /SEARCH a USING INDEX appeals_open/],
  [
    "bans of a period",
    selectRestrictions(e, "s", 1, 2),
    /SEARCH audit_log USING INDEX audit_log_site_created \(site_id=\? AND created_at>\? AND created_at<\?\)/,
  ],
];

it.each(STATEMENTS)("%s reads through an index, never a whole table", async (name, statement, index) => {
  const plan = await planOf(statement);
  const text = `${name}:\n${plan.join("\n")}`;
  expect(tableScans(plan, name === "the notice and its limit"), text).toEqual([]);
  if (index)
    expect(
      plan.some((d) => index.test(d)),
      text,
    ).toBe(true);
});
