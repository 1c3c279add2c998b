// The audit rows of team changes (invitations, roles, members, passwords) for a site that lives in
// its own database (issue 14). The change itself is the registry's, in one batch; the registry's
// audit log only takes rows of the sites that live in it (db/sites.ts LIVES_HERE), so for the
// others the row is written in the site's own database right after, where its admins read their
// audit log. Two databases cannot share a transaction: if this second write fails, the change
// stands unaudited, and the failure is logged with everything the row would have said.
import { insertAudit } from "../db/audit";
import { selectSiteHome } from "../db/sites";
import type { Env } from "../env";
import { databaseOf, REGISTRY, registryOf } from "./databases";

/** Writes one team change's audit row: nothing to do for a site that lives in the registry. */
export type TeamAudit = (action: string, detail: Record<string, unknown>) => Promise<void>;

export function teamAudit(env: Env, siteId: string, staffId: number, now: number): TeamAudit {
  return async (action, detail) => {
    const home = (await selectSiteHome(registryOf(env), siteId).first())?.db ?? REGISTRY;
    if (home === REGISTRY) return;
    const db = databaseOf(env, home);
    try {
      if (!db) throw new Error(`no D1 binding ${home}`);
      await insertAudit(db, { siteId, staffId, action, targetType: "site", targetId: siteId, detail, now }).run();
    } catch (err) {
      console.error("team change not audited in the site's database", JSON.stringify({ siteId, staffId, action, detail, now }), err);
    }
  };
}
