// The person view, the edit history, ban-and-reject and the filtered audit log stay bounded: each
// statement is index lookups and range scans (EXPLAIN QUERY PLAN of the real SQL), never a walk
// of a whole table or site.
import { explaining, planOf } from "../plans";
import { describe, expect, it } from "vitest";
import { selectAuditPage, selectPersonHistory, type AuditFilter } from "../../../worker/db/audit";
import { selectPerson, setPremoderation } from "../../../worker/db/commenters";
import { recountStoriesOfRejected, recountThreadsOfRejected, rejectAllOfAuthor } from "../../../worker/db/staff-comments";
import { insertNote, selectNotes } from "../../../worker/db/notes";
import { selectPersonComments } from "../../../worker/db/person";
import { selectRevisions } from "../../../worker/db/revisions";

/** A SCAN of a table (not of a subquery's or CTE's result, nor of a row's JSON) reads all of it. */
function tableScans(plan: string[]): string[] {
  return plan.filter(
    (d) =>
      /^SCAN (comments|commenters|stories|reports|audit_log|commenter_notes|comment_revisions|staff|[a-z]{1,2})\b/.test(d) &&
      !/VIRTUAL TABLE/.test(d),
  );
}

async function expectBounded(statement: D1PreparedStatement, uses: RegExp[]): Promise<string[]> {
  const plan = await planOf(statement);
  const text = plan.join("\n");
  expect(tableScans(plan), text).toEqual([]);
  for (const pattern of uses)
    expect(
      plan.some((d) => pattern.test(d)),
      `${pattern}\n${text}`,
    ).toBe(true);
  return plan;
}

describe("the person view", () => {
  it("reads the commenter by primary key", async () => {
    await expectBounded(selectPerson(explaining, "s", 1), [/SEARCH commenters USING INTEGER PRIMARY KEY \(rowid=\?\)/]);
  });

  it("pages their comments in comments_author, newest first, with no sort", async () => {
    const plan = await expectBounded(selectPersonComments(explaining, { siteId: "s", authorId: 1, beforeId: 1000, rows: 21 }), [
      /SEARCH c USING INDEX comments_author \(author_id=\? AND id<\?\)/,
    ]);
    expect(plan.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
  });

  it("finds their history by target in audit_log_site_target, their comments in comments_author", async () => {
    const plan = await expectBounded(selectPersonHistory(explaining, { siteId: "s", commenterId: 1, rows: 100 }), [
      /INDEX audit_log_site_target \(site_id=\? AND target_type=\? AND target_id=\?\)/,
      /SEARCH comments USING (COVERING )?INDEX comments_author(_recent)? \(author_id=\?\)/,
      /SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    ]);
    // Only the person's entries are looked up by target, never the site's log by site.
    expect(
      plan.filter((d) => /audit_log_site \(|audit_log_site_(action|staff|created)/.test(d)),
      plan.join("\n"),
    ).toEqual([]);
  });

  it("lists notes in commenter_notes_commenter", async () => {
    await expectBounded(selectNotes(explaining, { siteId: "s", commenterId: 1, rows: 200 }), [
      /SEARCH n USING INDEX commenter_notes_commenter \(commenter_id=\?\)/,
    ]);
    await expectBounded(insertNote(explaining, { siteId: "s", commenterId: 1, staffId: 1, body: "x", now: 1 }), [
      /SEARCH commenters USING INTEGER PRIMARY KEY/,
    ]);
  });

  it("reads a comment's revisions by its key", async () => {
    const [comment, revisions] = selectRevisions(explaining, { siteId: "s", commentId: 1, rows: 200 });
    await expectBounded(comment!, [/SEARCH comments USING INTEGER PRIMARY KEY \(rowid=\?\)/]);
    await expectBounded(revisions!, [/SEARCH comment_revisions USING INDEX sqlite_autoindex_comment_revisions_1 \(comment_id=\?\)/]);
  });
});

describe("writes on a person", () => {
  it("ban-and-reject finds the person's comments in comments_author, the stories and threads by key", async () => {
    const scope = { siteId: "s", authorId: 1, staffId: 1, reason: "spam", now: 1 };
    for (const statement of rejectAllOfAuthor(explaining, scope)) {
      await expectBounded(statement, [/SEARCH comments USING INDEX comments_author(_recent)? \(author_id=\?\)/]);
    }
    await expectBounded(recountStoriesOfRejected(explaining, scope), [/SEARCH stories USING INTEGER PRIMARY KEY/, /comments_author/]);
    await expectBounded(recountThreadsOfRejected(explaining, scope), [/SEARCH comments USING INTEGER PRIMARY KEY/, /comments_author/]);
  });

  it("premoderation reads and writes the commenter by primary key", async () => {
    for (const statement of setPremoderation(explaining, { siteId: "s", id: 1, on: true, staffId: 1, now: 1 })) {
      await expectBounded(statement, [/SEARCH commenters USING INTEGER PRIMARY KEY/]);
    }
  });
});

describe("the audit log's filters", () => {
  const base: AuditFilter = { siteId: "s", beforeId: 1000, rows: 51 };
  const cases: [string, AuditFilter, RegExp][] = [
    ["no filter", base, /SEARCH a USING INDEX audit_log_site \(site_id=\? AND id<\?\)/],
    ["an action", { ...base, action: "reject" }, /SEARCH a USING INDEX audit_log_site_action \(site_id=\? AND action=\? AND id<\?\)/],
    ["a staff member", { ...base, staffId: 3 }, /SEARCH a USING INDEX audit_log_site_staff \(site_id=\? AND staff_id=\? AND id<\?\)/],
    [
      "an action and a staff member",
      { ...base, action: "ban", staffId: 3 },
      /SEARCH a USING INDEX audit_log_site_action \(site_id=\? AND action=\? AND id<\?\)/,
    ],
    ["a period", { ...base, from: 1, to: 2 }, /SEARCH a USING INDEX audit_log_site \(site_id=\? AND id>\? AND id<\?\)/],
    [
      "a period and an action",
      { ...base, from: 1, to: 2, action: "approve" },
      /SEARCH a USING INDEX audit_log_site_action \(site_id=\? AND action=\? AND id>\? AND id<\?\)/,
    ],
    [
      "a period and a staff member",
      { ...base, from: 1, staffId: 2 },
      /SEARCH a USING INDEX audit_log_site_staff \(site_id=\? AND staff_id=\? AND id>\? AND id<\?\)/,
    ],
  ];
  it.each(cases)("with %s: one range scan of its index, no sort", async (_, filter, index) => {
    const plan = await expectBounded(selectAuditPage(explaining, filter), [index]);
    expect(
      plan.filter((d) => d.includes("TEMP B-TREE")),
      plan.join("\n"),
    ).toEqual([]);
    if (filter.from !== undefined || filter.to !== undefined) {
      // The period's ends are found by time: two lookups in audit_log_site_created.
      expect(
        plan.filter((d) => /audit_log_site_created \(site_id=\? AND created_at[<>]\?\)/.test(d)),
        plan.join("\n"),
      ).toHaveLength(2);
    }
  });
});
