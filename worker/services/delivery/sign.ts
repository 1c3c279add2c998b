// The webhook signature: HMAC-SHA256 with the site's webhookSecret over "<timestamp>.<body>", hex.
// Signing the timestamp with the body lets a receiver refuse a replayed call (see the README).

const encoder = new TextEncoder();

export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
