// ApiError and the single JSON error shape every failure is answered with.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ErrorResponse } from "../schemas/views";
import { currentRequestId } from "./request-id";

/**
 * Every code the reader API (/api/v1/{site}/…) can answer with. The widget shows each in the
 * reader's language (widget/locales), so a code added here needs a message there, in every
 * locale: the locales' type requires it and test/worker/error-codes.test.ts checks it.
 */
export const READER_ERROR_CODES = [
  // any request
  "validation_failed",
  "invalid_json",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "http_error",
  "internal",
  // the site and where the request comes from
  "site_not_found",
  "origin_not_allowed",
  "origin_required",
  // who the reader is
  "invalid_token",
  "invalid_sso_token",
  "sso_token_expired",
  "sign_in_required",
  "credentials_required",
  "not_author",
  // what was asked for
  "story_not_found",
  "comment_not_found",
  "parent_not_found",
  "parent_story_mismatch",
  "not_a_thread",
  "invalid_cursor",
  // own comments
  "comment_not_editable",
  "edit_window_closed",
  // posting: a retried post, then the moderation pipeline's refusals
  "invalid_idempotency_key",
  "idempotency_key_reused",
  "story_closed",
  "author_banned",
  "flood",
  "duplicate",
  "charter_violation",
  // reports
  "already_reported",
  // the bot check (Turnstile): a guest write without a token that siteverify accepts
  "bot_check_failed",
  // appeals against a decision on one's comment (DSA Art. 20)
  "nothing_to_appeal", "appeal_exists", "appeal_window_closed",
] as const;
export type ReaderErrorCode = (typeof READER_ERROR_CODES)[number];

/** Codes only the staff API (/api/admin/…) answers with: the dashboard is the client. */
export const STAFF_ERROR_CODES = [
  "csrf_refused",
  "unauthenticated",
  "forbidden",
  "invalid_credentials",
  "too_many_attempts",
  "commenter_not_found",
  "commenter_is_staff",
  "comment_not_published",
  "template_not_found",
  "too_many_templates",
  "incident_not_found",
  "delivery_not_found",
  "appeal_not_found", "appeal_decided", "appeal_needs_other_moderator",
  "notice_not_found", "notice_decided", // a notice of illegal content (DSA Art. 16): unknown on this site, or already decided
  "site_exists", "member_not_found", "last_admin", "too_many_invitations", "invitation_invalid", "invitation_expired", "invitation_used", // sites and teams (issue 12)
] as const;

/** Every code the worker answers with: ApiError and errorBody take nothing else (the API's contract). */
export const ERROR_CODES = [...READER_ERROR_CODES, ...STAFF_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

type Issue = NonNullable<ErrorResponse["error"]["issues"]>[number];
export type ErrorDetails = NonNullable<ErrorResponse["error"]["details"]>;

/**
 * A refusal we mean: thrown anywhere, answered as
 * `{ error: { code, message, issues?, details?, requestId } }`.
 * `headers` go on the response too (e.g. Retry-After on a 429).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly extra?: { details?: ErrorDetails; headers?: Record<string, string> },
  ) {
    super(message);
  }
}

export function validationError(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    // Our own checks say why (empty, too_long, control_character…); zod's keep zod's code.
    code: i.code === "custom" && typeof i.params?.reason === "string" ? i.params.reason : i.code,
  }));
  const first = issues[0];
  const where = first && first.path.length ? `${first.path.join(".")}: ` : "";
  return new ApiError(400, "validation_failed", `Invalid request. ${where}${first?.message ?? ""}`.trim(), issues);
}

/** An error answer carries the request's id (lib/request-id.ts), for the reader to quote and staff to find in the logs. */
export type ErrorBody = ErrorResponse & { error: { requestId?: string } };

export function errorBody(code: ErrorCode, message: string, issues?: Issue[], details?: ErrorDetails): ErrorBody {
  const requestId = currentRequestId();
  return { error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}

/** How long a client should wait before trying again when the database failed (seconds). */
export const DATABASE_RETRY_AFTER = 10;

/**
 * Whether the error comes from D1 itself: down, overloaded, timed out, reset, or a statement it
 * could not run (D1 prefixes its errors "D1_…"; SQLite's codes come through as SQLITE_…). Such a
 * request may succeed if tried again later, and a D1 batch is atomic, so nothing was half-written.
 */
export function isDatabaseFailure(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) {
    if (/\bD1_[A-Z_]+\b|\bD1 DB\b|\bSQLITE_[A-Z_]+\b|Network connection lost|storage operation exceeded timeout|object to be reset/.test(e.message)) {
      return true;
    }
  }
  return false;
}

/**
 * app.onError: known refusals keep their status; a database failure is 503 with Retry-After (the
 * widget keeps the reader's text and says to try again: it reads the `internal` code, which costs
 * it no new message); anything else is logged and answered 500. Both log lines start with the
 * request's id, as the answer's body gives it (lib/request-id.ts).
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.issues, err.extra?.details), err.status, err.extra?.headers);
  }
  if (err instanceof HTTPException) {
    return c.json(errorBody("http_error", err.message || "Request refused."), err.status);
  }
  if (isDatabaseFailure(err)) {
    console.error("Database unavailable", c.req.method, c.req.path, err);
    return c.json(
      errorBody("internal", "The comments are temporarily unavailable. Please try again in a moment."),
      503,
      { "Retry-After": String(DATABASE_RETRY_AFTER), "Cache-Control": "no-store" },
    );
  }
  console.error("Unhandled error", c.req.method, c.req.path, err);
  return c.json(errorBody("internal", "Something went wrong on our side. Please try again."), 500);
}
