// The pipeline's vocabulary: the facts a phase reads, and what a phase may decide.
import type { ErrorDetails } from "../lib/errors";
import type { SiteSettings } from "../schemas/site-settings";
import type { ReasonView } from "../schemas/views";
import type { ScoringOutcome } from "./scoring/types";

/** Comments posted within a flood window, and when the n-th newest of them was posted. */
export interface WindowCount {
  count: number;
  /** created_at of the n-th newest comment in the window (n = the rule's maximum), else null */
  nthAt: number | null;
}

/** Everything the phases know, read in one batch before any of them runs. */
export interface ModerationFacts {
  now: number;
  rules: SiteSettings;
  /** the comment's text as it will be stored (normalised, NFC) */
  body: string;
  /** the author was told about the charter and sends the comment anyway */
  confirm: boolean;
  /** null: the story does not exist yet (this comment creates it) */
  story: { status: "open" | "closed"; premoderation: number | null; firstCommentAt: number | null } | null;
  /** null: a new guest, introduced by this comment. premoderate: staff hold everything this person writes */
  author: {
    bannedUntil: number | null;
    banReason: string | null;
    commentCount: number;
    approvedCount: number;
    premoderate: boolean;
  } | null;
  /**
   * A ban covering this post besides the author's own: a guest's network banned with another
   * guest (banCoversNetwork), or the email a banned reader signed in with. Absent or null: none.
   */
  coveringBan?: { until: number; reason: string } | null;
  /** null when there is no author yet (a new guest has posted nothing) */
  byAuthor: WindowCount | null;
  /** null when the IP is unknown: all such posts would otherwise count as one reader's */
  byIp: WindowCount | null;
  /** when the author last posted the same normalised text (within the duplicate window), or null */
  lastDuplicateAt: number | null;
  /** the providers' scores, taken before the pipeline runs (scoring/index.ts); absent: not scored */
  scoring?: ScoringOutcome;
}

/** A refusal: nothing is stored, the reader is told why. */
export interface Refusal {
  outcome: "refuse";
  status: 403 | 409 | 422 | 429;
  code: "story_closed" | "author_banned" | "flood" | "duplicate" | "charter_violation";
  message: string;
  details?: ErrorDetails;
}

/** The comment is stored with this status, and these reasons recorded on it. */
export interface Verdict {
  outcome: "store";
  status: "published" | "pending" | "rejected";
  reasons: ReasonView[];
}

export type Decision = Refusal | Verdict;

/** One rule: decides, or passes (null) to the next. */
export type Phase = (facts: ModerationFacts) => Decision | null;

export function holdFor(reason: ReasonView): Verdict {
  return { outcome: "store", status: "pending", reasons: [reason] };
}

export const PUBLISH: Verdict = { outcome: "store", status: "published", reasons: [] };
