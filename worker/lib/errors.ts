// ApiError and the single JSON error shape every failure is answered with.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ErrorResponse } from "../schemas/views";

type Issue = NonNullable<ErrorResponse["error"]["issues"]>[number];
export type ErrorDetails = NonNullable<ErrorResponse["error"]["details"]>;

/**
 * A refusal we mean: thrown anywhere, answered as `{ error: { code, message, issues?, details? } }`.
 * `headers` go on the response too (e.g. Retry-After on a 429).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
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

export function errorBody(code: string, message: string, issues?: Issue[], details?: ErrorDetails): ErrorResponse {
  return { error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } };
}

/** app.onError: known refusals keep their status; anything else is logged and answered 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.issues, err.extra?.details), err.status, err.extra?.headers);
  }
  if (err instanceof HTTPException) {
    return c.json(errorBody("http_error", err.message || "Request refused."), err.status);
  }
  console.error("Unhandled error", c.req.method, c.req.path, err);
  return c.json(errorBody("internal", "Something went wrong on our side. Please try again."), 500);
}
