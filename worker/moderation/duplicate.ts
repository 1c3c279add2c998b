// Phase 4: the same text (lowercased, spaces collapsed) from the same author within the window is refused.
import type { Phase } from "./types";

export const duplicate: Phase = ({ lastDuplicateAt, rules, now }) =>
  lastDuplicateAt !== null && now - lastDuplicateAt < rules.duplicateWindowSeconds * 1000
    ? { outcome: "refuse", status: 409, code: "duplicate", message: "You have already posted this comment." }
    : null;
