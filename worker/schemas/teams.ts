// Sites and teams (issue 12): request schemas and answer shapes of the owner's sites, a site's
// team and invitations, the invitee's acceptance and a member's own password.
import { z } from "zod";
import { isMailAddress } from "../services/delivery/address";
import { settingsBody } from "./admin";
import { rowId } from "./reader";
import { SITE_ID } from "./reader";
import { boundedText } from "./text";
import type { SessionResponse, StaffRole } from "./admin-views";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;
export const STAFF_NAME_MAX = 60;
/** Invitation links live a week: long enough for a holiday, short enough that a stray mail dies. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Pending invitations per site: an admin's typo loop or a stolen session cannot spam the world. */
export const PENDING_INVITATIONS_MAX = 50;
export const ROLES = ["admin", "moderator"] as const satisfies readonly StaffRole[];
export const LANGUAGES = ["fr", "en"] as const;
export const RESERVED_SITE_IDS: readonly string[] = ["all", "invitation"];

const role = z.enum(ROLES, { error: "role must be admin or moderator" });
const language = z.enum(LANGUAGES, { error: "language must be fr or en" });
const color = z
  .string({ error: "color must be a colour such as #3b5bdb" })
  .regex(/^#[0-9a-fA-F]{6}$/, "color must be a colour such as #3b5bdb")
  .transform((s) => s.toLowerCase());
const siteName = settingsBody.shape.name;
const allowedOrigins = settingsBody.shape.allowedOrigins;

export const email = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .refine(isMailAddress, { message: "email is not an email address", params: { reason: "invalid_email" } });

// Only what a password must be for PBKDF2 to take it: the length (in code points, so that accents count once).
export const password = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .refine((s) => [...s].length >= PASSWORD_MIN, {
      message: `${label} must have at least ${PASSWORD_MIN} characters`,
      params: { reason: "too_short" },
    })
    .refine((s) => s.length <= PASSWORD_MAX, {
      message: `${label} must have at most ${PASSWORD_MAX} characters`,
      params: { reason: "too_long" },
    });

export const createSiteBody = z.strictObject({
  id: z
    .string({ error: "id is required" })
    .regex(SITE_ID, "id must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit")
    // The dashboard's addresses use these as their first segment (#/all/…, #/invitation/…).
    .refine((id) => !RESERVED_SITE_IDS.includes(id), {
      message: "id is reserved by the dashboard: choose another",
      params: { reason: "reserved" },
    }),
  name: siteName,
  allowedOrigins,
  language: language.default("en"),
  color: color.default("#3b5bdb"),
});

/** A site's identity: only the keys sent change. */
export const siteIdentityBody = z
  .strictObject({
    name: siteName.optional(),
    allowedOrigins: allowedOrigins.optional(),
    language: language.optional(),
    color: color.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "send at least one of name, allowedOrigins, language, color");

export const inviteBody = z.strictObject({ email, role });
export const roleBody = z.strictObject({ role });
export const memberIdParam = z.object({ id: rowId("staff member") });
export const invitationIdParam = z.object({ id: rowId("invitation") });

// randomToken(): 43 base64url characters. Anything else is forged or mangled: no lookup at all.
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const token = z.string({ error: "token is required" }).max(200, "token is not an invitation token");

export const inspectInvitationBody = z.strictObject({ token });
export const acceptInvitationBody = z.strictObject({
  token,
  /** required when the invitation creates an account; an existing account keeps its name */
  name: boundedText("name", STAFF_NAME_MAX, "name").optional(),
  password: password("password"),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z
    .string({ error: "currentPassword is required" })
    .min(1, "currentPassword is empty")
    .max(PASSWORD_MAX, "currentPassword is too long"),
  newPassword: password("newPassword"),
});

export type CreateSiteInput = z.output<typeof createSiteBody>;
export type SiteIdentityInput = z.output<typeof siteIdentityBody>;
export type AcceptInvitationInput = z.output<typeof acceptInvitationBody>;
export type PasswordChangeInput = z.output<typeof passwordChangeBody>;

// ---- answers ----

export interface TeamSiteView {
  id: string;
  name: string;
  allowedOrigins: string[];
  language: "fr" | "en";
  color: string;
  role: StaffRole;
}

/** GET /api/admin/sites; POST answers { site } (201), PATCH /api/admin/sites/{site} too (200). */
export interface TeamSitesResponse {
  /** may create sites */
  owner: boolean;
  sites: TeamSiteView[];
}

export interface MemberView {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  /** the member asking */
  you: boolean;
}

export interface InvitationView {
  id: number;
  email: string;
  role: StaffRole;
  createdAt: string;
  expiresAt: string;
  invitedBy: { id: number; name: string } | null;
}

/** GET /api/admin/sites/{site}/team (admins) */
export interface TeamResponse {
  members: MemberView[];
  /** pending: neither used, withdrawn nor expired */
  invitations: InvitationView[];
}

/** POST /api/admin/invitations/inspect { token }: what the acceptance page shows before the password. */
export interface InvitationInspectResponse {
  site: { id: string; name: string; language: "fr" | "en" };
  email: string;
  role: StaffRole;
  /** an account with this email exists: the password set replaces its password, its name stays */
  account: boolean;
  expiresAt: string;
}

/** POST /api/admin/invitations/accept: signed in (session cookie), as GET /api/admin/session answers. */
export type InvitationAcceptResponse = SessionResponse;
