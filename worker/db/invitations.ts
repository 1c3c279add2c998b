// SQL for invitations to a site's team: a random token whose SHA-256 only is stored, single use,
// expiring. Accepting claims the row with the request's own nonce first; every later statement of
// that batch writes only where the claim is its own, so of many acceptances at once exactly one
// creates (or joins) the account.
import { typed, type Typed } from "./typed";
import { LIVES_HERE } from "./sites";
import type { StaffRole } from "../schemas/admin-views";

export interface InvitationRow {
  id: number;
  site_id: string;
  email: string;
  role: StaffRole;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  used_at: number | null;
}

/**
 * The invitation, if fewer than `max` are pending on the site, and its audit row; then the older
 * pending invitations of the same address on the site are withdrawn (the newest link is the one
 * that works: a lost password's new invitation ends the previous ones).
 */
export function insertInvitation(
  db: D1Database,
  i: { siteId: string; email: string; role: StaffRole; tokenHash: string; staffId: number; now: number; expiresAt: number; max: number },
): [...D1PreparedStatement[], Typed<InvitationRow>] {
  return [
    db
      .prepare(
        `INSERT INTO invitations (site_id, email, role, token_hash, invited_by, created_at, expires_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
         WHERE (SELECT COUNT(*) FROM invitations WHERE site_id = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?6) < ?8`,
      )
      .bind(i.siteId, i.email, i.role, i.tokenHash, i.staffId, i.now, i.expiresAt, i.max),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT ?1, ?2, 'invite', 'site', ?1, json_object('invitation', last_insert_rowid(), 'email', ?3, 'role', ?4), ?5
         WHERE changes() = 1 AND ${LIVES_HERE}`,
      )
      .bind(i.siteId, i.staffId, i.email, i.role, i.now),
    db
      .prepare(
        `UPDATE invitations SET revoked_at = ?3
         WHERE site_id = ?1 AND email = ?2 AND used_at IS NULL AND revoked_at IS NULL AND token_hash <> ?4
           AND EXISTS (SELECT 1 FROM invitations WHERE token_hash = ?4)`,
      )
      .bind(i.siteId, i.email, i.now, i.tokenHash),
    typed(
      db
        .prepare("SELECT id, site_id, email, role, created_at, expires_at, revoked_at, used_at FROM invitations WHERE token_hash = ?")
        .bind(i.tokenHash),
    ),
  ];
}

export interface PendingInvitationRow extends InvitationRow {
  invited_by: number | null;
  invited_by_name: string | null;
}

export function selectPendingInvitations(db: D1Database, siteId: string, now: number): Typed<PendingInvitationRow> {
  return typed(
    db
      .prepare(
        `SELECT i.id, i.site_id, i.email, i.role, i.created_at, i.expires_at, i.revoked_at, i.used_at, i.invited_by, s.name AS invited_by_name
       FROM invitations i LEFT JOIN staff s ON s.id = i.invited_by
       WHERE i.site_id = ? AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?
       ORDER BY i.id DESC`,
      )
      .bind(siteId, now),
  );
}

/** An admin withdraws a pending invitation of their site (answered, for the audit); the audit row follows changes(). */
export function revokeInvitation(
  db: D1Database,
  a: { siteId: string; staffId: number; id: number; now: number },
): [Typed<{ email: string; role: StaffRole }>, D1PreparedStatement] {
  return [
    typed(
      db
        .prepare(
          "UPDATE invitations SET revoked_at = ?3 WHERE id = ?1 AND site_id = ?2 AND used_at IS NULL AND revoked_at IS NULL RETURNING email, role",
        )
        .bind(a.id, a.siteId, a.now),
    ),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT site_id, ?2, 'invitation_revoke', 'site', site_id, json_object('invitation', id, 'email', email, 'role', role), ?3
         FROM invitations WHERE changes() = 1 AND id = ?1 AND (SELECT db FROM sites WHERE id = invitations.site_id) = 'DB'`,
      )
      .bind(a.id, a.staffId, a.now),
  ];
}

export interface InvitationLookupRow extends InvitationRow {
  site_name: string;
  site_settings: string;
  /** the account with this email, if any */
  staff_id: number | null;
}

export function selectInvitationByHash(db: D1Database, tokenHash: string): Typed<InvitationLookupRow> {
  return typed(
    db
      .prepare(
        `SELECT i.id, i.site_id, i.email, i.role, i.created_at, i.expires_at, i.revoked_at, i.used_at,
              s.name AS site_name, s.settings AS site_settings, st.id AS staff_id
       FROM invitations i JOIN sites s ON s.id = i.site_id LEFT JOIN staff st ON st.email = i.email
       WHERE i.token_hash = ?`,
      )
      .bind(tokenHash),
  );
}

/**
 * Accepting: claim the invitation (unused, not withdrawn, not expired), then, where the claim is
 * this request's: create the account or set the existing one's password (its name stays), give it
 * the invited role unless it already has one there (a role is changed by an admin, never by a
 * link), end its sessions (a new password signs everyone out), audit, and answer who it is.
 */
export function acceptInvitation(
  db: D1Database,
  a: { tokenHash: string; claim: string; name: string; passwordHash: string; now: number },
): [...D1PreparedStatement[], Typed<{ staff_id: number }>] {
  const mine = "i.token_hash = ?1 AND i.claim = ?2";
  return [
    db
      .prepare(
        `UPDATE invitations SET used_at = ?3, claim = ?2
         WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?3`,
      )
      .bind(a.tokenHash, a.claim, a.now),
    db
      .prepare(
        `INSERT INTO staff (email, name, password_hash, created_at, updated_at)
         SELECT i.email, ?3, ?4, ?5, ?5 FROM invitations i WHERE ${mine}
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      )
      .bind(a.tokenHash, a.claim, a.name, a.passwordHash, a.now),
    db
      .prepare(`UPDATE invitations AS i SET used_by = (SELECT id FROM staff WHERE email = i.email) WHERE ${mine}`)
      .bind(a.tokenHash, a.claim),
    db
      .prepare(
        `INSERT INTO staff_roles (staff_id, site_id, role) SELECT i.used_by, i.site_id, i.role FROM invitations i WHERE ${mine}
         ON CONFLICT (staff_id, site_id) DO NOTHING`,
      )
      .bind(a.tokenHash, a.claim),
    db
      .prepare(
        `UPDATE staff_sessions SET revoked_at = ?3
         WHERE revoked_at IS NULL AND staff_id = (SELECT i.used_by FROM invitations i WHERE ${mine})`,
      )
      .bind(a.tokenHash, a.claim, a.now),
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT i.site_id, i.used_by, 'invitation_accept', 'site', i.site_id,
                json_object('invitation', i.id, 'email', i.email, 'invitedRole', i.role,
                            'role', (SELECT role FROM staff_roles WHERE staff_id = i.used_by AND site_id = i.site_id)), ?3
         FROM invitations i WHERE ${mine} AND (SELECT db FROM sites WHERE id = i.site_id) = 'DB'`,
      )
      .bind(a.tokenHash, a.claim, a.now),
    typed(db.prepare(`SELECT i.used_by AS staff_id FROM invitations i WHERE ${mine}`).bind(a.tokenHash, a.claim)),
  ];
}
