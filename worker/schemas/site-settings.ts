// A site's settings: stored as JSON in sites.settings, read through this schema so that every key
// has its default and a row written by an older version still reads. The moderation rules live
// here, one key per rule, each with the default a site starts with.
import { z } from "zod";

const wordList = z.array(z.string().trim().min(1).max(100)).max(2000).default([]);
const count = (max: number) => z.number().int().min(0).max(max);

export const siteSettingsSchema = z.object({
  /** the widget's language when neither its `locale` attribute nor the page's lang says */
  defaultLocale: z.enum(["fr", "en"]).default("en"),
  /** the site's colour, shown in the dashboard header so staff always see which site they act on */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default("#3b5bdb"),
  /** the charter readers are pointed to when a comment breaks it (plain text) */
  charter: z.string().max(5000).default(""),
  /** whole words, case- and accent-insensitive: a comment with one is rejected */
  bannedWords: wordList,
  /** whole words: a comment with one is held for review */
  suspectWords: wordList,
  /** a priori moderation for the whole site: every comment is held until a moderator approves it */
  premoderation: z.boolean().default(false),
  /** hold every comment that contains a link */
  premoderateLinks: z.boolean().default(false),
  /** hold comments with more links than this */
  maxLinks: count(50).default(3),
  /** an author's first N comments are held until one of them is approved (0: off) */
  newCommenterHold: count(20).default(0),
  /** flood: at most this many comments per author, and per IP, within the window */
  floodMaxPerAuthor: count(1000).default(5),
  floodMaxPerIp: count(1000).default(20),
  floodWindowSeconds: count(86_400).default(60),
  /** the same text from the same author within this many seconds is refused as a duplicate */
  duplicateWindowSeconds: count(30 * 86_400).default(3600),
  /** open reports after which a published comment is hidden until reviewed */
  reportThreshold: count(100).min(1).default(3),
  /** stories close N days after their first comment (0: never) */
  closeAfterDays: count(3650).default(0),
  /** readers may post as guests (a name, no account); off: only readers signed in through the site */
  guestPosting: z.boolean().default(true),
  /**
   * HS256 secret the site signs its readers' SSO tokens with (at least 32 characters); empty: no
   * sign-in through the site
   */
  ssoSecret: z.union([z.literal(""), z.string().min(32).max(256)]).default(""),
  /** the site's own login page, where "Sign in to comment" sends readers ("" when none) */
  loginUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).default(""),
  /** authors may edit their comment this many minutes after posting it */
  editWindowMinutes: count(7 * 24 * 60).default(15),
});

export type SiteSettings = z.output<typeof siteSettingsSchema>;

export function readSiteSettings(json: string): SiteSettings {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json);
  } catch {
    // A hand-edited row that is not JSON must not take the site down: fall back to defaults.
  }
  const parsed = siteSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // One bad key must not reset the others: keep every key that is valid on its own.
  const defaults = siteSettingsSchema.parse({});
  const kept: Record<string, unknown> = {};
  if (raw && typeof raw === "object") {
    for (const [key, value] of Object.entries(raw)) {
      const field = siteSettingsSchema.shape[key as keyof typeof siteSettingsSchema.shape];
      if (field && field.safeParse(value).success) kept[key] = value;
    }
  }
  return { ...defaults, ...siteSettingsSchema.parse(kept) };
}
