// Helpers for the sites-and-teams tests: owners, invitations whose link is read from the outbox
// (the only place it exists), and snapshots of the team tables so refused requests can be shown
// to write nothing.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin, createStaff, signIn, type TestStaff } from "../admin/support";
import type { StaffRole } from "../../../worker/schemas/admin-views";

export async function makeOwner(staff: TestStaff): Promise<void> {
  await env.DB.prepare("UPDATE staff SET owner = 1 WHERE id = ?").bind(staff.id).run();
}

/** An owner (no site yet), signed in. */
export async function signedInOwner(): Promise<{ staff: TestStaff; cookie: string }> {
  const staff = await createStaff({});
  await makeOwner(staff);
  return { staff, cookie: await signIn(staff) };
}

/** The token of the newest invitation mail to this address, read from the outbox. */
export async function tokenFromOutbox(email: string): Promise<string> {
  const row = await env.DB.prepare("SELECT body FROM outbox WHERE recipient = ? AND topic = 'invitation' ORDER BY id DESC LIMIT 1")
    .bind(email)
    .first<{ body: string }>();
  const token = /\/admin\/#\/invitation\/([A-Za-z0-9_-]{43})/.exec(row?.body ?? "")?.[1];
  if (!token) throw new Error(`no invitation mail to ${email}: ${row?.body}`);
  return token;
}

/** Invites through the API (expects 201) and returns the link's token from the outbox. */
export async function inviteOk(cookie: string, siteId: string, email: string, role: StaffRole): Promise<string> {
  const res = await admin(`/sites/${siteId}/invitations`, { cookie, body: { email, role } });
  expect(res.status, await res.clone().text()).toBe(201);
  return tokenFromOutbox(email);
}

export function accept(token: string, password: string, name?: string): Promise<Response> {
  return admin("/invitations/accept", { body: { token, password, ...(name === undefined ? {} : { name }) } });
}

let emailCounter = 0;
export const freshEmail = (tag = "invitee") => `${tag}-${++emailCounter}-${crypto.randomUUID().slice(0, 8)}@palabre.test`;

/** Every row of the tables a team request may write, to compare before and after. */
export async function teamTables(): Promise<string> {
  const rows = await env.DB.batch([
    env.DB.prepare("SELECT id, email, name, password_hash, owner FROM staff ORDER BY id"),
    env.DB.prepare("SELECT staff_id, site_id, role FROM staff_roles ORDER BY staff_id, site_id"),
    env.DB.prepare("SELECT * FROM invitations ORDER BY id"),
    env.DB.prepare("SELECT id, name, allowed_origins, settings FROM sites ORDER BY id"),
    env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log"),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox"),
    env.DB.prepare("SELECT token_hash, revoked_at FROM staff_sessions ORDER BY token_hash"),
  ]);
  return JSON.stringify(rows.map((r) => r.results));
}

/** Runs a request that must be refused and checks that the team tables did not change. */
export async function refusedTeamWrite(send: () => Promise<Response>): Promise<Response> {
  const before = await teamTables();
  const res = await send();
  expect(await teamTables()).toBe(before);
  return res;
}

export async function roleOf(staffId: number, siteId: string): Promise<StaffRole | null> {
  const row = await env.DB.prepare("SELECT role FROM staff_roles WHERE staff_id = ? AND site_id = ?")
    .bind(staffId, siteId)
    .first<{ role: StaffRole }>();
  return row?.role ?? null;
}

export async function auditActions(
  siteId: string,
): Promise<{ action: string; staff_id: number | null; detail: Record<string, unknown> }[]> {
  const { results } = await env.DB.prepare("SELECT action, staff_id, detail FROM audit_log WHERE site_id = ? ORDER BY id")
    .bind(siteId)
    .all<{ action: string; staff_id: number | null; detail: string }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
