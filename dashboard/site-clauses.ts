// The charter's clauses of each site, as the reject dialog offers them: noted from the queue answers
// (moderators cannot read the settings), else read from the settings (admins).
import { api, ApiFailure } from "./api";

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
