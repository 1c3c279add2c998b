// Test helpers for the reader features: signing SSO tokens (HS256 with WebCrypto, as a site's
// server would) and calling the reader endpoints added with them.
import { api, sitePath, type Reader, type TestSite } from "./support";

/** A site secret long enough for the settings (32+ characters). */
export const SSO_SECRET = "test-secret-0123456789-abcdefghijklmnop";

function base64Url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  let binary = "";
  for (const b of data) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Signs claims as a site would; `exp` defaults to 10 minutes from now, `alg` to HS256. */
export async function signSso(
  claims: Record<string, unknown>,
  secret = SSO_SECRET,
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
): Promise<string> {
  const payload = { exp: Math.floor(Date.now() / 1000) + 600, ...claims };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(signingInput)));
  return `${signingInput}.${base64Url(signature)}`;
}

function headersOf(reader: Reader, json: boolean): Record<string, string> {
  return {
    ...(json ? { "Content-Type": "application/json" } : {}),
    ...(reader.token ? { Authorization: `Bearer ${reader.token}` } : {}),
    ...(reader.ip ? { "CF-Connecting-IP": reader.ip } : {}),
  };
}

function originOf(site: TestSite, reader: Reader): string | null {
  return reader.origin === undefined ? site.origin : reader.origin;
}

export function editComment(site: TestSite, id: number, body: unknown, reader: Reader = {}): Promise<Response> {
  return api(sitePath(site, `/comments/${id}`), {
    method: "PATCH",
    origin: originOf(site, reader),
    headers: headersOf(reader, true),
    body: JSON.stringify(body),
  });
}

export function deleteComment(site: TestSite, id: number, reader: Reader = {}): Promise<Response> {
  return api(sitePath(site, `/comments/${id}`), {
    method: "DELETE",
    origin: originOf(site, reader),
    headers: headersOf(reader, false),
  });
}

export function react(site: TestSite, id: number, reader: Reader = {}, on = true): Promise<Response> {
  return api(sitePath(site, `/comments/${id}/reaction`), {
    method: on ? "PUT" : "DELETE",
    origin: originOf(site, reader),
    headers: headersOf(reader, false),
  });
}

function query(q: Record<string, string | number | undefined | (string | number)[]>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) for (const item of v) qs.append(k, String(item));
    else if (v !== undefined) qs.set(k, String(v));
  }
  return qs.toString();
}

/** GET a reader endpoint with query values, as a reader, with extra headers (e.g. If-None-Match). */
export function getAs(
  site: TestSite,
  path: string,
  q: Record<string, string | number | undefined | (string | number)[]>,
  reader: Reader = {},
  extra: Record<string, string> = {},
): Promise<Response> {
  return api(sitePath(site, `${path}?${query(q)}`), {
    origin: originOf(site, reader),
    headers: { ...headersOf(reader, false), ...extra },
  });
}
