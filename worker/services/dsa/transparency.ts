// The transparency export (DSA Art. 15 and 24): a site's notices, decisions, appeals and
// suspensions over a period of whole UTC days, as JSON or as CSV (one figure a row).
//
// What each figure counts: notices and appeals RECEIVED in the period, with what became of them by
// the time of the export (so a late report of a period shows its late decisions); decisions
// (statements of reasons) TAKEN in the period; bans and suspensions IMPOSED (and lifted) in it.
// Medians are over the decided ones, in seconds.
import { LEGAL_GROUNDS } from "../../../common/dsa/grounds";
import type { SiteRecord } from "../../db/sites";
import {
  selectAppealCounts,
  selectAppealMedians,
  selectNoticeCounts,
  selectNoticeMedians,
  selectRestrictions,
  selectStatementCounts,
  type MedianRow,
} from "../../db/transparency";
import { batchOf } from "../../db/typed";
import { CSV_BOM, csvLines } from "../../lib/csv";
import type { NoticeGroundFigures, StatementDecisionCounts, TransparencyQuery, TransparencyReport } from "../../schemas/dsa-notices";

const SOURCES = ["moderator", "rule", "reports", "scoring", "notice", "appeal"] as const;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const seconds = (medians: Map<string, number>, key: string) => (medians.has(key) ? medians.get(key)! / 1000 : null);
const zeroDecisions = (): StatementDecisionCounts => ({ removed: 0, held: 0, restricted: 0, restored: 0 });

// Terms grounds after the legal ones, "charter" first, clauses by number.
function groundOrder(a: { groundKind: string; ground: string }, b: { groundKind: string; ground: string }): number {
  const rank = (g: { groundKind: string; ground: string }) => {
    const legal = (LEGAL_GROUNDS as readonly string[]).indexOf(g.ground);
    if (legal >= 0) return legal;
    if (g.ground === "charter") return 100;
    const clause = /^clause:(\d+)$/.exec(g.ground);
    return clause ? 100 + Number(clause[1]) : 1000;
  };
  return rank(a) - rank(b) || a.ground.localeCompare(b.ground);
}

export async function readTransparency(db: D1Database, site: SiteRecord, q: TransparencyQuery, now: number): Promise<TransparencyReport> {
  const args = [db, site.id, q.start, q.end] as const;
  const [noticeCounts, noticeMedians, statementCounts, appealCounts, appealMedians, restrictions] = await batchOf(db, [
    selectNoticeCounts(...args),
    selectNoticeMedians(...args),
    selectStatementCounts(...args),
    selectAppealCounts(...args),
    selectAppealMedians(...args),
    selectRestrictions(...args),
  ]);
  const medianMap = (r: D1Result<MedianRow>) => new Map(r.results.map((m) => [m.k, m.median_ms]));

  // Every legal ground is listed, with zeros: a report says what did not happen too.
  const nByGround = new Map(noticeCounts.results.map((r) => [r.ground, r]));
  const nMedians = medianMap(noticeMedians);
  const byGround = LEGAL_GROUNDS.map((ground) => {
    const r = nByGround.get(ground);
    return {
      ground,
      received: r?.received ?? 0,
      removed: r?.removed ?? 0,
      removedIllegal: r?.removed_illegal ?? 0,
      removedTerms: r?.removed_terms ?? 0,
      kept: r?.kept ?? 0,
      open: r?.open ?? 0,
      decidedAutomatically: r?.automated ?? 0,
      medianHandlingSeconds: seconds(nMedians, ground),
    };
  });
  const sum = (key: Exclude<keyof NoticeGroundFigures, "ground" | "medianHandlingSeconds">) => byGround.reduce((s, g) => s + g[key], 0);

  const statements = statementCounts.results;
  const byDecision = zeroDecisions();
  const bySource = Object.fromEntries(SOURCES.map((s) => [s, 0])) as TransparencyReport["decisions"]["bySource"];
  const grounds = new Map<string, TransparencyReport["decisions"]["byGround"][number]>();
  const detection = { automated: 0, human: 0 };
  const decision = { automated: 0, human: 0 };
  for (const r of statements) {
    byDecision[r.decision] += r.n;
    bySource[r.source] += r.n;
    const key = `${r.ground_kind}:${r.ground}`;
    const g = grounds.get(key) ?? { groundKind: r.ground_kind, ground: r.ground, total: 0, ...zeroDecisions() };
    g.total += r.n;
    g[r.decision] += r.n;
    grounds.set(key, g);
    detection[r.automated_detection ? "automated" : "human"] += r.n;
    decision[r.automated_decision ? "automated" : "human"] += r.n;
  }

  const appeals = appealCounts.results;
  const aMedians = medianMap(appealMedians);
  const appealGrounds = new Map<string, TransparencyReport["appeals"]["byGround"][number]>();
  const appealTotals = { received: 0, open: 0, upheld: 0, reversed: 0 };
  for (const r of appeals) {
    const g = appealGrounds.get(r.ground) ?? { ground: r.ground, received: 0, open: 0, upheld: 0, reversed: 0 };
    g.received += r.n;
    g[r.status] += r.n;
    appealGrounds.set(r.ground, g);
    appealTotals.received += r.n;
    appealTotals[r.status] += r.n;
  }
  const restricted = restrictions.results[0] ?? { bans: 0, suspensions: 0, lifted: 0 };

  return {
    site: { id: site.id, name: site.name },
    period: { from: day(q.start), to: day(q.end - 1), start: new Date(q.start).toISOString(), end: new Date(q.end).toISOString() },
    generatedAt: new Date(now).toISOString(),
    notices: {
      received: sum("received"),
      removed: sum("removed"),
      removedIllegal: sum("removedIllegal"),
      removedTerms: sum("removedTerms"),
      kept: sum("kept"),
      open: sum("open"),
      decidedAutomatically: sum("decidedAutomatically"),
      medianHandlingSeconds: seconds(nMedians, "*"),
      byGround,
    },
    decisions: {
      total: statements.reduce((s, r) => s + r.n, 0),
      byDecision,
      bySource,
      byGround: [...grounds.values()].sort(groundOrder),
      automatedDetection: detection,
      automatedDecision: decision,
    },
    appeals: {
      ...appealTotals,
      medianDecisionSeconds: seconds(aMedians, "*"),
      byGround: [...appealGrounds.values()].sort((a, b) => groundOrder({ groundKind: "", ...a }, { groundKind: "", ...b })),
    },
    restrictions: { suspensions: restricted.suspensions, bans: restricted.bans, lifted: restricted.lifted },
  };
}

type Cell = string | number | null;

/** The report as CSV: a header, then one figure a row (section, key, value); an unknown median is empty. */
export function transparencyCsv(r: TransparencyReport): string {
  const rows: Cell[][] = [["section", "key", "value"]];
  const add = (section: string, values: Record<string, Cell>) => {
    for (const [key, value] of Object.entries(values)) rows.push([section, key, value]);
  };
  add("site", { id: r.site.id, name: r.site.name });
  add("period", { from: r.period.from, to: r.period.to, start: r.period.start, end: r.period.end, generated_at: r.generatedAt });
  const noticeFigures = (n: Omit<NoticeGroundFigures, "ground">) => ({
    received: n.received,
    removed: n.removed,
    removed_illegal: n.removedIllegal,
    removed_terms: n.removedTerms,
    kept: n.kept,
    open: n.open,
    decided_automatically: n.decidedAutomatically,
    median_handling_seconds: n.medianHandlingSeconds,
  });
  add("notices", noticeFigures(r.notices));
  for (const g of r.notices.byGround) add(`notices.ground.${g.ground}`, noticeFigures(g));
  add("decisions", { total: r.decisions.total });
  add("decisions.decision", r.decisions.byDecision);
  add("decisions.source", r.decisions.bySource);
  for (const g of r.decisions.byGround) {
    add(`decisions.ground.${g.ground}`, {
      kind: g.groundKind,
      total: g.total,
      removed: g.removed,
      held: g.held,
      restricted: g.restricted,
      restored: g.restored,
    });
  }
  add("decisions.automated_detection", r.decisions.automatedDetection);
  add("decisions.automated_decision", r.decisions.automatedDecision);
  const { byGround: appealGrounds, medianDecisionSeconds, ...appealTotals } = r.appeals;
  add("appeals", { ...appealTotals, median_decision_seconds: medianDecisionSeconds });
  for (const g of appealGrounds)
    add(`appeals.ground.${g.ground}`, { received: g.received, open: g.open, upheld: g.upheld, reversed: g.reversed });
  add("restrictions", r.restrictions);
  return CSV_BOM + csvLines(rows);
}
