// Request schemas of the reader API (/api/v1/{site}/…): the single source of truth for input rules.
import { z } from "zod";
import { BODY_MAX, NAME_MAX, findTextProblem, normalizeText } from "../../common/text/rules";
import { boundedText, requiredText, type TextKind } from "./text";

export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const STORY_KEY_MAX = 500;
export const PAGE_LIMIT_DEFAULT = 20;
export const COUNTS_KEYS_MAX = 100;
export const PAGE_LIMIT_MAX = 100;
export const FEATURED_LIMIT_DEFAULT = 10;
export const FEATURED_LIMIT_MAX = 50;
export const REPORT_NOTE_MAX = 500;

/** Text typed by a reader, refused with a reason (`params.reason`) if it cannot be stored faithfully. */
function userText(label: string, max: number, kind: TextKind) {
  return requiredText(label, max, kind);
}

/** Like userText, for a field that may be left blank: blank reads as null. */
function optionalUserText(label: string, max: number, kind: TextKind) {
  return boundedText(label, max, kind)
    .transform((s) => s || null)
    .nullish();
}

const storyKey = z
  .string({ error: "story is required" })
  .trim()
  .min(1, "story is empty")
  .max(STORY_KEY_MAX, `story is longer than ${STORY_KEY_MAX} characters`)
  .refine((s) => findTextProblem(s, { multiline: false }) === null, "story contains a control character");

/** An absolute http(s) URL (a page, an avatar). */
export const pageUrl = z
  .string()
  .max(2048, "url is longer than 2048 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "url must be an absolute http(s) URL");

const pageTitle = z
  .string()
  .transform(normalizeText)
  .refine((s) => findTextProblem(s, { multiline: false }) === null, "title contains a control character")
  .transform((s) => Array.from(s).slice(0, 300).join("") || undefined);

/** A row id given in a path or query ("12"), refused with a message naming what it should be. */
export function rowId(what: string) {
  const message = `must be a ${what} id`;
  // A path or query id is digits only: JavaScript's Number() would also read " 1", "1e3" or "0x10"
  // as ids, naming a row the client never wrote.
  return z.preprocess(
    (v) => (typeof v === "string" ? (/^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : Number.NaN) : v),
    z.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message),
  );
}

const commentId = rowId("comment");

const limit = z.coerce
  .number()
  .int("limit must be a whole number")
  .min(1, "limit must be at least 1")
  .max(PAGE_LIMIT_MAX, `limit must be at most ${PAGE_LIMIT_MAX}`)
  .default(PAGE_LIMIT_DEFAULT);

const cursor = z.string().max(200, "cursor is not valid").optional();

export const threadQuery = z.object({
  story: storyKey,
  sort: z.enum(["newest", "oldest", "top"], { error: "sort must be newest, oldest or top" }).default("newest"),
  cursor,
  limit,
  url: pageUrl.optional(),
  title: pageTitle.optional(),
});

export const repliesQuery = z.object({ cursor, limit });

/** GET /live: the story whose live notices the socket receives. */
export const liveQuery = z.object({ story: storyKey });

export const commentIdParam = z.object({ id: commentId });

export const postCommentBody = z.object({
  story: storyKey,
  url: pageUrl.optional(),
  title: pageTitle.optional(),
  parentId: z.number({ error: "parentId must be a comment id" }).int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
  body: userText("body", BODY_MAX, "multiline"),
  /** required of guests; a reader signed in through the site (SSO) signs with the token's name */
  author: z.object({ name: userText("author.name", NAME_MAX, "name") }, { error: "author must be an object with a name" }).optional(),
  /** sent again after a charter_violation: store the comment anyway (it is stored as rejected) */
  confirm: z.boolean({ error: "confirm must be true or false" }).optional(),
});

export const reportBody = z.object({
  reason: z.enum(["spam", "abuse", "off-topic", "other"], { error: "reason must be spam, abuse, off-topic or other" }),
  note: optionalUserText("note", REPORT_NOTE_MAX, "multiline"),
});

/** PATCH /comments/{id}: the new text (and confirm, as for a post, after a charter_violation) */
export const editCommentBody = z.object({
  body: userText("body", BODY_MAX, "multiline"),
  confirm: z.boolean({ error: "confirm must be true or false" }).optional(),
});

/** POST /comments/{id}/subscription: a guest's address (a signed-in reader's comes from their token) */
export const subscriptionBody = z.object({
  email: z.string({ error: "email must be text" }).trim().max(254, "email is longer than 254 characters").optional(),
});

export const newsQuery = z.object({
  story: storyKey,
  after: z.coerce
    .number({ error: "after must be a comment id" })
    .int("after must be a comment id")
    .min(0, "after must be a comment id")
    .max(Number.MAX_SAFE_INTEGER)
    .default(0),
});

export const contextQuery = z.object({
  sort: threadQuery.shape.sort,
  limit,
});

/** ?story=a&story=b…: each a story key; duplicates are fine (answered once) */
export const countsQuery = z.object({
  story: z
    .union([storyKey, z.array(storyKey)], { error: "story is required" })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .refine((keys) => keys.length <= COUNTS_KEYS_MAX, `at most ${COUNTS_KEYS_MAX} stories per request`),
});

export const featuredQuery = z.object({
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(FEATURED_LIMIT_MAX, `limit must be at most ${FEATURED_LIMIT_MAX}`)
    .default(FEATURED_LIMIT_DEFAULT),
});

export type ThreadQuery = z.output<typeof threadQuery>;
export type RepliesQuery = z.output<typeof repliesQuery>;
export type PostCommentInput = z.output<typeof postCommentBody>;
export type ReportInput = z.output<typeof reportBody>;
export type EditCommentInput = z.output<typeof editCommentBody>;
export type SubscriptionInput = z.output<typeof subscriptionBody>;
export type NewsQuery = z.output<typeof newsQuery>;
export type ContextQuery = z.output<typeof contextQuery>;
export type CountsQuery = z.output<typeof countsQuery>;
export type FeaturedQuery = z.output<typeof featuredQuery>;
