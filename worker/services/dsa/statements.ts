// Statements of reasons (DSA Art. 17): what each decision path records, worded in the site's
// language when it is taken. Each builder returns the insert for the decision's own batch
// (db/statements.ts); nothing here runs a query.
//
// Automated means (Art. 17(3)(c)): `automatedDetection` says whether the content itself was
// flagged by automated means (the site's word lists, its link rule, the scorer), `automatedDecision`
// whether no human took the decision. A hold for who wrote it or where (new commenter,
// premoderation of the site, story or person) is an automated decision on undetected content;
// the report threshold is an automated decision on content flagged by people, not machines.
import type { Typed } from "../../db/typed";
import { TERMS_CHARTER } from "../../../common/dsa/grounds";
import { insertStatement, type SqlFragment } from "../../db/statements";
import { DETECTED_CODES, DETECTED_REASONS } from "../../db/staff-comments";
import type { SiteRecord } from "../../db/sites";
import { ApiError } from "../../lib/errors";
import { dsaWords, groundLabel } from "../../locales/dsa";
import { reasonMessage } from "../../locales/reasons";
import type { RejectReason } from "../../schemas/admin-views";
import type { ReasonView } from "../../schemas/views";

/** Reason codes that mean the text itself was flagged by a machine. */
const DETECTED = new Set(DETECTED_CODES);

/** SQL on the comment row `c`: its recorded reasons include an automated detection. */
export const DETECTED_SQL: SqlFragment = { sql: DETECTED_REASONS, params: [JSON.stringify(DETECTED_CODES)] };

const localeOf = (site: SiteRecord) => site.settings.defaultLocale;

/** The charter as a whole: the ground of every automated terms decision. */
function charterGround(site: SiteRecord) {
  return { groundKind: "terms" as const, ground: TERMS_CHARTER, groundLabel: dsaWords[localeOf(site)].charter };
}

/**
 * A moderator's ground, checked against the site's clauses as they are now (a clause:N beyond
 * them is refused: 400 validation_failed at `ground`). Absent: the charter.
 */
export function moderatorGround(site: SiteRecord, ground: string | undefined) {
  const chosen = ground ?? TERMS_CHARTER;
  const found = groundLabel(chosen, localeOf(site), site.settings.charterClauses);
  if (!found) {
    const clauses = site.settings.charterClauses.length;
    const message =
      clauses === 0
        ? 'ground: this site\'s charter has no clauses; name a legal ground or "charter"'
        : `ground: this site's charter has ${clauses} clause${clauses > 1 ? "s" : ""} (clause:1 to clause:${clauses})`;
    throw new ApiError(400, "validation_failed", `Invalid request. ${message}`, [
      { path: ["ground"], message: message.slice("ground: ".length), code: "custom" },
    ]);
  }
  return { groundKind: found.kind, ground: chosen, groundLabel: found.label };
}

/**
 * A moderator's removal of these comments (placed after the rejection in its batch: only the
 * comments it rejected get one). Detection is read from each comment's recorded reasons.
 */
export function moderatorStatements(
  db: D1Database,
  site: SiteRecord,
  r: {
    ids: number[];
    staffId: number;
    reason: RejectReason | null;
    ground: ReturnType<typeof moderatorGround>;
    explanation: string | null;
    now: number;
  },
): Typed<{ id: number; comment_id: number }>[] {
  if (r.ids.length === 0) return [];
  const base = {
    siteId: site.id,
    comment: r.ids,
    decision: "removed" as const,
    source: "moderator" as const,
    facts: dsaWords[localeOf(site)].moderator(r.reason),
    automatedDecision: false,
    ...r.ground,
    explanation: r.explanation,
    staffId: r.staffId,
    onlyIfStatus: "rejected" as const,
    now: r.now,
  };
  return [
    insertStatement(db, { ...base, automatedDetection: true, when: DETECTED_SQL }),
    insertStatement(db, { ...base, automatedDetection: false, when: { sql: `NOT ${DETECTED_SQL.sql}`, params: DETECTED_SQL.params } }),
  ];
}

/** The facts of an automated hold or rejection, one sentence per reason. */
export function ruleFacts(site: SiteRecord, reasons: readonly ReasonView[]): string {
  const w = dsaWords[localeOf(site)];
  const sentences = reasons.map((r) => {
    if (r.code === "premoderation" && r.detail === "featured_edit") return w.rule.featured_edit;
    if (r.code === "reported") return w.reported;
    if (r.code in w.rule) return w.rule[r.code as keyof typeof w.rule];
    // A reason added by another part (e.g. the scorer) speaks with its own words to the author.
    return reasonMessage(r.code, localeOf(site));
  });
  return [...new Set(sentences)].join(" ");
}

/**
 * What the pipeline's verdict records (source 'rule'): a rejection removes, a hold holds; a
 * published verdict records nothing. `comment` is the comment's id or an SQL expression for it in
 * the batch; `onlyIfStatus` places it after the write so that only a write that went through counts.
 */
export function ruleStatement(
  db: D1Database,
  site: SiteRecord,
  v: { status: "published" | "pending" | "rejected"; reasons: readonly ReasonView[]; comment: number | SqlFragment; now: number },
): D1PreparedStatement | null {
  if (v.status === "published" || v.reasons.length === 0) return null;
  return insertStatement(db, {
    siteId: site.id,
    comment: v.comment,
    decision: v.status === "rejected" ? "removed" : "held",
    // The scorer's holds are their own source (transparency: automated detection by a scorer).
    source: v.reasons.some((r) => r.code === "scoring") ? "scoring" : "rule",
    facts: ruleFacts(site, v.reasons),
    automatedDetection: v.reasons.some((r) => DETECTED.has(r.code)),
    automatedDecision: true,
    ...charterGround(site),
    onlyIfStatus: v.status,
    now: v.now,
  });
}

/**
 * The hold of a featured comment its author edited (source 'rule'), placed BEFORE the edit's
 * write in the batch: `when` is the write's own condition plus "still featured", which the write clears.
 */
export function featuredEditStatement(
  db: D1Database,
  site: SiteRecord,
  e: { id: number; when: SqlFragment; now: number },
): D1PreparedStatement {
  return insertStatement(db, {
    siteId: site.id,
    comment: e.id,
    decision: "held",
    source: "rule",
    facts: dsaWords[localeOf(site)].rule.featured_edit,
    automatedDetection: false,
    automatedDecision: true,
    ...charterGround(site),
    when: { sql: `c.featured_at IS NOT NULL AND (${e.when.sql})`, params: e.when.params },
    now: e.now,
  });
}

/**
 * The report threshold's hide (source 'reports', decision 'restricted'), placed AFTER the hide in
 * the report's batch: the report's guard requires the comment published when the batch starts, so
 * a comment pending at its end was hidden by this very batch.
 */
export function reportsStatement(
  db: D1Database,
  site: SiteRecord,
  r: { commentId: number; now: number },
): Typed<{ id: number; comment_id: number }> {
  return insertStatement(db, {
    siteId: site.id,
    comment: r.commentId,
    decision: "restricted",
    source: "reports",
    facts: dsaWords[localeOf(site)].reported,
    automatedDetection: false,
    automatedDecision: true,
    ...charterGround(site),
    onlyIfStatus: "pending",
    now: r.now,
  });
}

/** The fields of a moderator's removal for the ban-and-reject path (db/staff-comments rejectAllOfAuthor). */
export function banRejectStatement(site: SiteRecord, reason: RejectReason | null) {
  return {
    facts: dsaWords[localeOf(site)].moderator(reason),
    ...charterGround(site),
  };
}
