// Phase 6: words the site watches: the comment is held for a moderator to read.
import { holdFor, type Phase } from "./types";
import { findListedWords } from "./words";

export const suspectWords: Phase = ({ body, rules }) => {
  const words = findListedWords(body, rules.suspectWords);
  return words.length ? holdFor({ code: "suspect_words", detail: words.join(", ") }) : null;
};
