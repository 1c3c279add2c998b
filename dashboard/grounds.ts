// The grounds a decision on a comment rests on (DSA Art. 17), as staff pick them: the site's charter
// clauses and the charter as a whole first (what most rejections are), then the legal grounds. The
// ground a moderator last used on a site is remembered, so that "r" then Enter rejects with it.
import { clauseGround, clauseNumber, LEGAL_GROUNDS, TERMS_CHARTER, type LegalGround } from "../common/dsa/grounds";
import type { RejectReason } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
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

/** The ground last used on the site, when it is still offered; else the charter. */
export function lastGround(site: string | null, options: GroundOption[]): string {
  let stored: string | null = null;
  try {
    stored = site ? localStorage.getItem(LAST(site)) : null;
  } catch {
    // Storage refused (private browsing): the charter is the usual ground anyway.
  }
  return stored && options.some((o) => o.code === stored) ? stored : TERMS_CHARTER;
}

export function rememberGround(site: string | null, ground: string): void {
  if (!site) return;
  try {
    localStorage.setItem(LAST(site), ground);
  } catch {
    // Not remembered: the next rejection starts on the charter.
  }
}

/** The clauses of each site, as the last queue answer (or the settings, for admins) gave them. */
const known = new Map<string, string[]>();

/** A queue answer or the settings said the site's clauses. */
export function noteClauses(site: string, clauses: unknown): void {
  if (Array.isArray(clauses) && clauses.every((c) => typeof c === "string")) known.set(site, clauses);
}

/**
 * The site's clauses: known from its queues, else read from its settings (admins only); a
 * moderator whose queues do not carry them gets none (the charter and the law are still offered).
 */
export async function clausesOf(site: string): Promise<string[]> {
  const found = known.get(site);
  if (found) return found;
  try {
    const res = await api.settings(site);
    const clauses = (res.settings as { charterClauses?: unknown }).charterClauses;
    noteClauses(site, clauses ?? []);
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 403) throw err;
    known.set(site, []);
  }
  return known.get(site) ?? [];
}

/** The site's clauses when already known (no request): the dialog can then open ready at once. */
export const cachedClauses = (site: string): string[] | undefined => known.get(site);
