// The grounds a decision on a comment rests on (DSA Art. 17), as staff pick them: the site's charter
// clauses and the charter as a whole first (what most rejections are), then the legal grounds. The
// ground a moderator last used on a site is remembered, so that "r" then Enter rejects with it.
import { clauseGround, clauseNumber, LEGAL_GROUNDS, TERMS_CHARTER, type LegalGround } from "../common/dsa/grounds";
import type { RejectReason } from "../worker/schemas/admin-views";
import type { DashboardStrings } from "./locales/en";

export interface GroundOption {
  /** what the API takes: a legal ground code, "charter" or "clause:N" */
  code: string;
  kind: "terms" | "illegal";
  label: string;
}

/** The options in the order the picker shows them; `clauses` null when the list mixes sites. */
export function groundOptions(t: DashboardStrings, clauses: readonly string[] | null): GroundOption[] {
  return [
    ...(clauses ?? []).map((text, i) => ({ code: clauseGround(i + 1), kind: "terms" as const, label: t.groundClause(i + 1, text) })),
    { code: TERMS_CHARTER, kind: "terms", label: t.groundCharter },
    ...LEGAL_GROUNDS.map((g) => ({ code: g, kind: "illegal" as const, label: t.legalGrounds[g] })),
  ];
}

/** A ground's words, for a code the API sent (a statement, a notice, the audit log). */
export function groundLabel(t: DashboardStrings, code: string, clauses?: readonly string[] | null): string {
  if (code === TERMS_CHARTER) return t.groundCharter;
  const n = clauseNumber(code);
  if (n !== null) return clauses?.[n - 1] !== undefined ? t.groundClause(n, clauses[n - 1]!) : t.groundClauseNumber(n);
  return (t.legalGrounds as Record<string, string>)[code] ?? code;
}

/**
 * The older reason the moderation API also records (the comment's "why it is here", the audit
 * log's "reason"), said from the ground so that nobody picks twice.
 */
export function reasonOf(ground: string): RejectReason {
  if (ground === TERMS_CHARTER || clauseNumber(ground) !== null) return "charter";
  const abuse: readonly string[] = ["hate_speech", "harassment", "terrorism", "child_safety"] satisfies LegalGround[];
  return abuse.includes(ground) ? "abuse" : "other";
}

const LAST = (site: string) => `palabre.admin.ground.${site}`;
// Typed here rather than through the DOM's types: test/dashboard type-checks this module with the
// Workers' types, where there is no localStorage (the calls then throw and are caught).
const storage = () =>
  (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;

/** The ground last used on the site, when it is still offered; else the charter. */
export function lastGround(site: string | null, options: GroundOption[]): string {
  let stored: string | null = null;
  try {
    stored = site ? storage().getItem(LAST(site)) : null;
  } catch {
    // Storage refused (private browsing): the charter is the usual ground anyway.
  }
  return stored && options.some((o) => o.code === stored) ? stored : TERMS_CHARTER;
}

export function rememberGround(site: string | null, ground: string): void {
  if (!site) return;
  try {
    storage().setItem(LAST(site), ground);
  } catch {
    // Not remembered: the next rejection starts on the charter.
  }
}
