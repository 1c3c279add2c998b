// Response shapes of the staff API (/api/admin/…): the contract the dashboard reads (types only).
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

export type QueueName = "pending" | "reported" | "recent" | "rejected" | "featured";

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
  reports: { reason: ReportReason; note: string | null; createdAt: string }[];
  /** what the comment answers, for context */
  parent: { id: number; authorName: string; body: string } | null;
}

/** GET /api/admin/sites/{site}/queues/{queue}?cursor=C&limit=N */
export interface QueueResponse {
  queue: QueueName;
  items: QueueItem[];
  nextCursor: string | null;
  /** items waiting in the queues that need a human */
  counts: { pending: number; reported: number };
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

export interface AuditEntry {
  id: number;
  at: string;
  staff: { id: number; name: string } | null;
  action: string;
  target: { type: "comment" | "commenter" | "site" | "story"; id: string };
  detail: Record<string, unknown>;
}

/** GET /api/admin/sites/{site}/audit?cursor=C */
export interface AuditResponse {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** GET and PUT /api/admin/sites/{site}/settings (admins only) */
export interface SiteSettingsResponse {
  site: { id: string; name: string; allowedOrigins: string[] };
  settings: SiteSettings;
}
