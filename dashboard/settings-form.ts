// The settings form's model: the ranges of the numeric settings, the form's fields, and the form as
// stored (a value stored out of range is put in its field as it is).
import type { SiteSettingsResponse } from "../worker/schemas/admin-views";
import type { SiteSettings } from "../worker/schemas/site-settings";

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
} as const satisfies Partial<Record<keyof SiteSettings, readonly [number, number]>>;

export type NumberKey = keyof typeof RANGES;
/** The rule thresholds, in the Rules section; editWindowMinutes sits with the readers' settings. */
export const THRESHOLDS = Object.keys(RANGES).filter((k) => k !== "editWindowMinutes") as NumberKey[];

type BoolKey = "premoderation" | "premoderateLinks" | "guestPosting";
type TextKey = "color" | "charter" | "loginUrl";

export interface Form {
  name: string;
  defaultLocale: SiteSettings["defaultLocale"];
  allowedOrigins: string;
  bannedWords: string;
  suspectWords: string;
  text: Record<TextKey, string>;
  flags: Record<BoolKey, boolean>;
  numbers: Record<NumberKey, string>;
  /** null: keep the stored secret; a string: the new one being typed (never prefilled) */
  ssoSecret: string | null;
}

/** The form as stored: a value stored out of range is put in its field as it is, not as the default the rules use. */
export function toForm(res: SiteSettingsResponse): Form {
  const stored = new Map(res.invalid.map((i) => [i.key, i.stored]));
  const raw = (key: string, applied: unknown): unknown => (stored.has(key) ? stored.get(key) : applied);
  const asText = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : Array.isArray(v) ? v.join("\n") : JSON.stringify(v));
  const s = res.settings;
  const colour = raw("color", s.color);
  return {
    name: res.site.name,
    defaultLocale: s.defaultLocale,
    allowedOrigins: res.site.allowedOrigins.join("\n"),
    bannedWords: asText(raw("bannedWords", s.bannedWords)),
    suspectWords: asText(raw("suspectWords", s.suspectWords)),
    text: {
      // A colour input only holds #rrggbb: an invalid stored colour shows in the warning instead.
      color: typeof colour === "string" && /^#[0-9a-f]{6}$/i.test(colour) ? colour : s.color,
      charter: asText(raw("charter", s.charter)),
      loginUrl: asText(raw("loginUrl", s.loginUrl)),
    },
    flags: { premoderation: s.premoderation, premoderateLinks: s.premoderateLinks, guestPosting: s.guestPosting },
    numbers: Object.fromEntries(Object.keys(RANGES).map((k) => [k, asText(raw(k, s[k as NumberKey]))])) as Record<NumberKey, string>,
    ssoSecret: null,
  };
}

/** One per line or separated by commas; blanks and repeats dropped. */
export const list = (text: string) => [...new Set(text.split(/[\n,]/).map((w) => w.trim()).filter(Boolean))];
export const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
