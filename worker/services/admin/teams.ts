// A site's team as its admins manage it: the members and pending invitations, inviting by mail,
// withdrawing an invitation, changing a role, removing a member (never the last admin); and a
// member changing their own password. Every change is audited in the batch that makes it.
import { batchOf, last, resultOf } from "../../db/typed";
import {
  insertInvitation,
  revokeInvitation,
  selectPendingInvitations,
  type InvitationRow,
  type PendingInvitationRow,
} from "../../db/invitations";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { changePassword, changeRole, removeMember, selectMember, selectMembers, selectPasswordHash, type MemberRow } from "../../db/teams";
import { hashPassword, verifyPassword } from "../../auth/password";
import type { Env } from "../../env";
import { ApiError } from "../../lib/errors";
import { registryOf } from "../../lib/databases";
import { teamAudit, type TeamAudit } from "../../lib/team-audit";
import { ipHash, randomToken, sha256Hex } from "../../lib/hash";
import { tooManyAttempts } from "../../auth/sign-in";
import { ANY_NETWORK, emailLockWait, STAFF_NETWORK_SCOPE, THROTTLE, waitBeforeAttempt } from "../../auth/throttle";
import { claimSignInAttempt, clearSignInAttempts, forgetStaleAttempts, selectSignInAttempts } from "../../db/sessions";
import type { StaffRole } from "../../schemas/admin-views";
import {
  INVITATION_TTL_MS,
  PENDING_INVITATIONS_MAX,
  type InvitationView,
  type PasswordChangeInput,
  type TeamResponse,
} from "../../schemas/teams";
import { queueMail } from "../delivery/send";
import { invitationLink, invitationMail } from "./teams-mail";

const iso = (ms: number) => new Date(ms).toISOString();

function invitationView(row: InvitationRow & Partial<Pick<PendingInvitationRow, "invited_by" | "invited_by_name">>): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    invitedBy: row.invited_by != null ? { id: row.invited_by, name: row.invited_by_name ?? "" } : null,
  };
}

export async function teamView(db: D1Database, site: SiteRecord, staff: StaffRow, now: number): Promise<TeamResponse> {
  const [members, invitations] = await batchOf(db, [selectMembers(db, site.id), selectPendingInvitations(db, site.id, now)]);
  return {
    members: members.results.map((m) => ({ ...m, you: m.id === staff.id })),
    invitations: invitations.results.map(invitationView),
  };
}

/**
 * Stores the invitation (only its token's hash) and mails the link through the outbox. The answer
 * never holds the link: it reaches only the invited address, since accepting it sets the
 * account's password (that is how a lost password is handled, and why nobody else may see it).
 */
export async function invite(
  env: Env,
  site: SiteRecord,
  staff: StaffRow,
  input: { email: string; role: StaffRole },
  now: number,
): Promise<{ invitation: InvitationView }> {
  const token = randomToken();
  const expiresAt = now + INVITATION_TTL_MS;
  // Invitations are the registry's, like the roles they grant.
  const registry = registryOf(env);
  const results = await batchOf(
    registry,
    insertInvitation(registry, {
      siteId: site.id,
      email: input.email,
      role: input.role,
      tokenHash: await sha256Hex(token),
      staffId: staff.id,
      now,
      expiresAt,
      max: PENDING_INVITATIONS_MAX,
    }),
  );
  const row = last(results).results[0];
  if (!row) {
    throw new ApiError(
      429,
      "too_many_invitations",
      `This site already has ${PENDING_INVITATIONS_MAX} pending invitations: withdraw some, or wait for them to be accepted or to expire.`,
    );
  }
  const mail = invitationMail(site.settings.defaultLocale, {
    siteName: site.name,
    inviter: staff.name,
    role: input.role,
    link: invitationLink(env.PALABRE_URL, token),
    expiresAt,
  });
  await teamAudit(env, site.id, staff.id, now)("invite", { invitation: row.id, email: input.email, role: input.role });
  await queueMail(env, { siteId: site.id, to: input.email, subject: mail.subject, text: mail.text, topic: "invitation" }, now);
  return { invitation: invitationView(row) };
}

export async function withdrawInvitation(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  now: number,
  audit: TeamAudit,
): Promise<void> {
  const [updated] = await batchOf(db, revokeInvitation(db, { siteId: site.id, staffId: staff.id, id, now }));
  const row = updated!.results[0];
  if (updated!.meta.changes !== 1 || !row) {
    throw new ApiError(404, "invitation_invalid", `This site has no pending invitation with the id ${id}.`);
  }
  await audit("invitation_revoke", { invitation: id, email: row.email, role: row.role });
}

async function findMember(db: D1Database, siteId: string, memberId: number): Promise<MemberRow> {
  const member = await selectMember(db, siteId, memberId).first();
  if (!member) throw new ApiError(404, "member_not_found", `Staff member ${memberId} is not a member of this site.`);
  return member;
}

const lastAdmin = () =>
  new ApiError(409, "last_admin", "This is the site's last admin: make another member admin first, so the site always has one.");

export async function setRole(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  memberId: number,
  role: StaffRole,
  now: number,
  audit: TeamAudit,
): Promise<{ member: TeamResponse["members"][number] }> {
  const member = await findMember(db, site.id, memberId);
  if (member.role !== role) {
    const [updated] = await db.batch(changeRole(db, { siteId: site.id, staffId: staff.id, memberId, role, from: member.role, now }));
    if (updated!.meta.changes !== 1) {
      // The row changed meanwhile (removed, or its role changed) or the site would lose its last admin.
      const now2 = await selectMember(db, site.id, memberId).first();
      if (!now2) throw new ApiError(404, "member_not_found", `Staff member ${memberId} is not a member of this site.`);
      if (now2.role !== role) throw lastAdmin();
    } else {
      await audit("role_change", { member: memberId, from: member.role, to: role });
    }
  }
  return { member: { ...member, role, you: member.id === staff.id } };
}

export async function removeFromSite(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  memberId: number,
  now: number,
  audit: TeamAudit,
): Promise<void> {
  const member = await findMember(db, site.id, memberId);
  const [deleted] = await db.batch(removeMember(db, { siteId: site.id, staffId: staff.id, member, now }));
  if (deleted!.meta.changes !== 1) {
    const still = await selectMember(db, site.id, memberId).first();
    if (!still) throw new ApiError(404, "member_not_found", `Staff member ${memberId} is not a member of this site.`);
    throw lastAdmin();
  }
  await audit("member_remove", { member: member.id, email: member.email, role: member.role });
}

/**
 * The current password, checked as a sign-in is (auth/sign-in.ts): the attempt is counted for the
 * member's email and network before the hash runs, so a stolen session cannot try passwords
 * faster than the sign-in form allows. Answers the stored hash and the statement that clears the
 * count (run with the change).
 */
async function checkCurrentPassword(
  db: D1Database,
  staff: StaffRow,
  password: string,
  ip: string,
  now: number,
): Promise<{ hash: string; clear: D1PreparedStatement }> {
  const email = staff.email.toLowerCase();
  const network = await ipHash(STAFF_NETWORK_SCOPE, ip);
  const claim = randomToken();
  const attempts = selectSignInAttempts(db, email, network, ANY_NETWORK);
  const hash = selectPasswordHash(db, staff.id);
  const statements = [
    forgetStaleAttempts(db, now, THROTTLE.windowMs),
    ...claimSignInAttempt(db, { email, network, now, claim, anyNetwork: ANY_NETWORK }, THROTTLE),
    attempts,
    hash,
  ];
  const results = await db.batch(statements);
  const rows = resultOf(results, statements, attempts).results;
  const stored = resultOf(results, statements, hash).results[0];
  const mine = rows.find((r) => r.network === network);
  const everywhere = rows.find((r) => r.network === ANY_NETWORK);
  if (mine?.claim !== claim) {
    const locked = emailLockWait(everywhere, now);
    throw tooManyAttempts(Math.max(locked, waitBeforeAttempt(mine, now), 1000), now, locked > 0);
  }
  if (!stored || !(await verifyPassword(password, stored.password_hash))) {
    const locked = emailLockWait(everywhere, now);
    const next = Math.max(locked, waitBeforeAttempt(mine, now));
    if (next > 0) throw tooManyAttempts(next, now, locked > 0);
    throw new ApiError(403, "invalid_credentials", "The current password is not right; nothing was changed.");
  }
  return { hash: stored.password_hash, clear: clearSignInAttempts(db, email, network, ANY_NETWORK) };
}

/** The current password is checked first; the session in use stays open, the others end. */
export async function changeOwnPassword(
  db: D1Database,
  staff: StaffRow,
  sessionHash: string,
  input: PasswordChangeInput,
  ip: string,
  now: number,
): Promise<void> {
  const current = await checkCurrentPassword(db, staff, input.currentPassword, ip, now);
  const newHash = await hashPassword(input.newPassword);
  const changing = changePassword(db, { staffId: staff.id, oldHash: current.hash, newHash, keepSession: sessionHash, now });
  const statements = [...changing, current.clear];
  const results = await db.batch(statements);
  if (resultOf(results, statements, last(changing)).results[0]?.changed !== 1) {
    throw new ApiError(409, "invalid_credentials", "Your password was changed elsewhere meanwhile; nothing was changed here.");
  }
}
