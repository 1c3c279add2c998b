// Response shapes of the staff API (/api/admin/…): the contract the dashboard reads (types only).
import type { AuditEntry } from "./audit-views";
import type { CommentView, ReasonView, ReportReason, StoryView } from "./views";
import type { SiteSettings } from "./site-settings";

export type StaffRole = "admin" | "moderator";

export interface StaffSiteView {
  id: string;
  name: string;
  /** the site's colour (#rrggbb), always visible in the dashboard header */
  color: string;
  role: StaffRole;
}

/** POST /api/admin/session (sign in) and GET /api/admin/session (who am I) */
export interface SessionResponse {
  staff: { id: number; email: string; name: string };
  sites: StaffSiteView[];
}

export type QueueName = "pending" | "reported" | "recent" | "rejected" | "featured" | "to-answer" | "appeals" | "notices";

/** Why a moderator rejects: recorded on the comment and in the audit log. */
export type RejectReason = "spam" | "abuse" | "off_topic" | "charter" | "other";

export interface AuthorHistory {
  id: number;
  name: string;
  staff: boolean;
  commentCount: number;
  approvedCount: number;
  rejectedCount: number;
  /** reports made against this author's comments */
  reportedCount: number;
  /** ISO end of a suspension; null when not banned or suspended */
  bannedUntil: string | null;
  /** true when banned for good */
  bannedForever: boolean;
  banReason: string | null;
}

/** A story's own rule for a priori moderation: as the site says, always, or never. */
export type StoryPremoderation = "site" | "on" | "off";

export interface StoryAdminView extends StoryView {
  premoderation: StoryPremoderation;
}

/** PATCH /api/admin/sites/{site}/story { story, status?, premoderation? } */
export interface StoryResponse {
  story: StoryAdminView;
}

export interface QueueItem {
  comment: CommentView & {
    reasons: ReasonView[];
    openReports: number;
    reportCount: number;
    moderatedAt: string | null;
  };
  story: StoryAdminView;
  author: AuthorHistory;
  /** the latest reports on the comment (at most 5) */
  /** `revision`: the comment's revision the reporter saw (see …/comments/{id}/revisions) */
  reports: { reason: ReportReason; note: string | null; createdAt: string; revision: number }[];
  /** what the comment answers, for context */
  parent: { id: number; authorName: string; body: string } | null;
  /** the site the comment belongs to (the cross-site To answer queue mixes sites) */
  site: { id: string; name: string; color: string };
  /** set in the To answer queue: since when the comment waits, and why it needs an answer */
  answer: { waitingSince: string; why: "question" | "reply_to_staff" } | null;
  /** how many times the author edited it; staff read the earlier texts at …/comments/{id}/revisions */
  revision: number;
  /** the automatic score (0–100, the highest any provider gave), what was found, and by which provider ("builtin", "workers-ai", "openai", "akismet"; "none" when none answered); labels "<provider>:unavailable" for a provider that failed open; null: never scored */
  score: { value: number; labels: string[]; provider: string } | null;
  /** in the Appeals queue: the open appeal and the statement it contests */
  appeal?: import("./dsa-views").StaffAppealView;
  statement?: import("./dsa-views").StatementView;
  /** in the Legal notices queue: the notice of illegal content */
  notice?: import("./dsa-notices").NoticeView;
}

/** GET /api/admin/sites/{site}/queues/{queue}?cursor=C&limit=N */
export interface QueueResponse {
  queue: QueueName;
  items: QueueItem[];
  nextCursor: string | null;
  /** items waiting in the queues that need a human */
  counts: { pending: number; reported: number; toAnswer: number; appeals?: number; notices?: number };
  /** the site's charter clauses (settings.charterClauses): the grounds "clause:N" a moderator may name */
  charterClauses?: string[];
}

/** GET /api/admin/queues/to-answer?cursor=C&limit=N: the To answer queue of all the member's sites, oldest first */
export interface CrossSiteQueueResponse {
  queue: "to-answer";
  items: QueueItem[];
  nextCursor: string | null;
}

/** One site on the home ("My sites") and in the site switcher. */
export interface SiteOverview {
  site: StaffSiteView;
  pending: number;
  reported: number;
  toAnswer: number;
  /** when the comment waiting longest for an answer was posted (ISO); null when none waits */
  oldestToAnswerAt: string | null;
  /** comments posted in the last 24 hours (every status) */
  comments24h: number;
  /** open incidents nobody has acknowledged yet (the home's and the header's alert) */
  openAlerts: number;
  /** open notices of illegal content and open appeals (DSA): the most urgent things on the desk */
  notices: number;
  appeals: number;
}

/** GET /api/admin/overview: every site of the signed-in member, in one request */
export interface OverviewResponse {
  sites: SiteOverview[];
}

/** Median and 90th percentile of the time to first staff answer (seconds), over a period. */
export interface AnswerTimes {
  days: number;
  /** questions of the period that got a staff answer */
  answered: number;
  /** questions of the period still waiting */
  waiting: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** GET /api/admin/sites/{site}/answer-times */
export interface AnswerTimesResponse {
  last7: AnswerTimes;
  last30: AnswerTimes;
}

/** A reply template ("réponse type"); `{name}` in its body becomes the name of the person answered. */
export interface ReplyTemplate {
  id: number;
  title: string;
  body: string;
}

/** GET /api/admin/sites/{site}/reply-templates */
export interface ReplyTemplatesResponse {
  templates: ReplyTemplate[];
}

/** An earlier text of a comment, kept when its author edited it (staff only). */
export interface CommentRevision {
  /** 0: as first posted */
  revision: number;
  body: string;
  writtenAt: string;
  replacedAt: string;
}

/** GET /api/admin/sites/{site}/comments/{id}/revisions: earlier texts, oldest first, then the current one */
export interface RevisionsResponse {
  revisions: CommentRevision[];
  current: { revision: number; body: string; writtenAt: string };
}

/** A moderator's note on a person, seen by the site's staff only. */
export interface CommenterNote {
  id: number;
  staff: { id: number; name: string };
  body: string;
  at: string;
}

/** One of a person's comments, as the person view lists them (every status). */
export interface PersonComment {
  comment: QueueItem["comment"];
  story: { key: string; url: string | null; title: string | null };
  revision: number;
}

/** GET /api/admin/sites/{site}/commenters/{id}?cursor=C&limit=N */
export interface PersonResponse {
  author: AuthorHistory & {
    kind: "guest" | "sso";
    /** the site's own email for an SSO reader, else null */
    email: string | null;
    createdAt: string;
    /** every comment of this person is held for review */
    premoderated: boolean;
    /** when the person was erased (GDPR Art. 17): their name and identity are blank from then on */
    erasedAt: string | null;
  };
  /** newest first, paged */
  comments: PersonComment[];
  nextCursor: string | null;
  /** what staff and the system did to this person and their comments, newest first (latest 100) */
  history: AuditEntry[];
  /** moderators' notes, newest first */
  notes: CommenterNote[];
}

/** POST /api/admin/sites/{site}/commenters/{id}/notes { body } → 201 */
export interface CommenterNoteResponse {
  note: CommenterNote;
}

/** PUT (set) and DELETE (lift) /api/admin/sites/{site}/commenters/{id}/premoderation */
export interface PremoderationResponse {
  author: PersonResponse["author"];
}

/** POST /api/admin/sites/{site}/commenters/{id}/ban-and-reject */
export interface BanAndRejectResponse {
  author: AuthorHistory;
  /** the comments rejected (their pending and published ones) */
  rejected: number[];
}

/** GET /api/admin/sites/{site}/stats?days=7|30|90&tz=MINUTES (and GET /api/admin/stats for all the member's sites) */
export interface StatsDay {
  /** YYYY-MM-DD in the asked time zone offset */
  day: string;
  posted: number;
  published: number;
  held: number;
  rejected: number;
  reports: number;
  commenters: number;
  moderationMedianSeconds: number | null;
  answerMedianSeconds: number | null;
  answerP90Seconds: number | null;
}

export interface StatsResponse {
  days: number;
  /** minutes east of UTC that days are cut at */
  tz: number;
  /** the first and the last day of the period (YYYY-MM-DD in that offset, both included; the last is today) */
  from: string;
  to: string;
  sites: { id: string; name: string; color: string }[];
  daily: StatsDay[];
  totals: Omit<StatsDay, "day">;
  /** the most discussed stories of the period (comments posted in it) */
  topStories: { site: string; key: string; title: string | null; url: string | null; comments: number }[];
}

/** POST /api/admin/sites/{site}/moderation { action: "approve" | "reject", ids, reason? } */
export interface ModerationResponse {
  /** the comments whose status changed */
  updated: number[];
}

/** POST /api/admin/sites/{site}/replies { parentId, body } → 201 */
export interface StaffReplyResponse {
  comment: CommentView;
  site: { id: string; name: string };
}

export type { AuditAction, AuditEntry, AuditResponse } from "./audit-views";

/** GET and PUT /api/admin/sites/{site}/settings (admins only) */
export interface SiteSettingsResponse {
  site: { id: string; name: string; allowedOrigins: string[] };
  /** every setting as the rules apply it; the SSO and webhook secrets are never sent back (see below) */
  settings: Omit<SiteSettings, "ssoSecret" | "webhookSecret" | "turnstileSecret">;
  /** write-only: whether a secret is set, and its last 4 characters */
  ssoSecret: { set: boolean; last4: string | null };
  /** write-only like ssoSecret: the key of the webhooks' HMAC signature */
  webhookSecret: { set: boolean; last4: string | null };
  /** write-only like ssoSecret: the Turnstile secret key siteverify checks tokens with */
  turnstileSecret: { set: boolean; last4: string | null };
  /**
   * settings stored out of range (by an old release or by hand): the value found, and why it is
   * refused; the rules use the default meanwhile, and the screen shows it as such
   */
  invalid: { key: string; stored: unknown; message: string }[];
}
