// One try of a mail: Cloudflare Email Service (the EMAIL send_email binding) when bound, else the
// HTTP provider named by the MAIL_API_URL and MAIL_API_KEY secrets (Resend's request format), else
// nobody: in local development the outbox row is the delivered mail ("outbox only").
import type { OutboxRow } from "../../db/outbox";
import type { Env } from "../../env";
import { isMailAddress } from "./address";
import { answerExcerpt, fetchWithTimeout, retryableStatus, type Outcome } from "./outcome";

export function mailFrom(env: Env): string {
  if (env.MAIL_FROM) return env.MAIL_FROM;
  let host = "localhost";
  try {
    host = new URL(env.PALABRE_URL).hostname || host;
  } catch {
    // a PALABRE_URL that is no URL still lets mail go out, from no-reply@localhost
  }
  return `Palabre <no-reply@${host}>`;
}

function storedHeaders(row: OutboxRow): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(row.headers);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

export async function sendMail(env: Env, row: OutboxRow, timeoutMs: number): Promise<Outcome> {
  if (!isMailAddress(row.recipient)) {
    return { ok: false, error: `not an email address: ${JSON.stringify(row.recipient.slice(0, 100))}`, retry: false };
  }
  const mail = {
    from: mailFrom(env),
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    ...(row.html ? { html: row.html } : {}),
    headers: storedHeaders(row),
  };
  if (env.EMAIL) {
    try {
      await env.EMAIL.send(mail);
      return { ok: true, via: "email" };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, error: `Email Service refused: ${why}`.slice(0, 500), retry: true };
    }
  }
  if (env.MAIL_API_URL && env.MAIL_API_KEY) {
    const init: RequestInit = {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.MAIL_API_KEY}`,
        "Content-Type": "application/json",
        "User-Agent": "Palabre",
        // A try that timed out may have been sent all the same: the provider drops the retry (Resend keeps keys 24 h).
        "Idempotency-Key": `palabre-outbox-${row.id}`,
      },
      body: JSON.stringify(mail),
    };
    return fetchWithTimeout(env.MAIL_API_URL, init, timeoutMs, async (res) => {
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel();
        return { ok: true, via: "api" };
      }
      const excerpt = await answerExcerpt(res);
      const error = `mail provider answered HTTP ${res.status}${excerpt ? `: ${excerpt}` : ""}`;
      return { ok: false, error, retry: retryableStatus(res.status) };
    });
  }
  return { ok: true, via: "outbox" };
}
