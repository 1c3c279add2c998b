// The reader's commenter token, sent as `Authorization: Bearer <token>` by the widget.
import { ApiError } from "./errors";

// Long enough for an SSO token (a JWT with a name, an email and an avatar URL).
const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]{1,4096})$/i;

export const invalidToken = () =>
  new ApiError(401, "invalid_token", "This commenter token is not known on this site. Post without it to get a new one.");

/**
 * The token, or null when none is sent. For a write, an Authorization header that is not a
 * bearer token is refused like an unknown token; a read just ignores it (the reader stays anonymous).
 */
export function bearerToken(header: string | undefined, opts: { strict: boolean }): string | null {
  if (header === undefined || header.trim() === "") return null;
  const match = BEARER.exec(header.trim());
  if (match) return match[1]!;
  if (opts.strict) throw invalidToken();
  return null;
}
