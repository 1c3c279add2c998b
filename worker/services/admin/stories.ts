// A moderator's rules for one story: close or reopen its comments, and its own a priori mode.
import { insertAudit } from "../../db/audit";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { selectStoryByKey, updateStoryModeration, type StoryRow } from "../../db/stories";
import { ApiError } from "../../lib/errors";
import { viewStory } from "../../moderation/story-closed";
import type { StoryInput } from "../../schemas/admin";
import type { StoryAdminView, StoryPremoderation, StoryResponse } from "../../schemas/admin-views";
import type { SiteSettings } from "../../schemas/site-settings";

const PREMODERATION_TO_ROW: Record<StoryPremoderation, number | null> = { site: null, on: 1, off: 0 };

export function toStoryAdminView(
  row: Pick<StoryRow, "key" | "url" | "title" | "status" | "comment_count" | "premoderation" | "first_comment_at">,
  rules: Pick<SiteSettings, "closeAfterDays">,
  now: number,
): StoryAdminView {
  return {
    // A story closed by closeAfterDays shows as closed here too, as readers see it.
    ...viewStory({ id: 0, ...row }, rules, now),
    premoderation: row.premoderation === null ? "site" : row.premoderation ? "on" : "off",
  };
}

export async function updateStory(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: StoryInput,
  now: number,
): Promise<StoryResponse> {
  const before = await selectStoryByKey(db, site.id, input.story).first<StoryRow>();
  if (!before) throw new ApiError(404, "story_not_found", "This site has no story with that key.");
  const [, after] = await db.batch<unknown>([
    updateStoryModeration(db, {
      siteId: site.id,
      key: input.story,
      ...(input.status ? { status: input.status } : {}),
      ...(input.premoderation ? { premoderation: PREMODERATION_TO_ROW[input.premoderation] } : {}),
      now,
    }),
    selectStoryByKey(db, site.id, input.story),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "story",
      targetType: "story",
      targetId: input.story,
      detail: {
        ...(input.status ? { status: input.status } : {}),
        ...(input.premoderation ? { premoderation: input.premoderation } : {}),
      },
      now,
    }),
  ]);
  return { story: toStoryAdminView((after!.results as StoryRow[])[0]!, site.settings, now) };
}
