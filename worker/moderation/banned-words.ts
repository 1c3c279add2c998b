// Phase 5: words the charter forbids. The reader is told first (422, nothing stored); if they send
// the comment anyway (confirm: true), it is stored as rejected, for the record and the moderators.
import type { Phase } from "./types";
import { findListedWords } from "./words";

export const bannedWords: Phase = ({ body, rules, confirm }) => {
  const words = findListedWords(body, rules.bannedWords);
  if (words.length === 0) return null;
  if (confirm) {
    return { outcome: "store", status: "rejected", reasons: [{ code: "banned_words", detail: words.join(", ") }] };
  }
  return {
    outcome: "refuse",
    status: 422,
    code: "charter_violation",
    message: "This comment contains words that the site's charter does not allow. Please rewrite it.",
    details: { words, charter: rules.charter },
  };
};
