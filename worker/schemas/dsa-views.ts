// Response shapes of the DSA parts (issue 11): the statement of reasons an author is owed for a
// decision on their comment (Art. 17), and the appeal they may lodge against it (Art. 20). Shared
// by the reader API (own comments, appeals) and the staff API (queues, decisions).

export type StatementDecision = "removed" | "held" | "restricted" | "restored";
export type StatementSource = "moderator" | "rule" | "reports" | "scoring" | "notice" | "appeal";
export type AppealStatus = "open" | "upheld" | "reversed";

export interface AppealView {
  id: number;
  status: AppealStatus;
  createdAt: string;
  decidedAt: string | null;
  /** the deciding moderator's words to the author (null while open, or when none were given) */
  explanation: string | null;
}

export interface StatementView {
  id: number;
  decision: StatementDecision;
  /** ISO time of the decision */
  decidedAt: string;
  source: StatementSource;
  /** the facts and circumstances, worded in the site's language when decided */
  facts: string;
  automatedDetection: boolean;
  automatedDecision: boolean;
  groundKind: "illegal" | "terms";
  /** a legal ground code (common/dsa/grounds.ts), "charter" or "clause:N" */
  ground: string;
  /** the ground as worded when decided (a clause's text may change later) */
  groundLabel: string;
  explanation: string | null;
  /** the author may appeal until then; null for a 'restored' statement */
  contestUntil: string | null;
  /** an appeal would be accepted now: within contestUntil, none lodged yet, not 'restored' */
  canAppeal: boolean;
  appeal: AppealView | null;
}

/** POST /api/v1/{site}/comments/{id}/appeals → 201 */
export interface AppealResponse {
  appeal: AppealView;
  statement: StatementView;
}

/** POST /api/admin/sites/{site}/appeals/{id}/decision → 200 */
export interface AppealDecisionResponse {
  appeal: AppealView;
  /** the 'restored' statement a reversal recorded; null when upheld */
  statement: StatementView | null;
}

/** An appeal as staff read it in the Appeals queue: with the author's text. */
export interface StaffAppealView extends AppealView {
  body: string;
}
