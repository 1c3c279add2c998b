// Who a reader request comes from: a guest commenter token or a site's SSO token (Authorization: Bearer).
import type { SiteRecord } from "../db/sites";
import { bearerToken } from "../lib/bearer";
import { ApiError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { JWT_SHAPE, verifySsoToken, type SsoClaims } from "./sso";

/**
 * The reader's credential. Both kinds carry a `tokenHash`, the key the commenters table finds
 * them by (commenters_token): a guest's is the SHA-256 of their token; an SSO reader's is derived
 * from the site and the token's `sub` with newlines, which no bearer token can contain, so no
 * guest token can ever hash to it. Every query that finds "the reader's commenter" by token hash
 * (flood, duplicates, own comments, reports) thus works the same for both kinds.
 */
export type ReaderCredential = { kind: "guest"; tokenHash: string } | { kind: "sso"; tokenHash: string; claims: SsoClaims };

export function ssoCredentialHash(siteId: string, sub: string): Promise<string> {
  return sha256Hex(`sso\n${siteId}\n${sub}`);
}

/**
 * The credential in the Authorization header, or null without one. `strict` (writes): a
 * malformed header or a bad SSO token is refused (401). Not strict (reads): they read as an
 * anonymous reader, so an expired sign-in never hides the thread (the answer's viewer is null).
 */
export async function readerCredential(
  site: SiteRecord,
  header: string | undefined,
  opts: { strict: boolean; now: number },
): Promise<ReaderCredential | null> {
  const token = bearerToken(header, opts);
  if (token === null) return null;
  if (!JWT_SHAPE.test(token)) return { kind: "guest", tokenHash: await sha256Hex(token) };
  try {
    const claims = await verifySsoToken(token, { id: site.id, ssoSecret: site.settings.ssoSecret }, opts.now);
    return { kind: "sso", tokenHash: await ssoCredentialHash(site.id, claims.sub), claims };
  } catch (err) {
    if (!opts.strict && err instanceof ApiError) return null;
    throw err;
  }
}

export const signInRequired = () =>
  new ApiError(401, "sign_in_required", "This site asks readers to sign in before they comment or react.");
