// The audit log as CSV: a file spreadsheets open safely (RFC 4180 quoting, no formula runs), of
// the filtered range, every page of it, capped at 50 000 rows.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { csvCell } from "../../../worker/lib/csv";
import { createSite, seedCommenter, seedComments, seedStory } from "../support";
import { admin, signedIn, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;

/** A minimal RFC 4180 reader: what a spreadsheet would see in each cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  if (cell || row.length) throw new Error("the file does not end with CRLF");
  return rows;
}

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "moderator" }));
  const storyId = await seedStory(siteId, "une-histoire");
  await env.DB.prepare("UPDATE stories SET title = ? WHERE id = ?").bind('Le "grand" débat, suite', storyId).run();
  const author = await seedCommenter(siteId, '=HYPERLINK("http://evil.example")');
  await seedComments(siteId, [
    { id: 501, storyId, authorId: author, body: 'Bonjour,\nune ligne "citée"', status: "pending" },
    { id: 502, storyId, authorId: author, body: "+33 6 12 34 56 78", status: "pending" },
  ]);
  await admin(`/sites/${siteId}/moderation`, { cookie, body: { action: "reject", ids: [501], reason: "spam" } });
  await admin(`/sites/${siteId}/moderation`, { cookie, body: { action: "approve", ids: [502] } });
  await admin(`/sites/${siteId}/commenters/${author}/notes`, { cookie, body: { body: "@moderation -attention" } });
});

it("is a CSV attachment named after the site and the day, with its header row", async () => {
  const res = await admin(`/sites/${siteId}/audit?format=csv`, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const day = new Date().toISOString().slice(0, 10);
  expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="audit-${siteId}-${day}.csv"`);
  expect(res.headers.get("X-Palabre-Truncated")).toBeNull();
  // A byte order mark first (text() drops it, as a spreadsheet does).
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(await res.text());
  expect(rows[0]).toEqual(["when", "who", "action", "target", "author", "story", "excerpt", "detail"]);
  expect(rows.slice(1).map((r) => r[2])).toEqual(["note", "approve", "reject"]);
  for (const r of rows) expect(r).toHaveLength(8);
});

it("quotes commas, quotes and line breaks, and keeps formulas from running", async () => {
  const rows = parseCsv(await (await admin(`/sites/${siteId}/audit?format=csv`, { cookie })).text());
  const [, note, approve, reject] = rows as [string[], string[], string[], string[]];
  expect(reject).toEqual([
    expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    staff.name,
    "reject",
    "comment 501",
    '\'=HYPERLINK("http://evil.example")',
    'Le "grand" débat, suite',
    'Bonjour, une ligne "citée"',
    JSON.stringify({ from: "pending", reason: "spam", ground: "charter" }),
  ]);
  expect(approve[6]).toBe("'+33 6 12 34 56 78");
  expect(note[3]).toMatch(/^commenter \d+$/);
  expect(note[7]).toBe(JSON.stringify({ note: "@moderation -attention" }));
  // No cell a spreadsheet reads starts a formula.
  for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@]/);
});

it("escapes every dangerous start, and only quotes when it must", () => {
  expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a,b", 'say "hi"', "two\nlines", ""].map(csvCell)).toEqual([
    "'=1+1",
    "'+1",
    "'-1",
    "'@SUM(A1)",
    "'\tx",
    '"\'\rx"',
    "plain",
    '"a,b"',
    '"say ""hi"""',
    '"two\nlines"',
    "",
  ]);
});

it("follows the filters", async () => {
  const rows = parseCsv(await (await admin(`/sites/${siteId}/audit?format=csv&action=approve`, { cookie })).text());
  expect(rows.slice(1).map((r) => r[3])).toEqual(["comment 502"]);
});

it("covers every page of the range, and stops at 50 000 rows saying so", async () => {
  const big = (await createSite()).id;
  const { cookie: c } = await signedIn({ [big]: "moderator" });
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001)
     INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
     SELECT ?, NULL, 'hide', 'comment', CAST(i AS TEXT), '{}', 1767225600000 + i FROM n`,
  )
    .bind(big)
    .run();
  const full = await admin(`/sites/${big}/audit?format=csv`, { cookie: c });
  expect(full.headers.get("X-Palabre-Truncated")).toBe("true");
  const lines = (await full.text()).split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(1 + 50_000);
  expect(lines[1]).toContain(",system,hide,comment 50001,");
  expect(lines[50_000]).toContain(",comment 2,");

  // A range of 2 500 rows: three statements of 1 000, all of it, not truncated.
  const from = new Date(1767225600000 + 1001).toISOString();
  const to = new Date(1767225600000 + 3501).toISOString();
  const part = await admin(`/sites/${big}/audit?format=csv&from=${from}&to=${to}`, { cookie: c });
  expect(part.headers.get("X-Palabre-Truncated")).toBeNull();
  const partLines = (await part.text()).split("\r\n").filter(Boolean);
  expect(partLines).toHaveLength(1 + 2500);
  expect(partLines[1]).toContain(",comment 3500,");
  expect(partLines[2500]).toContain(",comment 1001,");
});
