// The moderation pipeline: the phases in order; the first that decides ends it, else published.
import { authorBanned } from "./author-banned";
import { authorPremoderation } from "./author-premoderation";
import { bannedWords } from "./banned-words";
import { duplicate } from "./duplicate";
import { flood } from "./flood";
import { links } from "./links";
import { newCommenter } from "./new-commenter";
import { premoderation } from "./premoderation";
import { scoring } from "./score";
import { storyClosed } from "./story-closed";
import { suspectWords } from "./suspect-words";
import { ApiError } from "../lib/errors";
import { PUBLISH, type Decision, type ModerationFacts, type Phase, type Refusal } from "./types";

export const PHASES: readonly Phase[] = [
  storyClosed,
  authorBanned,
  flood,
  duplicate,
  bannedWords,
  suspectWords,
  scoring,
  links,
  newCommenter,
  authorPremoderation,
  premoderation,
];

export function moderate(facts: ModerationFacts): Decision {
  for (const phase of PHASES) {
    const decision = phase(facts);
    if (decision) return decision;
  }
  return PUBLISH;
}

/** A refusal as the reader gets it: its status and code, its details, Retry-After for a flood. */
export function refusalError(decision: Refusal): ApiError {
  const retryAfter = decision.details?.retryAfter;
  return new ApiError(decision.status, decision.code, decision.message, undefined, {
    details: decision.details,
    headers: retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : undefined,
  });
}
