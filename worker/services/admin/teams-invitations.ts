// The invitee's side of an invitation: what the link is for, and accepting it by setting a
// password, which creates the staff account or (an account with that email exists) replaces its
// password: a lost password is handled by a new invitation. Forged, withdrawn, expired and used
// links are refused, and of many acceptances of one link at once only one writes anything.
import { batchOf, last, resultOf } from "../../db/typed";
import { acceptInvitation, selectInvitationByHash, type InvitationLookupRow } from "../../db/invitations";
import { newSession } from "../../auth/sessions";
import { hashPassword } from "../../auth/password";
import { ApiError } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/hash";
import { readSiteSettings } from "../../schemas/site-settings";
import { INVITATION_TOKEN, type AcceptInvitationInput, type InvitationInspectResponse } from "../../schemas/teams";
import type { SessionResponse, StaffRole } from "../../schemas/admin-views";
import { toSessionResponse } from "./session";
import { selectStaffById, selectStaffSites, type StaffRow } from "../../db/staff";

const invalid = () =>
  new ApiError(
    404,
    "invitation_invalid",
    "This invitation link is not valid (mistyped, or withdrawn): ask the site's admin for a new one.",
  );

/** The invitation behind a token, refused unless it can still be accepted. */
async function usableInvitation(db: D1Database, token: string, now: number): Promise<InvitationLookupRow & { tokenHash: string }> {
  // A token of another shape is forged or cut: refused without a lookup.
  if (!INVITATION_TOKEN.test(token)) throw invalid();
  const tokenHash = await sha256Hex(token);
  const row = await selectInvitationByHash(db, tokenHash).first();
  return { ...checkUsable(row, now), tokenHash };
}

function checkUsable(row: InvitationLookupRow | null, now: number): InvitationLookupRow {
  if (!row || row.revoked_at !== null) throw invalid();
  if (row.used_at !== null) {
    throw new ApiError(
      410,
      "invitation_used",
      "This invitation has already been accepted: sign in, or ask the site's admin for a new one.",
    );
  }
  if (row.expires_at <= now) {
    throw new ApiError(410, "invitation_expired", "This invitation has expired (links last 7 days): ask the site's admin for a new one.");
  }
  return row;
}

export async function inspectInvitation(db: D1Database, token: string, now: number): Promise<InvitationInspectResponse> {
  const row = await usableInvitation(db, token, now);
  return {
    site: { id: row.site_id, name: row.site_name, language: readSiteSettings(row.site_settings).defaultLocale },
    email: row.email,
    role: row.role,
    account: row.staff_id !== null,
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

export interface Accepted {
  token: string;
  expiresAt: number;
  session: SessionResponse;
  /** the role the invitation gave, for the copy in the site's own database (lib/staff-copies.ts) */
  granted: { siteId: string; staff: StaffRow; role: StaffRole; invitation: number };
}

/** Accepts the invitation and signs the invitee in (a fresh session, their others ended). */
export async function acceptInvite(db: D1Database, input: AcceptInvitationInput, now: number): Promise<Accepted> {
  const row = await usableInvitation(db, input.token, now);
  const name = input.name ?? "";
  if (row.staff_id === null && name === "") {
    throw new ApiError(400, "validation_failed", "Invalid request. name: a new account needs a name (shown on staff replies).", [
      { path: ["name"], message: "a new account needs a name", code: "empty" },
    ]);
  }
  const claim = randomToken();
  const results = await batchOf(
    db,
    acceptInvitation(db, { tokenHash: row.tokenHash, claim, name, passwordHash: await hashPassword(input.password), now }),
  );
  const staffId = last(results).results[0]?.staff_id;
  if (staffId === undefined) {
    // Another acceptance (or a withdrawal) won meanwhile: say which, from the row as it is now.
    checkUsable(await selectInvitationByHash(db, row.tokenHash).first(), now);
    throw invalid();
  }
  const session = await newSession(db, staffId, now);
  const account = selectStaffById(db, staffId);
  const staffSites = selectStaffSites(db, staffId);
  const statements = [...session.statements, account, staffSites];
  const done = await db.batch(statements);
  const me = resultOf(done, statements, account).results[0]!;
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    session: toSessionResponse(me, resultOf(done, statements, staffSites).results),
    granted: { siteId: row.site_id, staff: me, role: row.role, invitation: row.id },
  };
}
