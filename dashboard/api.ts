// A small typed client of the staff API (/api/admin/…, same origin, session cookie); types only from the worker.
import type {
  AuditResponse,
  AuthorHistory,
  ModerationResponse,
  QueueName,
  QueueResponse,
  RejectReason,
  SessionResponse,
  SiteSettingsResponse,
  StaffReplyResponse,
  StoryAdminView,
  StoryResponse,
} from "../worker/schemas/admin-views";
import type { CommentView, ErrorResponse } from "../worker/schemas/views";

export type ApiIssue = NonNullable<ErrorResponse["error"]["issues"]>[number];

/** A refused or failed request: the API's error code ("network" when no answer came back). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly issues: ApiIssue[] = [],
    /** seconds to wait, from Retry-After or details.retryAfter (429) */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** A suspension of N hours, or a ban for good. */
export type BanDuration = "permanent" | { hours: number };

/** What to change on a story: its comments open or closed, its own a priori rule, or both. */
export type StoryChange = Partial<Pick<StoryAdminView, "status" | "premoderation">>;

const ROOT = "/api/admin";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (method !== "GET") {
    // The API refuses state-changing requests that are not JSON (CSRF: a form cannot send this type);
    // the browser adds Origin itself.
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    if (body !== undefined) init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(ROOT + path, init);
  } catch (err) {
    throw new ApiFailure("network", String(err));
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ErrorResponse | null;
  if (res.ok && data) return data as T;
  const error = (data as ErrorResponse | null)?.error;
  const header = Number(res.headers.get("Retry-After"));
  const retryAfter = error?.details?.retryAfter ?? (Number.isFinite(header) && header > 0 ? header : null);
  throw new ApiFailure(
    error?.code ?? (res.status === 401 ? "unauthenticated" : "unknown"),
    error?.message ?? `HTTP ${res.status}`,
    res.status,
    error?.issues,
    retryAfter,
  );
}

const site = (id: string) => `/sites/${encodeURIComponent(id)}`;

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};

export const api = {
  session: () => call<SessionResponse>("GET", "/session"),
  signIn: (email: string, password: string) => call<SessionResponse>("POST", "/session", { email, password }),
  signOut: () => call<void>("DELETE", "/session"),

  queue: (siteId: string, queue: QueueName, opts: { cursor?: string; limit?: number } = {}) =>
    call<QueueResponse>("GET", `${site(siteId)}/queues/${queue}${query(opts)}`),
  moderate: (siteId: string, action: "approve" | "reject", ids: number[], reason?: RejectReason) =>
    call<ModerationResponse>("POST", `${site(siteId)}/moderation`, reason ? { action, ids, reason } : { action, ids }),
  feature: (siteId: string, commentId: number, note: string | null) =>
    call<{ comment: CommentView }>("POST", `${site(siteId)}/comments/${commentId}/feature`, { note }),
  unfeature: (siteId: string, commentId: number) =>
    call<{ comment: CommentView }>("DELETE", `${site(siteId)}/comments/${commentId}/feature`),
  ban: (siteId: string, commenterId: number, duration: BanDuration, reason: string) =>
    call<{ author: AuthorHistory }>("POST", `${site(siteId)}/commenters/${commenterId}/ban`, { duration, reason }),
  unban: (siteId: string, commenterId: number) =>
    call<{ author: AuthorHistory }>("DELETE", `${site(siteId)}/commenters/${commenterId}/ban`),
  reply: (siteId: string, parentId: number, body: string) =>
    call<StaffReplyResponse>("POST", `${site(siteId)}/replies`, { parentId, body }),
  updateStory: (siteId: string, story: string, change: StoryChange) =>
    call<StoryResponse>("PATCH", `${site(siteId)}/story`, { story, ...change }),

  audit: (siteId: string, cursor?: string) => call<AuditResponse>("GET", `${site(siteId)}/audit${query({ cursor })}`),
  settings: (siteId: string) => call<SiteSettingsResponse>("GET", `${site(siteId)}/settings`),
  saveSettings: (siteId: string, body: { name: string; allowedOrigins: string[]; settings: SiteSettingsResponse["settings"] }) =>
    call<SiteSettingsResponse>("PUT", `${site(siteId)}/settings`, body),
};
