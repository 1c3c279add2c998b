// SSO tokens: HS256 JWTs signed by a site with its ssoSecret, verified with WebCrypto.
import { z } from "zod";
import { ApiError } from "../lib/errors";
import { NAME_MAX, findNameProblem, normalizeText } from "../../common/text/rules";
import { pageUrl } from "../schemas/reader";

/** Three base64url parts: what tells an SSO token from a guest commenter token (which has no dot). */
export const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A token may not live longer than this: the site signs short-lived tokens, not sessions. */
export const SSO_MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Clocks of the site and of Cloudflare differ a little. */
const CLOCK_SKEW_MS = 60 * 1000;

export interface SsoClaims {
  sub: string;
  name: string;
  email: string | null;
  avatar: string | null;
  exp: number;
}

export const invalidSsoToken = (why: string) =>
  new ApiError(401, "invalid_sso_token", `This sign-in token is not valid for this site: ${why}. Sign in again.`);

const ssoExpired = () => new ApiError(401, "sso_token_expired", "Your sign-in has expired. Sign in again to continue.");

const claimsSchema = z.object({
  sub: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(200)),
  name: z
    .string()
    .transform(normalizeText)
    .refine((s) => s.trim().length > 0 && Array.from(s).length <= NAME_MAX)
    .refine((s) => findNameProblem(s) === null),
  email: z.string().max(320).nullish(),
  avatar: pageUrl.nullish(),
  exp: z.number().finite(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  site: z.string().optional(),
});

function base64UrlBytes(part: string): Uint8Array {
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(base64UrlBytes(part)));
  } catch {
    throw invalidSsoToken("it is malformed");
  }
}

const encoder = new TextEncoder();

/**
 * The claims of a token signed by this site, or a 401: the signature is checked first (with
 * crypto.subtle.verify, which compares in constant time), then expiry and audience. A site with
 * no ssoSecret accepts no token at all.
 */
export async function verifySsoToken(token: string, site: { id: string; ssoSecret: string }, now: number): Promise<SsoClaims> {
  if (site.ssoSecret === "") throw invalidSsoToken("this site does not use sign-in through its own accounts");
  if (!JWT_SHAPE.test(token)) throw invalidSsoToken("it is malformed");
  const [headerPart, payloadPart, signaturePart] = token.split(".") as [string, string, string];
  const header = decodeJson(headerPart) as { alg?: unknown } | null;
  if (!header || typeof header !== "object" || header.alg !== "HS256") throw invalidSsoToken("it must be signed with HS256");

  let signature: Uint8Array;
  try {
    signature = base64UrlBytes(signaturePart);
  } catch {
    throw invalidSsoToken("it is malformed");
  }
  const key = await crypto.subtle.importKey("raw", encoder.encode(site.ssoSecret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const valid = await crypto.subtle.verify("HMAC", key, signature, encoder.encode(`${headerPart}.${payloadPart}`));
  if (!valid) throw invalidSsoToken("its signature does not match this site's secret");

  const parsed = claimsSchema.safeParse(decodeJson(payloadPart));
  if (!parsed.success) throw invalidSsoToken("it needs sub, name and exp (and avatar, if any, must be an http(s) URL)");
  const claims = parsed.data;
  const expMs = claims.exp * 1000;
  if (expMs <= now - CLOCK_SKEW_MS) throw ssoExpired();
  if (expMs > now + SSO_MAX_LIFETIME_MS + CLOCK_SKEW_MS) throw invalidSsoToken("it expires more than 24 hours from now");
  const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if ((claims.aud !== undefined && !audiences.includes(site.id)) || (claims.site !== undefined && claims.site !== site.id)) {
    throw invalidSsoToken("it was made for another site");
  }
  return { sub: claims.sub, name: claims.name, email: claims.email ?? null, avatar: claims.avatar ?? null, exp: claims.exp };
}
