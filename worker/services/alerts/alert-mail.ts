// A staff member's alert mails for one site: on or off, sent to their sign-in email.
import { selectAlertMail, setAlertMail } from "../../db/alert-mail";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import type { AlertMailResponse } from "../../schemas/alert-views";

export async function readAlertMail(db: D1Database, site: SiteRecord, staff: StaffRow): Promise<AlertMailResponse> {
  const row = await selectAlertMail(db, staff.id, site.id).first();
  return { enabled: row !== null, email: staff.email };
}

/** Audited when it changes something; saving the same choice again writes nothing. */
export async function writeAlertMail(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  enabled: boolean,
  now: number,
): Promise<AlertMailResponse> {
  await db.batch(setAlertMail(db, { staffId: staff.id, siteId: site.id, enabled, now }));
  return { enabled, email: staff.email };
}
