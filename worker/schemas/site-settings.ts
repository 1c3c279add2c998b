// A site's settings: stored as JSON in sites.settings, read through this schema so that every key
// has its default and a row written by an older version still reads. The moderation rules live
// here, one key per rule, each with the default a site starts with; the admin's partial update
// and the report of values stored out of range are derived from the same schema.
import { z } from "zod";
import { codePointLength } from "../../common/text/rules";
import { storableText } from "./text";

// Staff text here follows the readers' rules too (no control or broken characters, NFC): the
// charter and the site's name are served to readers, and a word that cannot appear in a stored
// comment could never match one.
const text = (max: number, label = "the text") =>
  storableText(label, "multiline", "must be text").refine((s) => codePointLength(s) <= max, {
    message: `must be at most ${max} characters`,
    params: { reason: "too_long" },
  });
const onOff = () => z.boolean({ error: "must be true or false" });
const wordList = z
  .array(
    storableText("a word", "name", "must be text")
      .refine((s) => s.length > 0, { message: "a word is empty", params: { reason: "empty" } })
      .refine((s) => codePointLength(s) <= 100, { message: "a word is longer than 100 characters", params: { reason: "too_long" } }),
    { error: "must be a list of words" },
  )
  .max(2000, "must list at most 2000 words");
const count = (min: number, max: number) =>
  z
    .number({ error: `must be a number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be from ${min} to ${max}`)
    .max(max, `must be from ${min} to ${max}`);

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * What any webhook URL must be, wherever Palabre runs: https, or http to this machine. Whether
 * http is allowed at all (development only) depends on PALABRE_URL, so the save checks that too
 * (worker/services/delivery/address.ts webhookUrlProblem).
 */
function isWebhookUrl(s: string): boolean {
  try {
    const u = new URL(s);
    if (u.username !== "" || u.password !== "") return false;
    if (u.protocol === "https:") return u.hostname !== "";
    return u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

export const SSO_SECRET_MIN = 32;
export const SSO_SECRET_MAX = 256;

export const siteSettingsSchema = z.object({
  /** the widget's language when neither its `locale` attribute nor the page's lang says */
  defaultLocale: z.enum(["fr", "en"], { error: "must be fr or en" }).default("en"),
  /** the site's colour, shown in the dashboard header so staff always see which site they act on */
  color: z
    .string({ error: "must be a colour such as #3b5bdb" })
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #3b5bdb")
    .default("#3b5bdb"),
  /** the charter readers are pointed to when a comment breaks it (plain text) */
  charter: text(5000, "the charter").default(""),
  /** the charter's clauses, each a ground a moderator may name when rejecting ("clause:N", N from 1) */
  charterClauses: z
    .array(
      text(300, "a clause").refine((s) => s.trim().length > 0, { message: "a clause is empty", params: { reason: "empty" } }),
      { error: "must be a list of clauses" },
    )
    .max(30, "must list at most 30 clauses")
    .default([]),
  /** whole words, case- and accent-insensitive: a comment with one is rejected */
  bannedWords: wordList.default([]),
  /** whole words: a comment with one is held for review */
  suspectWords: wordList.default([]),
  /** a priori moderation for the whole site: every comment is held until a moderator approves it */
  premoderation: onOff().default(false),
  /** hold every comment that contains a link */
  premoderateLinks: onOff().default(false),
  /** hold comments with more links than this */
  maxLinks: count(0, 50).default(3),
  /** an author's first N comments are held until one of them is approved (0: off) */
  newCommenterHold: count(0, 20).default(0),
  /** flood: at most this many comments per author, and per IP, within the window */
  floodMaxPerAuthor: count(0, 1000).default(5),
  floodMaxPerIp: count(0, 1000).default(20),
  floodWindowSeconds: count(0, 86_400).default(60),
  /** the same text from the same author within this many seconds is refused as a duplicate */
  duplicateWindowSeconds: count(0, 30 * 86_400).default(3600),
  /** open reports after which a published comment is hidden until reviewed */
  reportThreshold: count(1, 100).default(3),
  /** stories close N days after their first comment (0: never) */
  closeAfterDays: count(0, 3650).default(0),
  storyUrlPattern: text(300)
    .refine((s) => s === "" || s.startsWith("/"), {
      message: "must be empty or a path starting with / (* matches any characters)",
      params: { reason: "url_pattern" },
    })
    .default(""), // stories only for URLs whose path (and query) matches this glob, e.g. /articles/* ("" = any path on an allowed origin)
  /** readers may post as guests (a name, no account); off: only readers signed in through the site */
  guestPosting: onOff().default(true),
  /** a guest's ban or suspension also covers the networks (IP hashes) their comments came from, for its duration */
  banCoversNetwork: onOff().default(true),
  /**
   * HS256 secret the site signs its readers' SSO tokens with (at least 32 characters); empty: no
   * sign-in through the site. Write-only for the dashboard (see SiteSettingsResponse).
   */
  ssoSecret: z
    .string({ error: "must be text" })
    .refine((s) => s === "" || (s.length >= SSO_SECRET_MIN && s.length <= SSO_SECRET_MAX), {
      message: `must be empty (no sign-in through the site) or ${SSO_SECRET_MIN} to ${SSO_SECRET_MAX} characters`,
      params: { reason: "secret_length" },
    })
    .default(""),
  /** the site's own login page, where "Sign in to comment" sends readers ("" when none) */
  loginUrl: z
    .string({ error: "must be text" })
    .max(2000, "must be at most 2000 characters")
    .refine((s) => s === "" || isHttpUrl(s), { message: "must be empty or an http(s) address", params: { reason: "url" } })
    .default(""),
  /** authors may edit their comment this many minutes after posting it */
  editWindowMinutes: count(0, 7 * 24 * 60).default(15),
  scoreHoldThreshold: count(0, 100).default(80), // automatic scoring (worker/moderation/scoring): at or above this score (0–100) a comment waits for a moderator; 0: never
  scoreNudgeThreshold: count(0, 100).default(90), // at or above this score the author is first asked to reconsider (422 charter_violation, then confirm); 0: never
  scoringBuiltin: onOff().default(true), // the built-in scorer (no service): the word lists through spelling tricks, shouting, repetition, link spam
  scoringWorkersAi: onOff().default(false), // Workers AI Llama Guard (the AI binding)
  scoringWorkersAiFailClosed: onOff().default(false), // when Llama Guard cannot answer: hold for review (true) or publish, noted as unscored (false)
  scoringOpenai: onOff().default(false), // OpenAI's moderation endpoint (secret OPENAI_API_KEY)
  scoringOpenaiFailClosed: onOff().default(false), // when OpenAI cannot answer: hold (true) or publish, noted (false)
  scoringAkismet: onOff().default(false), // Akismet's spam check (secret AKISMET_API_KEY); the poster's IP and name go to Akismet
  scoringAkismetFailClosed: onOff().default(false), // when Akismet cannot answer: hold (true) or publish, noted (false)

  // Alert rules, evaluated every 5 minutes (worker/services/alerts). 0 turns a rule off.
  /** a bad buzz: a story's comments in the last hour reach this many times its hourly average of the last 7 days… */
  alertBuzzFactor: count(0, 100).default(5),
  /** …and at least this many (a quiet story's 3rd comment is not a buzz) */
  alertBuzzFloor: count(1, 100_000).default(30),
  /** reports in the last hour, site-wide */
  alertReportsPerHour: count(0, 100_000).default(15),
  /** a comment held for review waits longer than this many minutes */
  alertPendingMinutes: count(0, 7 * 24 * 60).default(60),
  /** a reader's question waits for a staff answer longer than this many hours */
  alertToAnswerHours: count(0, 30 * 24).default(12),

  /**
   * Incidents are POSTed here (Slack- and Discord-compatible JSON, signed with webhookSecret): an
   * https address, or http on localhost for development; "" for none.
   */
  webhookUrl: z
    .string({ error: "must be text" })
    .max(2000, "must be at most 2000 characters")
    .refine((s) => s === "" || isWebhookUrl(s), {
      message: "must be empty or an https address (http only for localhost, in development)",
      params: { reason: "webhook_url" },
    })
    .default(""),
  /** the HMAC-SHA256 key of the webhook's signature; write-only for the dashboard, like ssoSecret */
  webhookSecret: z
    .string({ error: "must be text" })
    .refine((s) => s === "" || (s.length >= 16 && s.length <= 256), {
      message: "must be empty or 16 to 256 characters",
      params: { reason: "secret_length" },
    })
    .default(""),
  /** also POST when an incident resolves itself */
  webhookOnResolve: onOff().default(false),
  /** readers may ask to be told by mail of answers to their comments */
  replyNotifications: onOff().default(true),
  turnstile: onOff().default(false), // Cloudflare Turnstile (worker/services/bot-check.ts) on guest posts, and on reports and likes without a reader token; needs both keys below
  turnstileSiteKey: z
    .string({ error: "must be text" })
    .refine((s) => /^[\w-]{0,100}$/.test(s), {
      message: "must be empty or a Turnstile site key (letters, digits, - and _)",
      params: { reason: "turnstile_key" },
    })
    .default(""), // public: the widget shows Turnstile with it
  turnstileSecret: z
    .string({ error: "must be text" })
    .refine((s) => /^[\w-]{0,200}$/.test(s), {
      message: "must be empty or a Turnstile secret key (letters, digits, - and _)",
      params: { reason: "turnstile_key" },
    })
    .default(""), // siteverify's secret; write-only for the dashboard, like ssoSecret
});

export type SiteSettings = z.output<typeof siteSettingsSchema>;
export type SettingKey = keyof SiteSettings;

type Shape = typeof siteSettingsSchema.shape;
/** Each setting's own rule, without its default: what a sent or stored value must be. */
const rules = Object.fromEntries(Object.entries(siteSettingsSchema.shape).map(([key, field]) => [key, field.unwrap()])) as {
  [K in SettingKey]: ReturnType<Shape[K]["unwrap"]>;
};
const isSetting = (key: string): key is SettingKey => Object.hasOwn(rules, key);

/**
 * An admin's change: the keys sent are checked and replace the stored ones; a key not sent keeps
 * its stored value (a default never silently replaces it). An unknown key is refused by name, so
 * that a typo does not look saved.
 */
export const siteSettingsPatch = z
  .looseObject(
    Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, rule.optional()])) as {
      [K in SettingKey]: z.ZodOptional<(typeof rules)[K]>;
    },
    { error: "must be an object of settings" },
  )
  .superRefine((patch, ctx) => {
    for (const key of Object.keys(patch)) {
      if (!isSetting(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: `${key} is not a setting`, params: { reason: "unknown_setting" } });
      }
    }
  });

export type SiteSettingsPatch = Partial<SiteSettings>;

/** The settings JSON as stored: an object, or null when it is not JSON or not an object. */
export function parseStoredSettings(json: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(json);
    return raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function readSiteSettings(json: string): SiteSettings {
  // A hand-edited row that is not JSON must not take the site down: fall back to defaults.
  const raw = parseStoredSettings(json) ?? {};
  const parsed = siteSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // One bad key must not reset the others: keep every key that is valid on its own.
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isSetting(key) && rules[key].safeParse(value).success) kept[key] = value;
  }
  return siteSettingsSchema.parse(kept);
}

export interface StoredProblem {
  key: string;
  stored: unknown;
  message: string;
}

/**
 * The stored keys the rules cannot use (they use the default meanwhile), with the value found, so
 * the Settings screen shows them as out of range instead of quietly showing the default. The SSO
 * and webhook secrets are never echoed, not even broken ones; neither is a row that is not JSON (it may hold it).
 */
export function storedSettingsProblems(json: string): StoredProblem[] {
  const raw = parseStoredSettings(json);
  if (raw === null) {
    return [
      { key: "*", stored: null, message: "the stored settings are not a JSON object: every setting uses its default until saved again" },
    ];
  }
  const problems: StoredProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isSetting(key)) {
      problems.push({ key, stored: value, message: `${key} is not a setting: it is ignored, and removed at the next save` });
      continue;
    }
    const result = rules[key].safeParse(value);
    if (result.success) continue;
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.map(String).join(".")}: ` : "";
    if (key === "ssoSecret" || key === "webhookSecret" || key === "turnstileSecret") {
      const length = typeof value === "string" ? `${value.length} characters, ` : "";
      const meanwhile =
        key === "ssoSecret"
          ? "sign-in through the site is off"
          : key === "webhookSecret"
            ? "webhooks are sent unsigned"
            : "the bot check refuses every token";
      problems.push({ key, stored: null, message: `the stored secret (${length}hidden) ${issue.message}; ${meanwhile} meanwhile` });
    } else {
      problems.push({ key, stored: value, message: `${where}${issue.message}` });
    }
  }
  return problems;
}
