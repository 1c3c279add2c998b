// Hashes and random tokens: SHA-256 hex, commenter tokens, the salted IP hash and the body hash.

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

/** IPs are never stored: only this hash, salted with the site so that sites cannot match readers. */
export function ipHash(siteId: string, ip: string): Promise<string> {
  return sha256Hex(`${siteId}:${ip}`);
}

/** The text as the duplicate rule compares it: lowercased, every run of white space one space. */
export function normalizeForDuplicate(body: string): string {
  return body.toLowerCase().replace(/\s+/gu, " ").trim();
}

export function bodyHash(body: string): Promise<string> {
  return sha256Hex(normalizeForDuplicate(body));
}
