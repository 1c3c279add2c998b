// A site's settings: stored as JSON in sites.settings, read through this schema so that every key
// has its default and a row written by an older version still reads.
import { z } from "zod";

export const siteSettingsSchema = z.object({
  /** the widget's language when neither its `locale` attribute nor the page's lang says */
  defaultLocale: z.enum(["fr", "en"]).default("en"),
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
  return parsed.success ? parsed.data : siteSettingsSchema.parse({});
}
