// The session's view: who is signed in and their sites. Signing in (the throttled password check)
// is worker/auth/sign-in.ts.
import { selectStaffSites, type StaffRow, type StaffSiteRow } from "../../db/staff";
import { readSiteSettings } from "../../schemas/site-settings";
import type { SessionResponse } from "../../schemas/admin-views";

export function toSessionResponse(staff: Pick<StaffRow, "id" | "email" | "name">, sites: StaffSiteRow[]): SessionResponse {
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name },
    sites: sites.map((s) => ({ id: s.id, name: s.name, color: readSiteSettings(s.settings).color, role: s.role })),
  };
}

export async function sessionView(db: D1Database, staff: StaffRow): Promise<SessionResponse> {
  return toSessionResponse(staff, (await selectStaffSites(db, staff.id).all()).results);
}
