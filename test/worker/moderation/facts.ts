// Test facts for the pipeline's phases: a quiet, open, known situation, changed one field at a time.
import { siteSettingsSchema, type SiteSettings } from "../../../worker/schemas/site-settings";
import type { ModerationFacts } from "../../../worker/moderation/types";

export const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

export function facts(over: Omit<Partial<ModerationFacts>, "rules"> & { rules?: Partial<SiteSettings> } = {}): ModerationFacts {
  const { rules, ...rest } = over;
  return {
    now: NOW,
    rules: { ...siteSettingsSchema.parse({}), ...rules },
    body: "A quiet, reasonable comment.",
    confirm: false,
    story: { status: "open", premoderation: null, firstCommentAt: NOW - 3_600_000 },
    author: { bannedUntil: null, banReason: null, commentCount: 4, approvedCount: 4, premoderate: false },
    byAuthor: { count: 0, nthAt: null },
    byIp: { count: 0, nthAt: null },
    lastDuplicateAt: null,
    ...rest,
  };
}
