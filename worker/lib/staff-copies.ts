// A site that lives in its own database keeps copies of its staff's rows and roles there (db/staff.ts
// says why). They are written when a role is granted, changed or taken away (services/admin/teams*),
// by a move, and checked again the first time an isolate sees a member working on the site: a copy
// missed by a failed write is mended by the member's next visit, at the cost of one batch per
// isolate and member, not one per request.
import { deleteRoleCopy, upsertRoleCopy, upsertStaffCopy, type StaffRow } from "../db/staff";
import type { Env } from "../env";
import type { StaffRole } from "../schemas/admin-views";
import { selectSiteHome } from "../db/sites";
import { databaseOf, homeName, REGISTRY, registryOf } from "./databases";

const MAX_KEPT = 10_000;
const copied = new Set<string>();

/** The member's row and role as the site's own database should hold them (nothing to do in the registry). */
export async function ensureStaffCopy(env: Env, staff: StaffRow, siteId: string, role: StaffRole, now: number): Promise<void> {
  const home = homeName(env);
  if (home === REGISTRY) return;
  const key = JSON.stringify([home, siteId, staff.id, staff.email, staff.name, role]);
  if (copied.has(key)) return;
  await env.DB.batch([upsertStaffCopy(env.DB, staff, now), upsertRoleCopy(env.DB, { staffId: staff.id, siteId, role })]);
  copied.add(key);
  if (copied.size > MAX_KEPT) copied.delete(copied.values().next().value!);
}

/**
 * After the registry granted, changed or took away a role on a site: the same in the site's own
 * database, when it has one. A member losing a role loses it in the registry first, which decides
 * every access; the copy only stops alert mails and the team counts there.
 */
export async function copyRole(
  env: Env,
  change: { siteId: string; staff: StaffRow; role: StaffRole } | { siteId: string; staffId: number; role: null },
  now: number,
): Promise<void> {
  const home = (await selectSiteHome(registryOf(env), change.siteId).first())?.db ?? REGISTRY;
  if (home === REGISTRY) return;
  const db = databaseOf(env, home);
  if (!db) return;
  const staffId = change.role === null ? change.staffId : change.staff.id;
  const prefix = JSON.stringify([home, change.siteId, staffId]).slice(0, -1);
  for (const key of copied) if (key.startsWith(prefix)) copied.delete(key);
  await db.batch(
    change.role === null
      ? [deleteRoleCopy(db, staffId, change.siteId)]
      : [upsertStaffCopy(db, change.staff, now), upsertRoleCopy(db, { staffId, siteId: change.siteId, role: change.role })],
  );
}
