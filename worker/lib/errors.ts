// ApiError and the single JSON error shape every failure is answered with.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ErrorResponse } from "../schemas/views";
import { currentRequestId } from "./request-id";

// The closed list of codes lives in ./error-codes (no runtime imports), so that the schemas the
// widget and the dashboard share can name the codes without pulling in the Worker's request context.
export { ERROR_CODES, READER_ERROR_CODES, STAFF_ERROR_CODES, type ErrorCode, type ReaderErrorCode } from "./error-codes";
import type { ErrorCode } from "./error-codes";

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
  const where = first?.path.length ? `${first.path.join(".")}: ` : "";
  return new ApiError(400, "validation_failed", `Invalid request. ${where}${first?.message ?? ""}`.trim(), issues);
}

/** An error answer carries the request's id (lib/request-id.ts), for the reader to quote and staff to find in the logs. */
export type ErrorBody = ErrorResponse;

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
    if (
      /\bD1_[A-Z_]+\b|\bD1 DB\b|\bSQLITE_[A-Z_]+\b|Network connection lost|storage operation exceeded timeout|object to be reset/.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/**
 * A site being moved to another database (worker/services/move) refuses writes for the final
 * switch: migration 0019's triggers raise `site_moving`, and a request caught between the registry's
 * switch and the old database's forwarding note is refused the same way. The widget and the
 * dashboard read `internal` with a 503 as "try again in a moment", which is what to do.
 */
export function siteMoving(): ApiError {
  return new ApiError(503, "internal", "This site is moving to another database: try again in a few seconds.", undefined, {
    headers: { "Retry-After": "5", "Cache-Control": "no-store" },
  });
}

function isSiteMoving(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) if (/\bsite_moving\b/.test(e.message)) return true;
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
  if (isSiteMoving(err)) return handleError(siteMoving(), c);
  if (isDatabaseFailure(err)) {
    console.error("Database unavailable", c.req.method, c.req.path, err);
    return c.json(errorBody("internal", "The comments are temporarily unavailable. Please try again in a moment."), 503, {
      "Retry-After": String(DATABASE_RETRY_AFTER),
      "Cache-Control": "no-store",
    });
  }
  console.error("Unhandled error", c.req.method, c.req.path, err);
  return c.json(errorBody("internal", "Something went wrong on our side. Please try again."), 500);
}
