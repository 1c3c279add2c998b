// The bot check: Cloudflare Turnstile, per site (settings turnstile, turnstileSiteKey,
// turnstileSecret). The widget solves a challenge and sends its token in X-Palabre-Turnstile with
// the writes of readers who have no identity yet (guest posts; reports, likes and notices without
// a reader token or SSO sign-in); checkHuman verifies it with siteverify before anything is
// written. Tokens are single-use: every new attempt needs a new one.
import type { SiteRecord } from "../db/sites";
import { ApiError } from "../lib/errors";
import { UNKNOWN_IP } from "../lib/hash";
import type { SiteSettings } from "../schemas/site-settings";

export const TURNSTILE_HEADER = "X-Palabre-Turnstile";
export const DEFAULT_VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
/**
 * Long enough for siteverify on a bad day, short enough that a reader does not wait on a hung
 * connection: the answer is a refusal, the widget keeps the text and asks for a new check.
 */
export const DEFAULT_VERIFY_TIMEOUT_MS = 5_000;
/** Cloudflare's documented maximum token length. */
const TOKEN_MAX = 2048;

/** The Worker variables the check reads (wrangler.toml [vars], or `--var` for the tests). */
export interface BotCheckEnv {
  /** siteverify's address; the tests point it at a local stub (test/support/turnstile-stub.ts) */
  TURNSTILE_VERIFY_URL?: string;
  /** siteverify's timeout in milliseconds (default 5000) */
  TURNSTILE_TIMEOUT_MS?: string;
}

/**
 * Cloudflare's published test secrets (1x… always passes, 2x… always fails, 3x… "already spent")
 * answer with the hostname example.com whatever the page: the hostname check cannot apply to them,
 * and they protect nothing anyway (anyone may use them), so they are for development only.
 */
const TEST_SECRET = /^[123]x0{31}AA$/;

interface SiteverifyAnswer {
  success?: unknown;
  "error-codes"?: unknown;
  hostname?: unknown;
}

/** What the widget is told (the reader API's site context): the public key, when the check is on. */
export function turnstileView(settings: SiteSettings): { siteKey: string } | null {
  return settings.turnstile && settings.turnstileSiteKey !== "" ? { siteKey: settings.turnstileSiteKey } : null;
}

/**
 * Why these settings cannot be saved, or null: the check cannot run without both keys. `settings`
 * are the site's settings as they would be after the save (stored ones merged with the sent ones).
 */
export function turnstileSettingsProblem(settings: SiteSettings): { path: string; message: string } | null {
  if (!settings.turnstile) return null;
  if (settings.turnstileSiteKey === "") {
    return {
      path: "turnstileSiteKey",
      message: "Turnstile needs its site key: set turnstileSiteKey (from the Cloudflare dashboard) before turning the check on",
    };
  }
  if (settings.turnstileSecret === "") {
    return {
      path: "turnstileSecret",
      message: "Turnstile needs its secret key: set turnstileSecret (from the Cloudflare dashboard) before turning the check on",
    };
  }
  return null;
}

/** The 400 an admin's save gets when it turns the check on without both keys (see turnstileSettingsProblem). */
export function checkTurnstileSettings(settings: SiteSettings): void {
  const problem = turnstileSettingsProblem(settings);
  if (!problem) return;
  throw new ApiError(400, "validation_failed", `Invalid request. settings.${problem.path}: ${problem.message}`, [
    { path: ["settings", problem.path], message: problem.message, code: "turnstile_keys" },
  ]);
}

function refused(why: string): ApiError {
  return new ApiError(403, "bot_check_failed", `The check that you are not a robot ${why}. Please do it again, then send again.`);
}

/** The hosts of the site's allowed origins: a token solved anywhere else was not solved for this site. */
function allowedHosts(site: SiteRecord): Set<string> {
  const hosts = new Set<string>();
  for (const origin of site.allowedOrigins) {
    try {
      hosts.add(new URL(origin).hostname.toLowerCase());
    } catch {
      // an origin that is not a URL allows no host
    }
  }
  return hosts;
}

/**
 * Cloudflare's idempotency_key: a retry of the same post (same Idempotency-Key, e.g. after a lost
 * answer) with the same token gets siteverify's first answer again instead of "already spent", so
 * that it reaches the post's own replay; the key is derived, UUID-shaped, from the site and the
 * post's key. Without a post key, a random one per call: a token may then pass only once.
 */
async function idempotencyKey(siteId: string, retryKey: string | undefined): Promise<string> {
  if (retryKey === undefined) return crypto.randomUUID();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`palabre-turnstile:${siteId}:${retryKey}`)));
  digest[6] = (digest[6]! & 0x0f) | 0x40;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function askSiteverify(env: BotCheckEnv, form: URLSearchParams): Promise<SiteverifyAnswer> {
  const url = env.TURNSTILE_VERIFY_URL || DEFAULT_VERIFY_URL;
  const timeout = Number(env.TURNSTILE_TIMEOUT_MS) > 0 ? Number(env.TURNSTILE_TIMEOUT_MS) : DEFAULT_VERIFY_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", body: form, signal: AbortSignal.timeout(timeout) });
  } catch (err) {
    console.error("Turnstile siteverify unreachable", url, err);
    throw refused("could not be verified (the verification service did not answer)");
  }
  const text = await res.text().catch(() => "");
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {
    // not JSON: refused below
  }
  if (!res.ok || answer === null || typeof answer !== "object") {
    console.error("Turnstile siteverify failed", res.status, text.slice(0, 200));
    throw refused("could not be verified (the verification service failed)");
  }
  return answer as SiteverifyAnswer;
}

/**
 * Verifies the request's Turnstile token when the site turned the check on, else does nothing.
 * Refuses (403 bot_check_failed) a missing, malformed, failed, expired or already used token, one
 * solved on a host that is none of the site's allowed origins', and any doubt: siteverify
 * unreachable, slow or answering nonsense (fail closed: the check exists to stop automated writes,
 * and a check that opens when its service is down stops nothing exactly when it is most probed;
 * readers with an identity are not asked, and a guest keeps the text and may try again).
 * Call it before anything is written; it writes nothing itself.
 */
export async function checkHuman(
  env: object,
  site: SiteRecord,
  request: { token: string | undefined; ip: string; retryKey?: string },
): Promise<void> {
  const { settings } = site;
  if (!settings.turnstile) return;
  const token = request.token?.trim() ?? "";
  if (token === "") throw refused(`was not done (no ${TURNSTILE_HEADER} token was sent)`);
  if (token.length > TOKEN_MAX) throw refused("sent a token that is not one");
  if (settings.turnstileSecret === "") {
    // Saving the settings refuses this; a stored secret can still be unusable (hand-edited row).
    console.error("Turnstile is on without a usable secret key", site.id);
    throw refused("could not be verified (this site's check is not configured)");
  }

  const form = new URLSearchParams({ secret: settings.turnstileSecret, response: token });
  if (request.ip !== UNKNOWN_IP) form.set("remoteip", request.ip);
  form.set("idempotency_key", await idempotencyKey(site.id, request.retryKey));
  const answer = await askSiteverify(env as BotCheckEnv, form);

  const codes = Array.isArray(answer["error-codes"]) ? answer["error-codes"].filter((c): c is string => typeof c === "string") : [];
  if (answer.success !== true) {
    if (codes.some((c) => c === "missing-input-secret" || c === "invalid-input-secret" || c === "internal-error")) {
      console.error("Turnstile siteverify refused the site's configuration", site.id, codes);
    }
    throw refused(codes.includes("timeout-or-duplicate") ? "expired or was already used" : "failed");
  }
  if (!TEST_SECRET.test(settings.turnstileSecret)) {
    const hostname = typeof answer.hostname === "string" ? answer.hostname.toLowerCase() : "";
    if (!allowedHosts(site).has(hostname)) throw refused("was solved on another site");
  }
}
