// The staff API's sites-and-teams calls (worker/routes/admin/teams.ts), and the team screens'
// strings by locale; failures are ApiFailure, as the rest of the dashboard reads them.
import type { SessionResponse, StaffRole } from "../worker/schemas/admin-views";
import type { ErrorResponse } from "../worker/schemas/views";
import type {
  InvitationInspectResponse,
  InvitationView,
  MemberView,
  TeamResponse,
  TeamSitesResponse,
  TeamSiteView,
} from "../worker/schemas/teams";
import { ApiFailure } from "./api";
import type { Locale } from "./i18n";
import { enTeam, type TeamStrings } from "./locales/en-team";
import { frTeam } from "./locales/fr-team";

export const teamStrings: Record<Locale, TeamStrings> = { en: enTeam, fr: frTeam };

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  // JSON on every write: the API refuses anything else (a cross-site form cannot send it).
  if (method !== "GET") init.headers = { ...init.headers, "Content-Type": "application/json" };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res: Response;
  try {
    res = await fetch(`/api/admin${path}`, init);
  } catch (err) {
    throw new ApiFailure("network", String(err));
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ErrorResponse | null;
  if (res.ok && data) return data as T;
  const error = (data as ErrorResponse | null)?.error;
  throw new ApiFailure(error?.code ?? "unknown", error?.message ?? `HTTP ${res.status}`, res.status, error?.issues);
}

const site = (id: string) => `/sites/${encodeURIComponent(id)}`;

export interface SiteFields {
  name: string;
  allowedOrigins: string[];
  language: "fr" | "en";
  color: string;
}

export const teamApi = {
  sites: () => call<TeamSitesResponse>("GET", "/sites"),
  createSite: (body: SiteFields & { id: string }) => call<{ site: TeamSiteView }>("POST", "/sites", body),
  saveIdentity: (siteId: string, body: Partial<SiteFields>) => call<{ site: TeamSiteView }>("PATCH", site(siteId), body),
  team: (siteId: string) => call<TeamResponse>("GET", `${site(siteId)}/team`),
  invite: (siteId: string, email: string, role: StaffRole) =>
    call<{ invitation: InvitationView }>("POST", `${site(siteId)}/invitations`, { email, role }),
  withdraw: (siteId: string, id: number) => call<void>("DELETE", `${site(siteId)}/invitations/${id}`),
  setRole: (siteId: string, id: number, role: StaffRole) => call<{ member: MemberView }>("PUT", `${site(siteId)}/members/${id}`, { role }),
  remove: (siteId: string, id: number) => call<void>("DELETE", `${site(siteId)}/members/${id}`),
  inspect: (token: string) => call<InvitationInspectResponse>("POST", "/invitations/inspect", { token }),
  accept: (token: string, password: string, name?: string) =>
    call<SessionResponse>("POST", "/invitations/accept", { token, password, ...(name ? { name } : {}) }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>("PUT", "/account/password", { currentPassword, newPassword }),
};

/** A failure in the team screens' words when they have some, else the API's message. */
export function teamFailure(t: TeamStrings, err: unknown, fallback: string): string {
  if (err instanceof ApiFailure) return t.errors[err.code] ?? (err.issues[0]?.message || err.message || fallback);
  return fallback;
}

export { invitationToken } from "./team-link";
