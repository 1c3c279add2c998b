// A small typed client of the staff API (/api/admin/…, same origin, session cookie); types only from the worker.
import type {
  AuditResponse,
  AuthorHistory,
  BanAndRejectResponse,
  CommenterNote,
  ModerationResponse,
  PersonResponse,
  QueueName,
  QueueResponse,
  RejectReason,
  RevisionsResponse,
  SessionResponse,
  SiteSettingsResponse,
  StaffReplyResponse,
  StatsResponse,
  StoryAdminView,
  StoryResponse,
} from "../worker/schemas/admin-views";
import type {
  AnswerTimesResponse,
  CrossSiteQueueResponse,
  OverviewResponse,
  ReplyTemplate,
  ReplyTemplatesResponse,
} from "../worker/schemas/admin-views";
import type { AlertMailResponse, AlertsResponse, IncidentView, OutboxItemView, OutboxResponse } from "../worker/schemas/alert-views";
import type { CommentView, ErrorResponse } from "../worker/schemas/views";
import type { AppealDecisionResponse } from "../worker/schemas/dsa-views";
import type { NoticeDecisionResponse } from "../worker/schemas/dsa-notices";
import type { SiteSettings } from "../worker/schemas/site-settings";

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

/** What a rejection says beside the ids: its ground and the moderator's optional words (and the older reason). */
export interface RejectDetails {
  reason?: RejectReason;
  ground?: string;
  explanation?: string;
}

/** A suspension of N hours, or a ban for good. */
export type BanDuration = "permanent" | { hours: number };

/** What to change on a story: its comments open or closed, its own a priori rule, or both. */
export type StoryChange = Partial<Pick<StoryAdminView, "status" | "premoderation">>;

/** The audit log's filters: an action code, a staff member's id, a period (ISO instants). */
export interface AuditFilters {
  action?: string;
  staff?: number;
  from?: string;
  to?: string;
}

/** The outbox's filters ("" or absent: every kind, every status). */
export interface OutboxFilters {
  kind?: OutboxItemView["kind"] | "";
  status?: OutboxItemView["status"] | "";
}

/** A reply template as staff write it. */
export type TemplateFields = Pick<ReplyTemplate, "title" | "body">;

const ROOT = "/api/admin";

/** What a conditional GET knows of its URL: the last ETag and body, and whether the last answer changed. */
interface Seen {
  etag?: string;
  data?: unknown;
  changed?: boolean;
}

/** The last answer to each polled URL, so that a poll asks "changed since?" (If-None-Match). */
const lastSeen = new Map<string, Seen>();

async function call<T>(method: string, path: string, body?: unknown, seen?: Seen): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (seen) {
    // no-store: the browser's own cache would otherwise answer for the server and hide its 304.
    init.cache = "no-store";
    if (seen.etag) init.headers = { ...init.headers, "If-None-Match": seen.etag };
  }
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
  if (seen && res.status === 304 && seen.etag) {
    seen.changed = false;
    return seen.data as T;
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as T | ErrorResponse | null;
  if (res.ok && data) {
    if (seen) Object.assign(seen, { etag: res.headers.get("ETag") ?? undefined, data, changed: true });
    return data as T;
  }
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

/** A conditional GET: the body, and `changed` false when the server said 304 (nothing new since the last one). */
async function fresh<T>(path: string): Promise<{ data: T; changed: boolean }> {
  const seen = lastSeen.get(path) ?? {};
  lastSeen.set(path, seen);
  const data = await call<T>("GET", path, undefined, seen);
  return { data, changed: seen.changed !== false };
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
  /** a rejection says its ground ("charter", "clause:N" or a legal ground) and may explain it (DSA Art. 17) */
  moderate: (siteId: string, action: "approve" | "reject", ids: number[], reject?: RejectDetails) =>
    call<ModerationResponse>("POST", `${site(siteId)}/moderation`, { action, ids, ...reject }),
  decideNotice: (siteId: string, id: number, decision: { outcome: "remove" | "keep"; ground?: string; explanation?: string }) =>
    call<NoticeDecisionResponse>("POST", `${site(siteId)}/notices/${id}/decision`, decision),
  decideAppeal: (siteId: string, id: number, decision: { outcome: "uphold" | "reverse"; explanation?: string }) =>
    call<AppealDecisionResponse>("POST", `${site(siteId)}/appeals/${id}/decision`, decision),
  /** the DSA transparency figures of a period (YYYY-MM-DD, both included), as a download */
  transparencyUrl: (siteId: string, from: string, to: string, format: "json" | "csv") =>
    `${ROOT}${site(siteId)}/transparency${query({ from, to, format })}`,
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
  // The desk: every site at a glance, live queues (conditional GETs), To answer and reply templates.
  overview: () => fresh<OverviewResponse>("/overview"),
  freshQueue: (siteId: string, queue: QueueName, limit: number) =>
    fresh<QueueResponse>(`${site(siteId)}/queues/${queue}${query({ limit })}`),
  allToAnswer: (opts: { cursor?: string; limit?: number } = {}) => call<CrossSiteQueueResponse>("GET", `/queues/to-answer${query(opts)}`),
  freshAllToAnswer: (limit: number) => fresh<CrossSiteQueueResponse>(`/queues/to-answer${query({ limit })}`),
  dismiss: (siteId: string, ids: number[]) => call<ModerationResponse>("POST", `${site(siteId)}/to-answer/dismiss`, { ids }),
  answerTimes: (siteId: string) => fresh<AnswerTimesResponse>(`${site(siteId)}/answer-times`),
  templates: (siteId: string) => fresh<ReplyTemplatesResponse>(`${site(siteId)}/reply-templates`),
  addTemplate: (siteId: string, template: TemplateFields) =>
    call<{ template: ReplyTemplate }>("POST", `${site(siteId)}/reply-templates`, template),
  saveTemplate: (siteId: string, id: number, template: TemplateFields) =>
    call<{ template: ReplyTemplate }>("PUT", `${site(siteId)}/reply-templates/${id}`, template),
  deleteTemplate: (siteId: string, id: number) => call<void>("DELETE", `${site(siteId)}/reply-templates/${id}`),

  audit: (siteId: string, filters: AuditFilters = {}, cursor?: string) =>
    call<AuditResponse>("GET", `${site(siteId)}/audit${query({ ...filters, cursor })}`),
  settings: (siteId: string) => call<SiteSettingsResponse>("GET", `${site(siteId)}/settings`),
  /** settings is partial: keys left out keep their stored value; ssoSecret "" clears the secret */
  saveSettings: (siteId: string, body: { name: string; allowedOrigins: string[]; settings: Partial<SiteSettings> }) =>
    call<SiteSettingsResponse>("PUT", `${site(siteId)}/settings`, body),
  /** The same filters as a CSV download (a plain link: the session cookie goes with it). */
  auditCsvUrl: (siteId: string, filters: AuditFilters = {}) => `${ROOT}${site(siteId)}/audit${query({ ...filters, format: "csv" })}`,

  person: (siteId: string, commenterId: number, opts: { cursor?: string; limit?: number } = {}) =>
    call<PersonResponse>("GET", `${site(siteId)}/commenters/${commenterId}${query(opts)}`),
  addNote: (siteId: string, commenterId: number, body: string) =>
    call<{ note: CommenterNote }>("POST", `${site(siteId)}/commenters/${commenterId}/notes`, { body }),
  banAndReject: (siteId: string, commenterId: number, duration: BanDuration, reason: string, rejectReason?: RejectReason) =>
    call<BanAndRejectResponse>("POST", `${site(siteId)}/commenters/${commenterId}/ban-and-reject`, {
      duration,
      reason,
      ...(rejectReason ? { rejectReason } : {}),
    }),
  premoderate: (siteId: string, commenterId: number, on: boolean) =>
    call<{ author: AuthorHistory }>(on ? "PUT" : "DELETE", `${site(siteId)}/commenters/${commenterId}/premoderation`),
  revisions: (siteId: string, commentId: number) => call<RevisionsResponse>("GET", `${site(siteId)}/comments/${commentId}/revisions`),

  // Alerts and the outbox (issue 9): conditional GETs, since the shell polls them.
  alerts: (siteId: string, status: "open" | "all" = "open") => fresh<AlertsResponse>(`${site(siteId)}/alerts${query({ status })}`),
  acknowledge: (siteId: string, id: number) => call<IncidentView>("POST", `${site(siteId)}/alerts/${id}/acknowledge`),
  alertMail: (siteId: string) => call<AlertMailResponse>("GET", `${site(siteId)}/alert-mail`),
  saveAlertMail: (siteId: string, enabled: boolean) => call<AlertMailResponse>("PUT", `${site(siteId)}/alert-mail`, { enabled }),
  outbox: (siteId: string, filters: OutboxFilters = {}, cursor?: string) =>
    call<OutboxResponse>("GET", `${site(siteId)}/outbox${query({ ...filters, cursor })}`),
  /** the failed count for the header's badge (a conditional GET of the smallest page) */
  freshOutboxFailed: (siteId: string) => fresh<OutboxResponse>(`${site(siteId)}/outbox${query({ status: "failed", limit: 1 })}`),
  retryDelivery: (siteId: string, id: number) => call<{ item: OutboxItemView }>("POST", `${site(siteId)}/outbox/${id}/retry`),

  /** one site's figures, or (siteId null) those of all the member's sites; tz: minutes east of UTC */
  stats: (siteId: string | null, days: number, tz: number) =>
    call<StatsResponse>("GET", `${siteId ? site(siteId) : ""}/stats${query({ days, tz })}`),
  statsCsvUrl: (siteId: string | null, days: number, tz: number) =>
    `${ROOT}${siteId ? site(siteId) : ""}/stats${query({ days, tz, format: "csv" })}`,
};
