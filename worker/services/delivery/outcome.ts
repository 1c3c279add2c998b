// What one try of a delivery came to, and the HTTP answers' meaning for a retry.

export type Outcome =
  | { ok: true; via: "email" | "api" | "outbox" | "http" }
  /** `retry`: another try may succeed (5xx, 408, 429, timeout, network); false: it would not */
  | { ok: false; error: string; retry: boolean };

/** The per-try timeout: 10 s, lowered by DELIVERY_TIMEOUT_MS (the tests). */
export function tryTimeoutMs(env: { DELIVERY_TIMEOUT_MS?: string }): number {
  const ms = Number(env.DELIVERY_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 10_000;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A fetch with the try's timeout; a thrown error becomes a retryable outcome naming the cause. */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  read: (res: Response) => Promise<Outcome>,
): Promise<Outcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal });
    return await read(res);
  } catch (err) {
    if (signal.aborted) return { ok: false, error: `timeout after ${seconds(timeoutMs)}`, retry: true };
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `network error: ${why}`.slice(0, 500), retry: true };
  }
}

/** 408 and 429 say "later"; other 4xx say the request itself is wrong, so a retry would not help. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** A short excerpt of an error answer, for the outbox's last_error. */
export async function answerExcerpt(res: Response): Promise<string> {
  const text = (await res.text()).replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
