// What the staff CLI checks and the SQL it runs through wrangler (pure: no Node APIs, so the
// worker tests run this very SQL against D1).
import { normalizeText } from "../../common/text/rules";
import { SITE_ID } from "../schemas/reader";
import type { StaffRole } from "../schemas/admin-views";

// The API's own limits (worker/schemas/teams.ts), so an account made here is one the dashboard accepts.
export { PASSWORD_MAX, PASSWORD_MIN, ROLES, STAFF_NAME_MAX } from "../schemas/teams";
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, STAFF_NAME_MAX } from "../schemas/teams";

/** The demo admin `npm start` seeds (see README): both demo sites, a password printed on purpose. */
export const DEMO_ADMIN = {
  email: "admin@palabre.example",
  name: "Demo admin",
  password: "palabre-demo-2026",
  sites: ["demo-journal", "demo-band"],
  role: "admin",
} as const;

export interface StaffAccount {
  email: string;
  name: string;
  passwordHash: string;
  /** may be empty for an owner (a fresh install has no site yet: the owner creates them) */
  sites: string[];
  /** the role on each site (null only when no site is given) */
  role: StaffRole | null;
  /** makes the account an owner (who may create sites); without it an owner stays one */
  owner?: boolean;
  now: number;
}

/** A refusal meant for the person at the terminal. */
export class CliError extends Error {}

export function checkEmail(raw: string | undefined): string {
  const email = raw?.trim().toLowerCase() ?? "";
  if (!email) throw new CliError("--email is required, e.g. --email ana@example.com");
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new CliError(`--email "${raw}" is not an email address.`);
  }
  return email;
}

export function checkName(raw: string | undefined): string {
  const name = normalizeText(raw ?? "");
  if (!name) throw new CliError('--name is required, e.g. --name "Ana Costa" (shown on staff replies).');
  if ([...name].length > STAFF_NAME_MAX) throw new CliError(`--name is longer than ${STAFF_NAME_MAX} characters.`);
  if (/[\u0000-\u001F\u007F-\u009F]/.test(name)) throw new CliError("--name contains a control character.");
  return name;
}

export function checkSites(raw: string[] | undefined, owner = false): string[] {
  const sites = [...new Set(raw ?? [])];
  if (sites.length === 0 && !owner)
    throw new CliError("--site is required (repeat it for several sites), e.g. --site demo-journal (an --owner needs none)");
  for (const site of sites) {
    if (!SITE_ID.test(site)) throw new CliError(`--site "${site}" is not a site id (lowercase letters, digits and dashes).`);
  }
  return sites;
}

export function checkRole(raw: string | undefined): StaffRole {
  if (!raw) throw new CliError("--role is required: admin or moderator.");
  if (!(ROLES as readonly string[]).includes(raw)) throw new CliError(`--role "${raw}" is not a role: use admin or moderator.`);
  return raw as StaffRole;
}

export function checkPassword(password: string): string {
  if ([...password].length < PASSWORD_MIN) throw new CliError(`The password must have at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) throw new CliError(`The password must have at most ${PASSWORD_MAX} characters.`);
  return password;
}

/** A SQL string literal. wrangler's --file takes no parameters, so values are quoted here, and only here. */
export function sqlText(value: string): string {
  if (value.includes("\u0000")) throw new CliError("A value contains a NUL character.");
  return `'${value.replace(/'/g, "''")}'`;
}

export function sitesExistSql(sites: string[]): string {
  if (sites.length === 0) return "SELECT id FROM sites WHERE 0;";
  return `SELECT id FROM sites WHERE id IN (${sites.map(sqlText).join(", ")});`;
}

/**
 * Creates the staff member or updates their name and password (and makes them an owner with
 * --owner; an owner stays one), gives them the role on each site
 * (their roles on other sites stay), and ends their open sessions: a new password signs everyone
 * out. One file, so wrangler runs it as one unit.
 */
export function upsertStaffSql(a: StaffAccount): string {
  if (a.sites.length > 0 && a.role === null) throw new CliError("--role is required with --site: admin or moderator.");
  const email = sqlText(a.email);
  const staffId = `(SELECT id FROM staff WHERE email = ${email})`;
  return [
    `INSERT INTO staff (email, name, password_hash, owner, created_at, updated_at)
  VALUES (${email}, ${sqlText(a.name)}, ${sqlText(a.passwordHash)}, ${a.owner ? 1 : 0}, ${a.now}, ${a.now})
  ON CONFLICT (email) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash, owner = MAX(owner, excluded.owner), updated_at = excluded.updated_at;`,
    ...a.sites.map(
      (site) => `INSERT INTO staff_roles (staff_id, site_id, role) VALUES (${staffId}, ${sqlText(site)}, ${sqlText(a.role!)})
  ON CONFLICT (staff_id, site_id) DO UPDATE SET role = excluded.role;`,
    ),
    `UPDATE staff_sessions SET revoked_at = ${a.now} WHERE staff_id = ${staffId} AND revoked_at IS NULL;`,
  ].join("\n");
}
