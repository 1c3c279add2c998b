// A person's data (GDPR): their export (Art. 15 and 20) and their erasure (Art. 17), for a site's
// admins and for the reader themselves (worker/services/gdpr-reader.ts).
import { typed } from "../db/typed";
import type { SiteRecord } from "../db/sites";
import { ApiError } from "../lib/errors";
import type { PersonExport } from "../schemas/export";
import { runErasure, type ErasureResult } from "./gdpr-erase";
import { readPersonExport } from "./gdpr-export";
import type { StoryNotifier } from "../live/notify";

export const commenterNotFound = () => new ApiError(404, "commenter_not_found", "There is no such commenter on this site.");

/** The staff side: the export, or 404 for a commenter that is not the site's. */
export async function exportPerson(db: D1Database, site: SiteRecord, id: number, now: number): Promise<PersonExport> {
  const data = await readPersonExport(db, site, id, now);
  if (!data) throw commenterNotFound();
  return data;
}

/**
 * Erases the site's commenter `id` in one batch (worker/db/gdpr.ts says what goes and what stays).
 * A staff member's own commenter (their replies as staff) is refused: staff accounts are managed
 * elsewhere. Running it again on an erased commenter is harmless (it wipes anything new).
 */
export async function erasePerson(
  db: D1Database,
  site: SiteRecord,
  id: number,
  who: { staffId: number | null; by: "staff" | "reader" },
  now: number,
  live: StoryNotifier,
): Promise<ErasureResult> {
  const row = await typed<{ staff_id: number | null }>(
    db.prepare("SELECT staff_id FROM commenters WHERE id = ?1 AND site_id = ?2").bind(id, site.id),
  ).first();
  if (!row) throw commenterNotFound();
  if (row.staff_id !== null) {
    throw new ApiError(409, "commenter_is_staff", "This commenter stands for a staff member's replies: it cannot be erased here.");
  }
  return runErasure(db, site.id, id, who, now, live);
}
