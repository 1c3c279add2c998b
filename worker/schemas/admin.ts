// Request schemas of the staff API (/api/admin/…): the single source of truth for its input rules.
import { z } from "zod";
import { codePointLength, findTextProblem, normalizeText } from "../../widget/text/rules";
import { commentIdParam, postCommentBody, rowId, threadQuery, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "./reader";
import { siteSettingsSchema } from "./site-settings";
import type { QueueName, RejectReason } from "./admin-views";

// A story is named by its key, with the readers' rules for keys.
const threadStoryKey = threadQuery.shape.story;

export const QUEUES = ["pending", "reported", "recent", "rejected", "featured"] as const satisfies readonly QueueName[];
export const REJECT_REASONS = ["spam", "abuse", "off_topic", "charter", "other"] as const satisfies readonly RejectReason[];
export const BULK_MAX = 100;
export const FEATURE_NOTE_MAX = 280;
export const BAN_REASON_MAX = 500;
export const SITE_NAME_MAX = 100;
export const ALLOWED_ORIGINS_MAX = 50;
/** a suspension lasts at most a year; longer is a ban */
export const SUSPEND_HOURS_MAX = 24 * 365;

/** Text typed by staff: stored faithfully (no broken or control characters), NFC, trimmed, measured. */
function staffText(label: string, max: number, multiline: boolean) {
  return z
    .string({ error: `${label} must be text` })
    .refine((s) => findTextProblem(s.replace(/\r\n?/g, "\n"), { multiline }) === null, {
      message: `${label} contains a control or broken character`,
      params: { reason: "control_character" },
    })
    .transform(normalizeText)
    .refine((s) => codePointLength(s) <= max, {
      message: `${label} is longer than ${max} characters`,
      params: { reason: "too_long" },
    });
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
});

export const featureBody = z.object({
  // An empty note is no note.
  note: staffText("note", FEATURE_NOTE_MAX, true)
    .transform((s) => s || null)
    .nullish(),
});

export const banBody = z.object({
  duration: z.union([z.literal("permanent"), z.object({ hours: z.number().int().min(1).max(SUSPEND_HOURS_MAX) })], {
    error: `duration must be "permanent" or { hours: 1..${SUSPEND_HOURS_MAX} }`,
  }),
  reason: required(staffText("reason", BAN_REASON_MAX, false), "reason"),
});

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
  name: required(staffText("name", SITE_NAME_MAX, false), "name"),
  allowedOrigins: z
    .array(bareOrigin)
    .max(ALLOWED_ORIGINS_MAX, `at most ${ALLOWED_ORIGINS_MAX} origins`)
    .refine((list) => new Set(list).size === list.length, "allowedOrigins lists an origin twice"),
  // Unknown keys are refused rather than dropped: a typo must not look saved.
  settings: siteSettingsSchema.strict(),
});

export { commentIdParam };

export const commenterIdParam = z.object({ id: rowId("commenter") });

export type SignInInput = z.output<typeof signInBody>;
export type PageQuery = z.output<typeof pageQuery>;
export type ModerationInput = z.output<typeof moderationBody>;
export type FeatureInput = z.output<typeof featureBody>;
export type BanInput = z.output<typeof banBody>;
export type ReplyInput = z.output<typeof replyBody>;
export type SettingsInput = z.output<typeof settingsBody>;
export type StoryInput = z.output<typeof storyBody>;
