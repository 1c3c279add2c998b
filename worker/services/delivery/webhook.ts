// One try of a webhook: a JSON POST of the stored body, signed when the site has a secret.
import type { OutboxRow } from "../../db/outbox";
import { answerExcerpt, fetchWithTimeout, retryableStatus, type Outcome } from "./outcome";
import { signWebhook } from "./sign";

export async function postWebhook(row: OutboxRow, secret: string, timeoutMs: number, now: number): Promise<Outcome> {
  const timestamp = Math.floor(now / 1000);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "Palabre",
    "X-Palabre-Timestamp": String(timestamp),
    // The same on every try of one delivery, so that a receiver can drop a repeat.
    "X-Palabre-Delivery": String(row.id),
  };
  if (secret !== "") headers["X-Palabre-Signature"] = `sha256=${await signWebhook(secret, timestamp, row.body)}`;
  // A redirect is not followed: it could lead off https, and the receiver should be given its final address.
  return fetchWithTimeout(row.recipient, { method: "POST", headers, body: row.body, redirect: "manual" }, timeoutMs, async (res) => {
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel();
      return { ok: true, via: "http" };
    }
    const excerpt = await answerExcerpt(res);
    const said = excerpt ? `: ${excerpt}` : "";
    if (res.status === 410) {
      return { ok: false, error: `HTTP 410 Gone: the receiver is gone; change or remove the webhook URL${said}`, retry: false };
    }
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get("location");
      return {
        ok: false,
        error: `HTTP ${res.status}: the receiver redirects${to ? ` to ${to}` : ""}; set the webhook URL to its final address`,
        retry: false,
      };
    }
    if (retryableStatus(res.status)) return { ok: false, error: `HTTP ${res.status}${said}`, retry: true };
    return { ok: false, error: `HTTP ${res.status}: refused by the receiver, a retry would not help${said}`, retry: false };
  });
}
