// The transparency export (DSA Art. 15, 24; issue 11 point 4): every figure checked against rows
// seeded with known times, medians included; the period's bounds (whole UTC days, `to` included);
// the CSV's shape; bad dates refused in words; only the site's own staff.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { TransparencyReport } from "../../../worker/schemas/dsa-notices";
import { createSite, errorOf, json, seedCommenter, seedComments, seedStory } from "../support";
import { admin, signedIn } from "../admin/support";

const START = Date.UTC(2026, 2, 1); // 2026-03-01T00:00Z
const END = Date.UTC(2026, 3, 1); // 2026-04-01T00:00Z, the day after 2026-03-31
const DAY = 86_400_000;
const S = 1000;

let siteId: string;
let otherId: string;
let cookie: string;
let otherCookie: string;

const at = (days: number, ms = 0) => START + days * DAY + ms;

type G = "illegal" | "terms";
interface SeedStatement {
  key: string;
  at: number;
  decision: "removed" | "held" | "restricted" | "restored";
  source: "moderator" | "rule" | "reports" | "scoring" | "notice" | "appeal";
  kind: G;
  ground: string;
  det: 0 | 1;
  dec: 0 | 1;
  site?: "other";
}

// Statements: 10 taken in March (S12 at its very first instant), 2 just outside it, 1 on another
// site. S6 and S13 are the removals of the notices N4 and N1 (the same time as their decision).
const STATEMENTS: SeedStatement[] = [
  { key: "S1", at: at(2), decision: "removed", source: "moderator", kind: "terms", ground: "charter", det: 0, dec: 0 },
  { key: "S2", at: at(3), decision: "removed", source: "moderator", kind: "illegal", ground: "hate_speech", det: 1, dec: 0 },
  { key: "S3", at: at(4), decision: "held", source: "rule", kind: "terms", ground: "charter", det: 1, dec: 1 },
  { key: "S4", at: at(5), decision: "held", source: "rule", kind: "terms", ground: "charter", det: 0, dec: 1 },
  { key: "S5", at: at(6), decision: "restricted", source: "reports", kind: "terms", ground: "charter", det: 0, dec: 1 },
  { key: "S6", at: at(3, 50 * S), decision: "removed", source: "notice", kind: "illegal", ground: "defamation", det: 0, dec: 0 },
  { key: "S13", at: at(1, 100 * S), decision: "removed", source: "notice", kind: "terms", ground: "charter", det: 0, dec: 0 },
  { key: "S7", at: at(8), decision: "restored", source: "appeal", kind: "terms", ground: "clause:2", det: 0, dec: 0 },
  { key: "S8", at: at(9), decision: "held", source: "scoring", kind: "terms", ground: "charter", det: 1, dec: 1 },
  { key: "S12", at: START, decision: "removed", source: "moderator", kind: "terms", ground: "clause:2", det: 0, dec: 0 },
  { key: "S9", at: START - 1, decision: "removed", source: "moderator", kind: "terms", ground: "charter", det: 0, dec: 0 },
  { key: "S10", at: END, decision: "removed", source: "moderator", kind: "illegal", ground: "terrorism", det: 1, dec: 1 },
  {
    key: "S11",
    at: at(3),
    decision: "removed",
    source: "moderator",
    kind: "illegal",
    ground: "hate_speech",
    det: 0,
    dec: 0,
    site: "other",
  },
];

// Notices: [ground, received at, handled after (seconds) and outcome, or open]; N8 at the first
// instant of March, N9 at the first instant of April, N10 the last of February, N11 another site's.
// N3's removal has no statement (its comment was already gone); N8 was decided by no one (automated).
const NOTICES: { key: string; ground: string; at: number; handled?: [number, "removed" | "kept"]; site?: "other"; automated?: true }[] = [
  { key: "N1", ground: "hate_speech", at: at(1), handled: [100, "removed"] },
  { key: "N2", ground: "hate_speech", at: at(1, 1), handled: [300, "kept"] },
  { key: "N3", ground: "hate_speech", at: at(2), handled: [200, "removed"] },
  { key: "N4", ground: "defamation", at: at(3), handled: [50, "removed"] },
  { key: "N5", ground: "defamation", at: at(4), handled: [150, "kept"] },
  { key: "N6", ground: "defamation", at: at(5) },
  { key: "N7", ground: "privacy", at: at(30, DAY - 1) },
  { key: "N8", ground: "copyright", at: START, handled: [1000, "kept"], automated: true },
  { key: "N9", ground: "hate_speech", at: END, handled: [10, "removed"] },
  { key: "N10", ground: "hate_speech", at: START - 1, handled: [10, "removed"] },
  { key: "N11", ground: "hate_speech", at: at(2), handled: [10, "removed"], site: "other" },
];

// Appeals: on which statement, lodged when, decided after (seconds) how, or open. A5 contests a
// February decision (S9) in March: it counts in March; A6 is lodged in April.
const APPEALS: { statement: string; at: number; decided?: [number, "upheld" | "reversed"] }[] = [
  { statement: "S1", at: at(10), decided: [3600, "upheld"] },
  { statement: "S2", at: at(11), decided: [7200, "reversed"] },
  { statement: "S6", at: at(12) },
  { statement: "S12", at: at(13), decided: [600, "upheld"] },
  { statement: "S9", at: at(14), decided: [60, "reversed"] },
  { statement: "S10", at: END + 1, decided: [60, "upheld"] },
];

beforeAll(async () => {
  siteId = (await createSite()).id;
  otherId = (await createSite()).id;
  const me = await signedIn({ [siteId]: "moderator" });
  cookie = me.cookie;
  otherCookie = (await signedIn({ [otherId]: "admin" })).cookie;
  const base = 40_000_000 + Math.floor(Math.random() * 1_000_000) * 2;
  const comments: Record<string, number> = { mine: base, other: base + 1 };
  await seedComments(siteId, [{ id: comments.mine!, storyId: await seedStory(siteId, "t"), authorId: await seedCommenter(siteId, "Ana") }]);
  await seedComments(otherId, [
    { id: comments.other!, storyId: await seedStory(otherId, "t"), authorId: await seedCommenter(otherId, "Bob") },
  ]);
  const siteOf = (o?: "other") => (o ? otherId : siteId);
  const commentOf = (o?: "other") => (o ? comments.other! : comments.mine!);

  const ids: Record<string, number> = {};
  for (const s of STATEMENTS) {
    const row = await env.DB.prepare(
      `INSERT INTO statements (site_id, comment_id, decision, source, facts, automated_detection, automated_decision,
                               ground_kind, ground, ground_label, contest_until, created_at)
       VALUES (?, ?, ?, ?, 'facts', ?, ?, ?, ?, 'label', ?, ?) RETURNING id`,
    )
      .bind(siteOf(s.site), commentOf(s.site), s.decision, s.source, s.det, s.dec, s.kind, s.ground, s.at + 180 * DAY, s.at)
      .first<{ id: number }>();
    ids[s.key] = row!.id;
  }
  await env.DB.batch([
    ...NOTICES.map((n) =>
      env.DB.prepare(
        `INSERT INTO notices (site_id, comment_id, reference, ground, explanation, status, outcome, decided_by, decided_at, created_at)
         VALUES (?, ?, ?, ?, 'explanation', ?, ?, ?, ?, ?)`,
      ).bind(
        siteOf(n.site),
        commentOf(n.site),
        `T-${base}-${n.key}`,
        n.ground,
        n.handled ? "decided" : "open",
        n.handled?.[1] ?? null,
        n.handled && !n.automated ? me.staff.id : null,
        n.handled ? n.at + n.handled[0] * S : null,
        n.at,
      ),
    ),
    ...APPEALS.map((a) =>
      env.DB.prepare(
        `INSERT INTO appeals (site_id, comment_id, statement_id, body, status, decided_at, created_at)
         VALUES (?, ?, ?, 'I disagree', ?, ?, ?)`,
      ).bind(siteId, comments.mine!, ids[a.statement]!, a.decided?.[1] ?? "open", a.decided ? a.at + a.decided[0] * S : null, a.at),
    ),
    // bans and suspensions as services/admin/bans.ts audits them
    ...[
      [siteId, "ban", { duration: "permanent" }, at(1)],
      [siteId, "ban", { duration: "permanent" }, at(20)],
      [siteId, "ban", { duration: { hours: 24 } }, START],
      [siteId, "ban", { duration: { hours: 48 } }, at(5)],
      [siteId, "ban", { duration: { hours: 1 } }, END - 1],
      [siteId, "unban", { was: "permanent" }, at(21)],
      [siteId, "reject", { reason: "spam" }, at(21)],
      [siteId, "ban", { duration: "permanent" }, START - 1],
      [siteId, "ban", { duration: { hours: 24 } }, END],
      [otherId, "ban", { duration: "permanent" }, at(2)],
    ].map(([site, action, detail, time]) =>
      env.DB.prepare(
        "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at) VALUES (?, NULL, ?, 'commenter', '1', ?, ?)",
      ).bind(site, action, JSON.stringify(detail), time),
    ),
  ]);
});

const get = (query: string, c = cookie, site = siteId) => admin(`/sites/${site}/transparency${query}`, { cookie: c });

async function report(query: string): Promise<TransparencyReport> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return json<TransparencyReport>(res);
}

const zeroGround = (ground: string) => ({
  ground,
  received: 0,
  removed: 0,
  removedIllegal: 0,
  removedTerms: 0,
  kept: 0,
  open: 0,
  decidedAutomatically: 0,
  medianHandlingSeconds: null,
});

describe("the figures of March 2026", () => {
  let r: TransparencyReport;
  beforeAll(async () => {
    r = await report("?from=2026-03-01&to=2026-03-31");
  });

  it("the period: whole UTC days, `to` included", () => {
    expect(r.site.id).toBe(siteId);
    expect(r.period).toEqual({ from: "2026-03-01", to: "2026-03-31", start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" });
    expect(Math.abs(Date.parse(r.generatedAt) - Date.now())).toBeLessThan(60_000);
  });

  it("notices received, by ground, with what was done and the median handling time", () => {
    const { byGround, ...totals } = r.notices;
    // 50, 100, 150, 200, 300, 1000 s: the mean of the two middle ones
    expect(totals).toEqual({
      received: 8,
      removed: 3,
      removedIllegal: 1,
      removedTerms: 1,
      kept: 3,
      open: 2,
      decidedAutomatically: 1,
      medianHandlingSeconds: 175,
    });
    expect(byGround).toEqual([
      { ...zeroGround("hate_speech"), received: 3, removed: 2, removedTerms: 1, kept: 1, medianHandlingSeconds: 200 },
      { ...zeroGround("defamation"), received: 3, removed: 1, removedIllegal: 1, kept: 1, open: 1, medianHandlingSeconds: 100 },
      zeroGround("harassment"),
      { ...zeroGround("privacy"), received: 1, open: 1 },
      { ...zeroGround("copyright"), received: 1, kept: 1, decidedAutomatically: 1, medianHandlingSeconds: 1000 },
      zeroGround("illegal_advertising"),
      zeroGround("terrorism"),
      zeroGround("child_safety"),
      zeroGround("other_illegal"),
    ]);
  });

  it("decisions: by decision, source, ground and type, automated versus human", () => {
    expect(r.decisions).toEqual({
      total: 10,
      byDecision: { removed: 5, held: 3, restricted: 1, restored: 1 },
      bySource: { moderator: 3, rule: 2, reports: 1, scoring: 1, notice: 2, appeal: 1 },
      byGround: [
        { groundKind: "illegal", ground: "hate_speech", total: 1, removed: 1, held: 0, restricted: 0, restored: 0 },
        { groundKind: "illegal", ground: "defamation", total: 1, removed: 1, held: 0, restricted: 0, restored: 0 },
        { groundKind: "terms", ground: "charter", total: 6, removed: 2, held: 3, restricted: 1, restored: 0 },
        { groundKind: "terms", ground: "clause:2", total: 2, removed: 1, held: 0, restricted: 0, restored: 1 },
      ],
      automatedDetection: { automated: 3, human: 7 },
      automatedDecision: { automated: 4, human: 6 },
    });
  });

  it("appeals received, by outcome and ground of the decision appealed, median time to decide", () => {
    expect(r.appeals).toEqual({
      received: 5,
      open: 1,
      upheld: 2,
      reversed: 2,
      // 60, 600, 3600, 7200 s
      medianDecisionSeconds: 2100,
      byGround: [
        { ground: "hate_speech", received: 1, open: 0, upheld: 0, reversed: 1 },
        { ground: "defamation", received: 1, open: 1, upheld: 0, reversed: 0 },
        { ground: "charter", received: 2, open: 0, upheld: 1, reversed: 1 },
        { ground: "clause:2", received: 1, open: 0, upheld: 1, reversed: 0 },
      ],
    });
  });

  it("bans and suspensions imposed, and lifted", () => {
    expect(r.restrictions).toEqual({ bans: 2, suspensions: 3, lifted: 1 });
  });
});

describe("the period's bounds", () => {
  it("one day: its first instant in, the next day's first instant out", async () => {
    const first = await report("?from=2026-03-01&to=2026-03-01");
    expect(first.notices.received).toBe(1); // N8
    expect(first.notices.byGround.find((g) => g.ground === "copyright")!.medianHandlingSeconds).toBe(1000);
    expect(first.decisions.total).toBe(1); // S12
    expect(first.restrictions).toEqual({ bans: 0, suspensions: 1, lifted: 0 });
    const last = await report("?from=2026-03-31&to=2026-03-31");
    expect(last.notices.received).toBe(1); // N7, at its last millisecond
    expect(last.restrictions.suspensions).toBe(1);
    const april = await report("?from=2026-04-01&to=2026-04-01");
    expect([april.notices.received, april.decisions.total, april.appeals.received]).toEqual([1, 1, 1]);
    const february = await report("?from=2026-02-28&to=2026-02-28");
    expect([february.notices.received, february.decisions.total, february.restrictions.bans]).toEqual([1, 1, 1]);
  });

  it("an empty period: zeros, every legal ground listed, medians unknown", async () => {
    const empty = await report("?from=2020-01-01&to=2020-12-31");
    expect(empty.notices).toMatchObject({ received: 0, medianHandlingSeconds: null });
    expect(empty.notices.byGround).toHaveLength(9);
    expect(empty.decisions.total).toBe(0);
    expect(empty.decisions.byGround).toEqual([]);
    expect(empty.appeals).toMatchObject({ received: 0, medianDecisionSeconds: null, byGround: [] });
    expect(empty.restrictions).toEqual({ bans: 0, suspensions: 0, lifted: 0 });
  });

  it("366 days is the longest period (a leap year); json is the default format", async () => {
    expect((await get("?from=2024-01-01&to=2024-12-31")).status).toBe(200);
    expect((await get("?from=2024-01-01&to=2024-12-31&format=json")).headers.get("Content-Type")).toMatch(/^application\/json/);
  });
});

describe("CSV", () => {
  it("one figure a row (section,key,value) under a header, as an attachment, matching the JSON", async () => {
    const res = await get("?from=2026-03-01&to=2026-03-31&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="transparency-${siteId}-2026-03-01-2026-03-31.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // a byte order mark first, so that spreadsheets read the UTF-8 as such
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("section,key,value\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = text
      .split("\r\n")
      .slice(0, -1)
      .map((line) => line.split(","));
    expect(rows.every((r) => r.length === 3)).toBe(true);
    const value = (section: string, key: string) => {
      const found = rows.filter((r) => r[0] === section && r[1] === key);
      expect(found, `${section},${key}`).toHaveLength(1);
      return found[0]![2];
    };
    expect(value("site", "id")).toBe(siteId);
    expect(value("period", "from")).toBe("2026-03-01");
    expect(value("period", "to")).toBe("2026-03-31");
    expect(value("notices", "received")).toBe("8");
    expect(value("notices", "median_handling_seconds")).toBe("175");
    expect(value("notices.ground.hate_speech", "median_handling_seconds")).toBe("200");
    expect(value("notices.ground.privacy", "open")).toBe("1");
    expect(value("notices.ground.privacy", "median_handling_seconds")).toBe("");
    expect(value("notices", "removed_illegal")).toBe("1");
    expect(value("notices", "removed_terms")).toBe("1");
    expect(value("notices", "decided_automatically")).toBe("1");
    expect(value("notices.ground.hate_speech", "removed_terms")).toBe("1");
    expect(value("decisions", "total")).toBe("10");
    expect(value("decisions.decision", "held")).toBe("3");
    expect(value("decisions.source", "scoring")).toBe("1");
    expect(value("decisions.ground.charter", "kind")).toBe("terms");
    expect(value("decisions.ground.clause:2", "restored")).toBe("1");
    expect(value("decisions.automated_detection", "automated")).toBe("3");
    expect(value("decisions.automated_decision", "human")).toBe("6");
    expect(value("appeals", "received")).toBe("5");
    expect(value("appeals", "median_decision_seconds")).toBe("2100");
    expect(value("appeals.ground.charter", "reversed")).toBe("1");
    expect(value("restrictions", "bans")).toBe("2");
    expect(value("restrictions", "suspensions")).toBe("3");
    expect(value("restrictions", "lifted")).toBe("1");
    // site id and name, 5 period, 8 notices + 9×8 per ground, 1 + 4 + 6 + 4×6 decisions, 2×2
    // automated, 5 appeals + 4×4 per ground, 3 restrictions
    expect(rows.length - 1).toBe(2 + 5 + 8 + 72 + 1 + 4 + 6 + 24 + 4 + 5 + 16 + 3);
  });
});

describe("refusals", () => {
  const cases: [string, RegExp][] = [
    ["?to=2026-03-31", /from is required/],
    ["?from=2026-03-01", /to is required/],
    ["?from=2026-02-30&to=2026-03-31", /from must be a calendar date as YYYY-MM-DD/],
    ["?from=2026-3-1&to=2026-03-31", /from must be a calendar date/],
    ["?from=2026-03-01T00:00:00Z&to=2026-03-31", /from must be a calendar date/],
    ["?from=2026-03-01&to=tomorrow", /to must be a calendar date/],
    ["?from=2026-03-31&to=2026-03-01", /to must be on or after from/],
    ["?from=2025-01-01&to=2026-01-02", /longer than 366 days/],
    ["?from=2026-03-01&to=2026-03-31&format=xml", /format must be json or csv/],
  ];
  for (const [query, message] of cases) {
    it(`${query}: 400 with a clear message`, async () => {
      const res = await get(query);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.message).toMatch(message);
    });
  }

  it("only the site's staff: another site's admin 403, no session 401", async () => {
    expect((await get("?from=2026-03-01&to=2026-03-31", otherCookie)).status).toBe(403);
    expect((await get("?from=2026-03-01&to=2026-03-31", "")).status).toBe(401);
    // their own site's export does not count this site's rows
    const theirs = await json<TransparencyReport>(await get("?from=2026-03-01&to=2026-03-31", otherCookie, otherId));
    expect([theirs.notices.received, theirs.decisions.total, theirs.restrictions.bans]).toEqual([1, 1, 1]);
  });
});
