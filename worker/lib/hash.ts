// Hashes and random tokens: SHA-256 hex, commenter tokens, the keyed IP hash and the body hash.
import { env } from "cloudflare:workers";
import { ApiError } from "./errors";

const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** 32 random bytes as base64url (43 characters): a bearer secret, stored only as its SHA-256. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** What stands for an IP we cannot know (no Cloudflare header, no proxy header). */
export const UNKNOWN_IP = "unknown";

/**
 * The poster's IP: Cloudflare's CF-Connecting-IP (which a client cannot set through Cloudflare),
 * else the first hop of X-Forwarded-For (local tools), else UNKNOWN_IP.
 */
export function clientIp(headers: Headers): string {
  const cf = headers.get("CF-Connecting-IP")?.trim();
  if (cf) return cf;
  const first = headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
  return first || UNKNOWN_IP;
}

/**
 * IPs are never stored: only HMAC-SHA256(IP_HASH_KEY, "site:ip"). The site in the message keeps
 * sites from matching each other's readers; the secret key keeps anyone holding the database (a
 * backup, an export) from reversing the hashes by trying all of IPv4, which takes minutes for a
 * bare hash. Without a key we refuse (503) rather than fall back to a reversible hash.
 */
export function ipHash(siteId: string, ip: string): Promise<string> {
  return hmacSha256Hex(ipHashKey(), `${siteId}:${ip}`);
}

export const IP_HASH_KEY_MIN = 16;

const keys = new Map<string, Promise<CryptoKey>>();

async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  const mac = await crypto.subtle.sign("HMAC", await key, encoder.encode(message));
  let hex = "";
  for (const byte of new Uint8Array(mac)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** The Worker secret, or a 503 that says loudly (in the log) what the operator must do. */
function ipHashKey(): string {
  const secret = env.IP_HASH_KEY;
  if (typeof secret === "string" && secret.length >= IP_HASH_KEY_MIN) return secret;
  console.error(
    `IP_HASH_KEY is ${secret ? `shorter than ${IP_HASH_KEY_MIN} characters` : "not set"}: refusing every request that records a network. ` +
      "Set it with `wrangler secret put IP_HASH_KEY` (e.g. the output of `openssl rand -base64 32`); `npm start` writes one into .dev.vars.",
  );
  throw new ApiError(503, "internal", "Palabre is not fully configured on this server yet. Please try again later.", undefined, {
    headers: { "Retry-After": "300" },
  });
}

/** The text as the duplicate rule compares it: lowercased, every run of white space one space. */
export function normalizeForDuplicate(body: string): string {
  return body.toLowerCase().replace(/\s+/gu, " ").trim();
}

export function bodyHash(body: string): Promise<string> {
  return sha256Hex(normalizeForDuplicate(body));
}
