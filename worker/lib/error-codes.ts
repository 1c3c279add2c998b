// Every error code the API answers with: one closed list, which the widget's and the dashboard's
// locales are checked against (test/worker/error-codes.test.ts, test/build/locale-error-codes.test.ts).
// Pure data: worker/schemas/views.ts re-exports its types for the browser code.

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
  // the live channel (GET /api/v1/{site}/live) asked for without a WebSocket upgrade
  "upgrade_required",
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
  "nothing_to_appeal",
  "appeal_exists",
  "appeal_window_closed",
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
  "appeal_not_found",
  "appeal_decided",
  "appeal_needs_other_moderator",
  "notice_not_found",
  "notice_decided", // a notice of illegal content (DSA Art. 16): unknown on this site, or already decided
  "site_exists",
  "member_not_found",
  "last_admin",
  "too_many_invitations",
  "invitation_invalid",
  "invitation_expired",
  "invitation_used", // sites and teams (issue 12)
] as const;

/** Every code the worker answers with: ApiError and errorBody take nothing else (the API's contract). */
export const ERROR_CODES = [...READER_ERROR_CODES, ...STAFF_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
