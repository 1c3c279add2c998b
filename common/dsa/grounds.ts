// The grounds a decision on a comment may rest on (EU Digital Services Act, Art. 17(3)(d)), shared
// by the worker (validation, statements, mails), the widget (the notice form, the statement shown
// to the author) and the dashboard (the ground picker). Their words live in each locale file.

/** Legal grounds: content illegal under the law, named by the kind of law it breaks. */
export const LEGAL_GROUNDS = [
  "hate_speech",
  "defamation",
  "harassment",
  "privacy",
  "copyright",
  "illegal_advertising",
  "terrorism",
  "child_safety",
  "other_illegal",
] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];

export const isLegalGround = (s: string): s is LegalGround => (LEGAL_GROUNDS as readonly string[]).includes(s);

/**
 * A terms ground: the site's charter as a whole ("charter"), or one of its clauses ("clause:N",
 * N counted from 1 in the site's charterClauses setting when the decision was taken).
 */
export const TERMS_CHARTER = "charter";
export const clauseGround = (n: number) => `clause:${n}`;
export function clauseNumber(ground: string): number | null {
  const m = /^clause:([1-9][0-9]?)$/.exec(ground);
  return m ? Number(m[1]) : null;
}

/** An author may contest a decision for 6 calendar months after it (Art. 20(1)). */
export function contestUntil(decidedAt: number): number {
  const d = new Date(decidedAt);
  d.setUTCMonth(d.getUTCMonth() + 6);
  return d.getTime();
}
