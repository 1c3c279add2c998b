// Phase 8: an author's first newCommenterHold comments are held, until one of them is approved.
import { holdFor, type Phase } from "./types";

export const newCommenter: Phase = ({ author, rules }) => {
  if (rules.newCommenterHold <= 0) return null;
  const posted = author?.commentCount ?? 0;
  const approved = author?.approvedCount ?? 0;
  return approved === 0 && posted < rules.newCommenterHold ? holdFor({ code: "new_commenter" }) : null;
};
