// The settings form's model: the ranges of the numeric settings, the form's fields, and the form as
// stored (a value stored out of range is put in its field as it is).
import type { SiteSettingsResponse } from "../worker/schemas/admin-views";
import type { SiteSettings } from "../worker/schemas/site-settings";
import type { ApiIssue } from "./api";
import type { DashboardStrings } from "./locales/en";

/** The numeric settings and their ranges (as worker/schemas/site-settings.ts has them): inputs and messages say them. */
export const RANGES = {
  maxLinks: [0, 50],
  newCommenterHold: [0, 20],
  reportThreshold: [1, 100],
  floodMaxPerAuthor: [0, 1000],
  floodMaxPerIp: [0, 1000],
  floodWindowSeconds: [0, 86_400],
  duplicateWindowSeconds: [0, 30 * 86_400],
  closeAfterDays: [0, 3650],
  editWindowMinutes: [0, 7 * 24 * 60],
  alertBuzzFactor: [0, 100],
  alertBuzzFloor: [1, 100_000],
  alertReportsPerHour: [0, 100_000],
  alertPendingMinutes: [0, 7 * 24 * 60],
  alertToAnswerHours: [0, 30 * 24],
  scoreHoldThreshold: [0, 100],
  scoreNudgeThreshold: [0, 100],
} as const satisfies Partial<Record<keyof SiteSettings, readonly [number, number]>>;

export type NumberKey = keyof typeof RANGES;
/** The rule thresholds, in the Rules section; editWindowMinutes sits with the readers' settings. */
export const THRESHOLDS: NumberKey[] = [
  "maxLinks",
  "newCommenterHold",
  "reportThreshold",
  "floodMaxPerAuthor",
  "floodMaxPerIp",
  "floodWindowSeconds",
  "duplicateWindowSeconds",
  "closeAfterDays",
];
/** The alert rules, in the Alerts section (0 turns one off). */
export const ALERT_NUMBERS: NumberKey[] = [
  "alertBuzzFactor",
  "alertBuzzFloor",
  "alertReportsPerHour",
  "alertPendingMinutes",
  "alertToAnswerHours",
];

/** The automatic scoring's thresholds, in the Trust and safety section. */
export const SCORE_NUMBERS: NumberKey[] = ["scoreHoldThreshold", "scoreNudgeThreshold"];
/** The charter's clauses (worker/schemas/site-settings.ts). */
export const CLAUSES_MAX = 30;
export const CLAUSE_MAX = 300;

/** The webhook secret's length (worker/schemas/site-settings.ts). */
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 256;

/** A write-only secret as the API describes it. */
export interface SecretState {
  set: boolean;
  last4: string | null;
}

/** A write-only secret's state as the API sends it beside ssoSecret (absent from an older worker: not set). */
export const secretState = (res: SiteSettingsResponse, key: "webhookSecret" | "turnstileSecret"): SecretState => {
  const state = (res as unknown as Record<string, SecretState | undefined>)[key];
  return state && typeof state === "object" ? state : { set: false, last4: null };
};
export const webhookSecretState = (res: SiteSettingsResponse): SecretState => secretState(res, "webhookSecret");

/** The scoring providers, each on or off and failing open or closed (worker/moderation/scoring). */
export const PROVIDERS = [
  { on: "scoringBuiltin", failClosed: null },
  { on: "scoringWorkersAi", failClosed: "scoringWorkersAiFailClosed" },
  { on: "scoringOpenai", failClosed: "scoringOpenaiFailClosed" },
  { on: "scoringAkismet", failClosed: "scoringAkismetFailClosed" },
] as const;
type ProviderKey = (typeof PROVIDERS)[number]["on"] | NonNullable<(typeof PROVIDERS)[number]["failClosed"]>;
/** Off unless said: what an older worker's settings, without these keys, amount to. */
const PROVIDER_DEFAULTS: Record<ProviderKey, boolean> = {
  scoringBuiltin: true,
  scoringWorkersAi: false,
  scoringWorkersAiFailClosed: false,
  scoringOpenai: false,
  scoringOpenaiFailClosed: false,
  scoringAkismet: false,
  scoringAkismetFailClosed: false,
};

export type BoolKey =
  | "premoderation"
  | "premoderateLinks"
  | "guestPosting"
  | "banCoversNetwork"
  | "webhookOnResolve"
  | "replyNotifications"
  | "turnstile"
  | ProviderKey;
type TextKey = "color" | "charter" | "loginUrl" | "webhookUrl" | "storyUrlPattern" | "turnstileSiteKey";

export interface Form {
  name: string;
  defaultLocale: SiteSettings["defaultLocale"];
  allowedOrigins: string;
  bannedWords: string;
  suspectWords: string;
  /** one clause per line */
  charterClauses: string;
  text: Record<TextKey, string>;
  flags: Record<BoolKey, boolean>;
  numbers: Record<NumberKey, string>;
  /** null: keep the stored secret; a string: the new one being typed (never prefilled) */
  ssoSecret: string | null;
  /** the same for the webhook's secret */
  webhookSecret: string | null;
  /** the admin asked to remove the webhook's secret at the next save */
  removeWebhookSecret: boolean;
  /** the Turnstile secret, the same way */
  turnstileSecret: string | null;
  removeTurnstileSecret: boolean;
}

/** The form as stored: a value stored out of range is put in its field as it is, not as the default the rules use. */
export function toForm(res: SiteSettingsResponse): Form {
  const stored = new Map(res.invalid.map((i) => [i.key, i.stored]));
  const raw = (key: string, applied: unknown): unknown => (stored.has(key) ? stored.get(key) : applied);
  const asText = (v: unknown) =>
    v === null || v === undefined ? "" : typeof v === "string" ? v : Array.isArray(v) ? v.join("\n") : JSON.stringify(v);
  const s = res.settings;
  const colour = raw("color", s.color);
  return {
    name: res.site.name,
    defaultLocale: s.defaultLocale,
    allowedOrigins: res.site.allowedOrigins.join("\n"),
    bannedWords: asText(raw("bannedWords", s.bannedWords)),
    suspectWords: asText(raw("suspectWords", s.suspectWords)),
    charterClauses: asText(raw("charterClauses", s.charterClauses ?? [])),
    text: {
      // A colour input only holds #rrggbb: an invalid stored colour shows in the warning instead.
      color: typeof colour === "string" && /^#[0-9a-f]{6}$/i.test(colour) ? colour : s.color,
      charter: asText(raw("charter", s.charter)),
      loginUrl: asText(raw("loginUrl", s.loginUrl)),
      webhookUrl: asText(raw("webhookUrl", s.webhookUrl ?? "")),
      storyUrlPattern: asText(raw("storyUrlPattern", s.storyUrlPattern ?? "")),
      turnstileSiteKey: asText(raw("turnstileSiteKey", s.turnstileSiteKey ?? "")),
    },
    flags: {
      premoderation: s.premoderation,
      premoderateLinks: s.premoderateLinks,
      guestPosting: s.guestPosting,
      banCoversNetwork: s.banCoversNetwork ?? true,
      webhookOnResolve: s.webhookOnResolve ?? false,
      replyNotifications: s.replyNotifications ?? true,
      turnstile: s.turnstile ?? false,
      ...(Object.fromEntries(Object.entries(PROVIDER_DEFAULTS).map(([k, d]) => [k, s[k as ProviderKey] ?? d])) as Record<
        ProviderKey,
        boolean
      >),
    },
    numbers: Object.fromEntries(Object.keys(RANGES).map((k) => [k, asText(raw(k, s[k as NumberKey]))])) as Record<NumberKey, string>,
    ssoSecret: null,
    webhookSecret: null,
    removeWebhookSecret: false,
    turnstileSecret: null,
    removeTurnstileSecret: false,
  };
}

/** What the form sends: every setting it shows; a secret only when a new one was typed (or "" to remove it). */
export function toSettings(form: Form): Partial<SiteSettings> {
  const settings: Partial<SiteSettings> = {
    color: form.text.color,
    defaultLocale: form.defaultLocale,
    charter: form.text.charter,
    loginUrl: form.text.loginUrl.trim(),
    webhookUrl: form.text.webhookUrl.trim(),
    storyUrlPattern: form.text.storyUrlPattern.trim(),
    charterClauses: lines(form.charterClauses),
    turnstileSiteKey: form.text.turnstileSiteKey.trim(),
    bannedWords: list(form.bannedWords),
    suspectWords: list(form.suspectWords),
    ...form.flags,
  };
  for (const key of Object.keys(RANGES) as NumberKey[]) {
    const raw = form.numbers[key].trim();
    // Sent as typed: the API says what is wrong with an empty or out-of-range value.
    (settings as Record<string, unknown>)[key] = raw === "" ? null : Number(raw);
  }
  // Absent: the stored secret stays as it is.
  if (form.ssoSecret !== null) settings.ssoSecret = form.ssoSecret;
  if (form.removeWebhookSecret) settings.webhookSecret = "";
  else if (form.webhookSecret !== null) settings.webhookSecret = form.webhookSecret;
  if (form.removeTurnstileSecret) settings.turnstileSecret = "";
  else if (form.turnstileSecret !== null) settings.turnstileSecret = form.turnstileSecret.trim();
  return settings;
}

/** A field's message for an issue the API returned. */
export function issueMessage(t: DashboardStrings, number: Intl.NumberFormat, key: string, issue: ApiIssue, sso: [number, number]): string {
  if (key === "allowedOrigins" && issue.code === "custom") {
    return typeof issue.path[1] === "number" ? t.originInvalid(issue.path[1] + 1) : t.originTwice;
  }
  if (key in RANGES && (issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type")) {
    const [min, max] = RANGES[key as NumberKey];
    return t.outOfRange(number.format(min), number.format(max));
  }
  if (key === "ssoSecret") return t.ssoLength(sso[0], sso[1]);
  if (key === "webhookSecret") return t.webhookSecretLength(WEBHOOK_SECRET_MIN, WEBHOOK_SECRET_MAX);
  if (key === "loginUrl") return t.loginUrlInvalid;
  if (key === "turnstileSiteKey" || key === "turnstileSecret") return t.turnstileKeyInvalid;
  if (key === "turnstile") return t.turnstileNoKeys;
  if (key === "charterClauses" && typeof issue.path[2] === "number") {
    return t.clauseIssue(issue.path[2] + 1, t.issueMessages[issue.code] ?? issue.message);
  }
  if (key === "webhookUrl") return issue.code === "too_big" ? (t.issueMessages.too_big ?? issue.message) : t.webhookUrlInvalid;
  return t.issueMessages[issue.code] ?? issue.message;
}

/** One per line or separated by commas; blanks and repeats dropped. */
export const list = (text: string) => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];
export const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The warning of each value stored out of range, until the admin changes it. */
export function storedNotes(t: DashboardStrings, loaded: SiteSettingsResponse): (key: keyof SiteSettings) => string | undefined {
  const invalid = new Map(loaded.invalid.map((i) => [i.key, i]));
  const show = (v: unknown) =>
    typeof v === "boolean" ? (v ? t.yes : t.no) : typeof v === "string" ? (v === "" ? t.emptyValue : v) : JSON.stringify(v);
  return (key) => {
    const found = invalid.get(key);
    if (!found) return undefined;
    return t.storedOutOfRange(show(found.stored), show(loaded.settings[key as keyof typeof loaded.settings]));
  };
}

/** A new secret of the wrong length, said before anything is sent. */
export function secretErrors(t: DashboardStrings, form: Form, sso: [number, number]): Record<string, string> {
  const outOf = (value: string | null, [min, max]: [number, number]) =>
    value !== null && ([...value].length < min || [...value].length > max);
  const found: Record<string, string> = {};
  if (outOf(form.ssoSecret, sso)) found.ssoSecret = t.ssoLength(sso[0], sso[1]);
  if (!form.removeWebhookSecret && outOf(form.webhookSecret, [WEBHOOK_SECRET_MIN, WEBHOOK_SECRET_MAX])) {
    found.webhookSecret = t.webhookSecretLength(WEBHOOK_SECRET_MIN, WEBHOOK_SECRET_MAX);
  }
  if (!form.removeTurnstileSecret && form.turnstileSecret !== null && !/^[\w-]{1,200}$/.test(form.turnstileSecret.trim())) {
    found.turnstileSecret = t.turnstileKeyInvalid;
  }
  const clauses = lines(form.charterClauses);
  if (clauses.length > CLAUSES_MAX) found.charterClauses = t.clausesTooMany(CLAUSES_MAX);
  else {
    const long = clauses.findIndex((c) => [...c].length > CLAUSE_MAX);
    if (long >= 0) found.charterClauses = t.clauseIssue(long + 1, t.noteTooLong(CLAUSE_MAX));
  }
  return found;
}
