// Request validation with zod: JSON bodies (415/400) and query strings (400), typed for c.req.valid.
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../env";
import { ApiError, validationError } from "./errors";

/** Largest request body read at all; checked before parsing (see bodyLimit in routes). */
export const MAX_BODY_BYTES = 64 * 1024;

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

// fatal: bytes that are not UTF-8 are refused, not repaired into U+FFFD and stored as if typed.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** A request body as JSON: refused (400 invalid_json) unless it is valid UTF-8 holding valid JSON. */
export function parseJsonBytes(bytes: ArrayBuffer | Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid UTF-8 text: send JSON encoded in UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

export function jsonBody<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    const mediaType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "application/json") {
      throw new ApiError(415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
    }
    c.req.addValidatedData("json", parseOrThrow(schema, parseJsonBytes(await c.req.arrayBuffer())) as object);
    await next();
  };
}

export function queryParams<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { query: Record<string, string> }; out: { query: z.output<S> } }> {
  return async (c, next) => {
    const raw = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    c.req.addValidatedData("query", parseOrThrow(schema, raw) as object);
    await next();
  };
}
