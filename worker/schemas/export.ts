// Palabre's own export format ("palabre-export", version 1): what `GET /api/admin/sites/{site}/export
// ?format=json` and `npm run export -- --format json` write, and what `npm run import -- palabre`
// reads back. It is written as a stream, so its keys come in a fixed order that a streaming reader
// can rely on: format, version, exportedAt, site, stories, commenters, comments (the big one, last).
//
// Every list is ordered by id ascending. A comment's parent and replyTo always come before it
// (a reply is posted after what it answers, and ids grow in posting order), so an importer may
// insert comments as they come. Nesting is given by parentId (where the reply is shown) and
// replyToId (what it actually answers); a top-level comment has both null.
//
// What is NOT in it, on purpose: secrets (site settings such as the SSO secret or API keys), the
// readers' token hashes, network (IP) hashes, emails of readers who only subscribed to replies,
// staff accounts and sessions, reports, moderation scores and the audit log. Commenters' emails
// and avatars (SSO identity fields) are the site's own data and are kept, so that an SSO reader
// finds their comments after a move.
import { z } from "zod";

export const EXPORT_FORMAT = "palabre-export";
export const EXPORT_VERSION = 1;

/** ISO 8601 in UTC, e.g. 2026-12-03T08:30:00.000Z */
const isoDate = z.iso.datetime({ offset: false });
const id = z.number().int().positive();

export const exportSite = z.object({
  id: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  /** the widget's default language */
  language: z.enum(["fr", "en"]),
  createdAt: isoDate,
});

export const exportStory = z.object({
  id,
  /** the story attribute (canonical URL or the site's own id): unique per site */
  key: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  status: z.enum(["open", "closed"]),
  createdAt: isoDate,
});

export const exportCommenter = z.object({
  id,
  kind: z.enum(["guest", "sso"]),
  name: z.string(),
  /** the SSO `sub` (or an importer's source id); null for guests */
  externalId: z.string().nullable(),
  email: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /** true when the commenter was erased (GDPR Art. 17): name and identity fields are blank */
  erased: z.boolean(),
  createdAt: isoDate,
});

export const COMMENT_STATUSES = ["published", "pending", "rejected", "deleted"] as const;

export const exportComment = z.object({
  id,
  storyId: id,
  /** where the reply is shown (depth-capped); null at top level */
  parentId: id.nullable(),
  /** the comment actually answered; null at top level */
  replyToId: id.nullable(),
  authorId: id,
  /** the author's source text (Palabre's text: paragraphs, line breaks, links, emphasis); "" once deleted */
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  createdAt: isoDate,
  updatedAt: isoDate,
  editedAt: isoDate.nullable(),
  deletedAt: isoDate.nullable(),
  featuredAt: isoDate.nullable(),
  featuredNote: z.string().nullable(),
});

export const palabreExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: isoDate,
  site: exportSite,
  stories: z.array(exportStory),
  commenters: z.array(exportCommenter),
  comments: z.array(exportComment),
});

export type ExportSite = z.infer<typeof exportSite>;
export type ExportStory = z.infer<typeof exportStory>;
export type ExportCommenter = z.infer<typeof exportCommenter>;
export type ExportComment = z.infer<typeof exportComment>;
export type PalabreExport = z.infer<typeof palabreExport>;

/** The CSV export: one row per comment, with its story and author inlined (a spreadsheet's view). */
export const CSV_COLUMNS = [
  "comment_id",
  "story_key",
  "story_url",
  "story_title",
  "parent_id",
  "reply_to_id",
  "author_id",
  "author_name",
  "author_kind",
  "status",
  "created_at",
  "edited_at",
  "deleted_at",
  "featured_at",
  "featured_note",
  "body",
] as const;

export const exportQuery = z.object({
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

// ---- a person's data (GDPR Art. 15 and 20): GET …/commenters/{id}/export and GET /api/v1/{site}/me/export ----

export const PERSON_EXPORT_FORMAT = "palabre-person-export";

/** Everything Palabre holds on one commenter of one site; dates in ISO 8601 (UTC). */
export interface PersonExport {
  format: typeof PERSON_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  site: { id: string; name: string };
  identity: {
    id: number;
    kind: "guest" | "sso";
    name: string;
    /** the site's sign-in id (SSO `sub`) */
    externalId: string | null;
    email: string | null;
    avatarUrl: string | null;
    createdAt: string;
    erasedAt: string | null;
    /** a reader token is held (its hash only: the token itself is never stored) */
    hasToken: boolean;
    /** how many keyed network (IP) hashes are held, for the flood and abuse limits: never shown */
    networkHashesHeld: number;
    moderation: { bannedUntil: string | null; banReason: string | null; alwaysPremoderated: boolean };
  };
  comments: {
    id: number;
    storyKey: string;
    storyUrl: string | null;
    storyTitle: string | null;
    parentId: number | null;
    replyToId: number | null;
    body: string;
    status: string;
    reasons: unknown;
    createdAt: string;
    updatedAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    featuredAt: string | null;
    featuredNote: string | null;
    reactionCount: number;
    reportCount: number;
  }[];
  revisions: { commentId: number; revision: number; body: string; writtenAt: string; replacedAt: string }[];
  reactions: { commentId: number; createdAt: string }[];
  reportsMade: { commentId: number; reason: string; note: string | null; createdAt: string }[];
  notifications: {
    addresses: {
      email: string;
      status: string;
      locale: string;
      onReply: boolean;
      onStaffReply: boolean;
      onFeatured: boolean;
      createdAt: string;
      confirmedAt: string | null;
    }[];
    subscriptions: { email: string | null; commentId: number; createdAt: string }[];
  };
  statements: {
    id: number;
    commentId: number;
    decision: string;
    source: string;
    facts: string;
    automatedDetection: boolean;
    automatedDecision: boolean;
    groundKind: string;
    ground: string;
    groundLabel: string;
    explanation: string | null;
    contestUntil: string | null;
    createdAt: string;
  }[];
  appeals: {
    id: number;
    commentId: number;
    statementId: number;
    body: string;
    status: string;
    explanation: string | null;
    decidedAt: string | null;
    createdAt: string;
  }[];
  bans: { kind: string; until: string | null; reason: string; createdAt: string }[];
  /** staff notes about the person (Art. 15 covers them); the staff member is not named */
  staffNotes: { body: string; createdAt: string }[];
}
