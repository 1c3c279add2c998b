// Request schemas of the staff API (/api/admin/…): the single source of truth for its input rules.
import { z } from "zod";
import { commentIdParam, postCommentBody, rowId, threadQuery, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "./reader";
import { siteSettingsPatch } from "./site-settings";
import { boundedText, type TextKind } from "./text";
import type { AuditAction, QueueName, RejectReason } from "./admin-views";
import { explanationField, groundField } from "./dsa";

// A story is named by its key, with the readers' rules for keys.
const threadStoryKey = threadQuery.shape.story;

export const QUEUES = [
  "pending",
  "reported",
  "recent",
  "rejected",
  "featured",
  "to-answer",
  "appeals",
  "notices",
] as const satisfies readonly QueueName[];
export const REJECT_REASONS = ["spam", "abuse", "off_topic", "charter", "other"] as const satisfies readonly RejectReason[];
export const BULK_MAX = 100;
export const FEATURE_NOTE_MAX = 280;
export const BAN_REASON_MAX = 500;
export const SITE_NAME_MAX = 100;
export const ALLOWED_ORIGINS_MAX = 50;
/** a suspension lasts at most a year; longer is a ban */
export const SUSPEND_HOURS_MAX = 24 * 365;

/** Text typed by staff: the readers' rules (worker/schemas/text.ts), with a limit in code points. */
function staffText(label: string, max: number, kind: TextKind) {
  return boundedText(label, max, kind);
}

const required = (schema: z.ZodType<string, string>, label: string) =>
  schema.refine((s) => s.length > 0, { message: `${label} is empty`, params: { reason: "empty" } });

const commentId = z
  .number({ error: "must be a comment id" })
  .int("must be a comment id")
  .positive("must be a comment id")
  .max(Number.MAX_SAFE_INTEGER);

export const signInBody = z.object({
  email: z.string({ error: "email is required" }).trim().min(1, "email is empty").max(254, "email is too long"),
  password: z.string({ error: "password is required" }).min(1, "password is empty").max(1024, "password is too long"),
});

export const queueParam = z.object({
  queue: z.enum(QUEUES, { error: `queue must be one of ${QUEUES.join(", ")}` }),
});

export const pageQuery = z.object({
  cursor: z.string().max(200, "cursor is not valid").optional(),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(PAGE_LIMIT_MAX, `limit must be at most ${PAGE_LIMIT_MAX}`)
    .default(PAGE_LIMIT_DEFAULT),
});

export const moderationBody = z.object({
  action: z.enum(["approve", "reject"], { error: "action must be approve or reject" }),
  ids: z
    .array(commentId, { error: "ids must be a list of comment ids" })
    .min(1, "ids is empty")
    .max(BULK_MAX, `at most ${BULK_MAX} ids at once`),
  reason: z.enum(REJECT_REASONS, { error: `reason must be one of ${REJECT_REASONS.join(", ")}` }).optional(),
  ground: groundField.optional(), // reject only: the statement of reasons' ground (legal ground, "charter" or "clause:N"; default "charter")
  explanation: explanationField.optional(), // reject only: the moderator's words to the author (≤ 1000)
});

export const featureBody = z.object({
  // An empty note is no note.
  note: staffText("note", FEATURE_NOTE_MAX, "multiline")
    .transform((s) => s || null)
    .nullish(),
});

export const banBody = z.object({
  duration: z.union([z.literal("permanent"), z.object({ hours: z.number().int().min(1).max(SUSPEND_HOURS_MAX) })], {
    error: `duration must be "permanent" or { hours: 1..${SUSPEND_HOURS_MAX} }`,
  }),
  reason: required(staffText("reason", BAN_REASON_MAX, "line"), "reason"),
});

// ---- a person: notes, ban and reject, the audit log's filters ----
export const NOTE_MAX = 2000;
/** Every action the audit log records, for its filter. */
export const AUDIT_ACTIONS = [
  "approve",
  "reject",
  "hide",
  "feature",
  "unfeature",
  "ban",
  "unban",
  "note",
  "premoderate",
  "unpremoderate",
  "reply",
  "dismiss_answer",
  "story",
  "settings",
  "template_create",
  "template_update",
  "template_delete",
  "acknowledge",
  "alert_mail",
  "delivery_retry",
  "appeal_decision",
  "notice_decision",
  "site_create",
  "site_update",
  "invite",
  "invitation_revoke",
  "invitation_accept",
  "role_change",
  "member_remove",
  "password_change", // sites and teams (issue 12)
  "erase", // a person erased (GDPR Art. 17, issue 12)
] as const satisfies readonly AuditAction[];

export const noteBody = z.object({ body: required(staffText("body", NOTE_MAX, "multiline"), "body") });

/** A ban or suspension, and the reason recorded on each comment rejected with it. */
export const banAndRejectBody = banBody.extend({
  rejectReason: z.enum(REJECT_REASONS, { error: `rejectReason must be one of ${REJECT_REASONS.join(", ")}` }).default("other"),
});

// YYYY-MM-DD (midnight UTC) or a full ISO time with its offset, e.g. 2026-03-01T08:00:00+01:00.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const isoInstant = (label: string) =>
  z
    .string()
    .refine(
      (s) => ISO_TIME.test(s) && Number.isFinite(Date.parse(s)) && (s.length > 10 || new Date(Date.parse(s)).toISOString().startsWith(s)),
      {
        message: `${label} must be an ISO date (YYYY-MM-DD) or date and time with its offset`,
      },
    )
    .transform((s) => Date.parse(s));

/** The audit log's filters: `from` is inclusive, `to` exclusive (to=2026-04-01 ends with March). */
export const auditQuery = pageQuery
  .extend({
    action: z.enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
    staff: rowId("staff member").optional(),
    from: isoInstant("from").optional(),
    to: isoInstant("to").optional(),
    format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: "from must come before to",
    path: ["to"],
  });

export type NoteInput = z.output<typeof noteBody>;
export type BanAndRejectInput = z.output<typeof banAndRejectBody>;
export type AuditQuery = z.output<typeof auditQuery>;

export const storyBody = z
  .object({
    story: threadStoryKey,
    status: z.enum(["open", "closed"]).optional(),
    premoderation: z.enum(["site", "on", "off"]).optional(),
  })
  .refine((b) => b.status !== undefined || b.premoderation !== undefined, {
    message: "say what to change: status or premoderation",
  });

export const replyBody = z.object({
  parentId: commentId,
  // Staff replies follow the readers' rules for a comment's text.
  body: postCommentBody.shape.body,
});

// ---- the desk: To answer and reply templates ----
export const TEMPLATES_PER_SITE = 50;
export const TEMPLATE_TITLE_MAX = 80;

/** "No answer needed" for these comments. */
export const dismissAnswerBody = z.object({
  ids: z
    .array(commentId, { error: "ids must be a list of comment ids" })
    .min(1, "ids is empty")
    .max(BULK_MAX, `at most ${BULK_MAX} ids at once`),
});

export const replyTemplateBody = z.object({
  title: required(staffText("title", TEMPLATE_TITLE_MAX, "line"), "title"),
  // A template becomes a staff reply: the readers' rules for a comment's text.
  body: postCommentBody.shape.body,
});

export const templateIdParam = z.object({ id: rowId("template") });

export type DismissAnswerInput = z.output<typeof dismissAnswerBody>;
export type ReplyTemplateInput = z.output<typeof replyTemplateBody>;

/** scheme://host[:port] exactly as browsers send it in Origin: no path, no trailing slash. */
const bareOrigin = z.string().refine(
  (s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
    } catch {
      return false;
    }
  },
  { message: "must be a bare origin such as https://www.example.com (lowercase, no path)" },
);

export const settingsBody = z.object({
  name: required(staffText("name", SITE_NAME_MAX, "name"), "name"),
  allowedOrigins: z
    .array(bareOrigin)
    .max(ALLOWED_ORIGINS_MAX, `at most ${ALLOWED_ORIGINS_MAX} origins`)
    .refine((list) => new Set(list).size === list.length, "allowedOrigins lists an origin twice"),
  // Only the keys sent change; unknown keys are refused by name rather than dropped (a typo must not look saved).
  settings: siteSettingsPatch,
});

export { commentIdParam };

export const commenterIdParam = z.object({ id: rowId("commenter") });

// ---- figures (stats) ----
export const STATS_DAYS = ["7", "30", "90"] as const;
/** Minutes east of UTC: the widest offsets in use are UTC-12 and UTC+14. */
export const STATS_TZ_MAX = 840;

export const statsQuery = z.object({
  days: z.enum(STATS_DAYS, { error: "days must be 7, 30 or 90" }).default("30").transform(Number),
  tz: z
    .string({ error: "tz must be a whole number of minutes east of UTC" })
    .regex(/^[+-]?\d{1,4}$/, "tz must be a whole number of minutes east of UTC")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(-STATS_TZ_MAX, `tz must be from -${STATS_TZ_MAX} to ${STATS_TZ_MAX} minutes`)
        .max(STATS_TZ_MAX, `tz must be from -${STATS_TZ_MAX} to ${STATS_TZ_MAX} minutes`),
    )
    .default(0),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

export type StatsQuery = z.output<typeof statsQuery>;

export type SignInInput = z.output<typeof signInBody>;
export type PageQuery = z.output<typeof pageQuery>;
export type ModerationInput = z.output<typeof moderationBody>;
export type FeatureInput = z.output<typeof featureBody>;
export type BanInput = z.output<typeof banBody>;
export type ReplyInput = z.output<typeof replyBody>;
export type SettingsInput = z.output<typeof settingsBody>;
export type StoryInput = z.output<typeof storyBody>;

// ---- alerts ----
export const alertsQuery = z.object({
  status: z.enum(["open", "all"], { error: "status must be open or all" }).default("open"),
});
export const incidentIdParam = z.object({ id: rowId("incident") });
export const alertMailBody = z.object({ enabled: z.boolean({ error: "enabled must be true or false" }) });
