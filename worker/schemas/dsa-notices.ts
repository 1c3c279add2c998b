// Notices of illegal content (DSA Art. 16) and the transparency export (Art. 15, 24): the request
// schemas (the single source of truth for their rules) and the response shapes.
import { z } from "zod";
import { LEGAL_GROUNDS, TERMS_CHARTER, clauseNumber, isLegalGround, type LegalGround } from "../../common/dsa/grounds";
import { NAME_MAX, codePointLength } from "../../common/text/rules";
import { isMailAddress } from "../services/delivery/address";
import type { QueueItem, QueueResponse } from "./admin-views";
import type { StatementView } from "./dsa-views";
import { rowId } from "./reader";
import { boundedText, storableText } from "./text";

export const NOTICE_EXPLANATION_MIN = 10;
export const NOTICE_EXPLANATION_MAX = 5000;
export const DECISION_EXPLANATION_MAX = 1000;
/** The longest period one export covers (a leap year). */
export const TRANSPARENCY_DAYS_MAX = 366;

const groundList = LEGAL_GROUNDS.join(", ");

/** POST /api/v1/{site}/comments/{id}/notices, no account needed. */
export const noticeBody = z.object({
  ground: z.enum(LEGAL_GROUNDS, { error: `ground must be a legal ground: one of ${groundList}` }),
  explanation: storableText("explanation", "multiline", "explanation is required: say why the content is illegal")
    .refine((s) => codePointLength(s) >= NOTICE_EXPLANATION_MIN, {
      message: `explanation is shorter than ${NOTICE_EXPLANATION_MIN} characters: say why the content is illegal`,
      params: { reason: "too_short" },
    })
    .refine((s) => codePointLength(s) <= NOTICE_EXPLANATION_MAX, {
      message: `explanation is longer than ${NOTICE_EXPLANATION_MAX} characters`,
      params: { reason: "too_long" },
    }),
  // The readers' name rules; blank (spaces included) is no name.
  name: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    boundedText("name", NAME_MAX, "name", "name must be text").nullish(),
  ),
  email: z
    .string({ error: "email must be text" })
    .trim()
    .refine((s) => s === "" || isMailAddress(s), { message: "email is not an email address", params: { reason: "invalid_email" } })
    .transform((s) => s || null)
    .nullish(),
  // Art. 16(2)(d): the notifier confirms the notice is accurate and complete, in good faith.
  goodFaith: z.literal(true, {
    error: "goodFaith must be true: confirm that you believe in good faith that the notice is accurate and complete",
  }),
});
export type NoticeInput = z.output<typeof noticeBody>;

export const noticeIdParam = z.object({ id: rowId("notice") });

/** A decision's ground: a legal ground, the charter, or one of its clauses (checked against the site's list by the service). */
const decisionGround = z
  .string({ error: 'ground must be a legal ground, "charter" or "clause:N"' })
  .refine((s) => isLegalGround(s) || s === TERMS_CHARTER || clauseNumber(s) !== null, {
    message: `ground must be a legal ground (${groundList}), "charter" or "clause:N"`,
  });

/** POST /api/admin/sites/{site}/notices/{id}/decision */
export const noticeDecisionBody = z.object({
  outcome: z.enum(["remove", "keep"], { error: "outcome must be remove or keep" }),
  ground: decisionGround.optional(),
  explanation: boundedText("explanation", DECISION_EXPLANATION_MAX, "multiline")
    .transform((s) => s || null)
    .nullish(),
});
export type NoticeDecisionInput = z.output<typeof noticeDecisionBody>;

const DAY_MS = 86_400_000;
const calendarDay = (label: string) =>
  z
    .string({ error: `${label} is required: a date as YYYY-MM-DD` })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: `${label} must be a calendar date as YYYY-MM-DD (e.g. 2027-01-31)`,
    })
    .transform((s) => Date.parse(`${s}T00:00:00Z`));

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv: whole UTC days, `to` included. */
export const transparencyQuery = z
  .object({
    from: calendarDay("from"),
    to: calendarDay("to"),
    format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be on or after from" });
    else if ((q.to - q.from) / DAY_MS + 1 > TRANSPARENCY_DAYS_MAX) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `the period is longer than ${TRANSPARENCY_DAYS_MAX} days` });
    }
  })
  .transform((q) => ({ start: q.from, end: q.to + DAY_MS, format: q.format }));
export type TransparencyQuery = z.output<typeof transparencyQuery>;

// ---- responses ----

/** POST …/comments/{id}/notices → 201: what the notifier keeps to ask about it. */
export interface NoticeResponse {
  reference: string;
  createdAt: string;
}

/** A notice as staff see it (the email only to them). */
export interface NoticeView {
  id: number;
  reference: string;
  ground: LegalGround;
  explanation: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  /** seconds since it was received, when read */
  ageSeconds: number;
}

/** An item of the Legal notices queue: the comment as in the other queues, and the notice. */
export type NoticeQueueItem = QueueItem & { notice: NoticeView };

/** GET /api/admin/sites/{site}/queues/notices: open notices, oldest first. */
export type NoticeQueueResponse = Omit<QueueResponse, "items"> & { items: NoticeQueueItem[] };

/** POST /api/admin/sites/{site}/notices/{id}/decision → 200 */
export interface NoticeDecisionResponse {
  notice: NoticeView & {
    status: "decided";
    outcome: "removed" | "kept";
    decidedAt: string;
    /** every notice decided by this decision (the open notices on the same comment), this one included */
    decidedWith: string[];
  };
  /** the statement of reasons recorded when the comment was removed; null when kept (or already gone) */
  statement: StatementView | null;
}

/** A count per ground with the median time of the decided ones. */
export interface NoticeGroundFigures {
  ground: LegalGround;
  received: number;
  removed: number;
  /** Art. 15(1)(b): removals on a legal ground, or on the site's terms (charter); a removal of a comment already gone has neither */
  removedIllegal: number;
  removedTerms: number;
  kept: number;
  open: number;
  /** decided with no person deciding (none so far: Palabre's notices are decided by staff) */
  decidedAutomatically: number;
  /** decided notices' median time from receipt to decision, in seconds; null when none decided */
  medianHandlingSeconds: number | null;
}

export type StatementDecisionCounts = Record<"removed" | "held" | "restricted" | "restored", number>;

/** GET /api/admin/sites/{site}/transparency (format=json) */
export interface TransparencyReport {
  site: { id: string; name: string };
  /** whole UTC days, both included; start and end (exclusive) as instants */
  period: { from: string; to: string; start: string; end: string };
  generatedAt: string;
  /** Art. 15(1)(b): notices received in the period, by alleged illegal content, with what was done */
  notices: Omit<NoticeGroundFigures, "ground"> & { byGround: NoticeGroundFigures[] };
  /** Art. 15(1)(c), 17: decisions (statements of reasons) taken in the period */
  decisions: {
    total: number;
    byDecision: StatementDecisionCounts;
    bySource: Record<"moderator" | "rule" | "reports" | "scoring" | "notice" | "appeal", number>;
    byGround: ({ groundKind: "illegal" | "terms"; ground: string; total: number } & StatementDecisionCounts)[];
    /** Art. 15(1)(c), (e): detected by automated means or by people; decided by automated means or by people */
    automatedDetection: { automated: number; human: number };
    automatedDecision: { automated: number; human: number };
  };
  /** Art. 15(1)(d): complaints (appeals) received in the period, their outcome and median time to decide */
  appeals: {
    received: number;
    open: number;
    upheld: number;
    reversed: number;
    medianDecisionSeconds: number | null;
    byGround: { ground: string; received: number; open: number; upheld: number; reversed: number }[];
  };
  /** Art. 24(1)(b): suspensions and bans imposed in the period (and lifted) */
  restrictions: { suspensions: number; bans: number; lifted: number };
}
