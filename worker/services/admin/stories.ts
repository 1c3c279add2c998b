// A moderator's rules for one story: close or reopen its comments, its own a priori mode, and its
// URL and title (a reader's page proposed them when the story was created: staff may correct them).
import { resultOf } from "../../db/typed";
import { insertAudit } from "../../db/audit";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { selectStoryByKey, updateStoryModeration, updateStoryPage, type StoryRow } from "../../db/stories";
import { ApiError } from "../../lib/errors";
import { viewStory } from "../../moderation/story-closed";
import type { StoryInput } from "../../schemas/stories";
import { linkableStoryUrl, siteStoryUrl } from "../stories";
import type { StoryAdminView, StoryPremoderation, StoryResponse } from "../../schemas/admin-views";
import type { SiteSettings } from "../../schemas/site-settings";

const PREMODERATION_TO_ROW: Record<StoryPremoderation, number | null> = { site: null, on: 1, off: 0 };

/**
 * `allowedOrigins`, when given, keeps a stored URL that is not a page of the site out of the view,
 * so that the dashboard does not link to it (issue 10 point 4).
 */
export function toStoryAdminView(
  row: Pick<StoryRow, "key" | "url" | "title" | "status" | "comment_count" | "premoderation" | "first_comment_at">,
  rules: Pick<SiteSettings, "closeAfterDays">,
  now: number,
  allowedOrigins?: readonly string[],
): StoryAdminView {
  const url = allowedOrigins ? linkableStoryUrl(allowedOrigins, row.url) : row.url;
  return {
    // A story closed by closeAfterDays shows as closed here too, as readers see it.
    ...viewStory({ id: 0, ...row, url }, rules, now),
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
  const page = pageChange(site, input);
  const before = await selectStoryByKey(db, site.id, input.story).first();
  if (!before) throw new ApiError(404, "story_not_found", "This site has no story with that key.");
  const moderation = input.status !== undefined || input.premoderation !== undefined;
  const saved = selectStoryByKey(db, site.id, input.story);
  const statements = [
    ...(moderation
      ? [
          updateStoryModeration(db, {
            siteId: site.id,
            key: input.story,
            ...(input.status ? { status: input.status } : {}),
            ...(input.premoderation ? { premoderation: PREMODERATION_TO_ROW[input.premoderation] } : {}),
            now,
          }),
        ]
      : []),
    ...(page.url !== undefined || page.title !== undefined
      ? [updateStoryPage(db, { siteId: site.id, key: input.story, ...page, now })]
      : []),
    saved,
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "story",
      targetType: "story",
      targetId: input.story,
      detail: {
        ...(input.status ? { status: input.status } : {}),
        ...(input.premoderation ? { premoderation: input.premoderation } : {}),
        // the old values too: a correction can be undone from the audit log
        ...(page.url !== undefined ? { url: page.url, previousUrl: before.url } : {}),
        ...(page.title !== undefined ? { title: page.title, previousTitle: before.title } : {}),
      },
      now,
    }),
  ];
  // the story as saved, read in the batch before the audit row (the last statement)
  const after = resultOf(await db.batch(statements), statements, saved);
  return { story: toStoryAdminView(after.results[0]!, site.settings, now, site.allowedOrigins) };
}

/** The URL and title staff set: a URL only on one of the site's origins (not bound to storyUrlPattern). */
function pageChange(site: SiteRecord, input: StoryInput): { url?: string | null; title?: string | null } {
  const change: { url?: string | null; title?: string | null } = {};
  if (input.url !== undefined) {
    if (input.url === null || input.url === "") change.url = null;
    else {
      const url = siteStoryUrl(site, input.url);
      if (url === null) {
        const message = "url must be a page on one of the site's allowed origins";
        throw new ApiError(400, "validation_failed", `Invalid request. url: ${message}`, [{ path: ["url"], message, code: "story_url" }]);
      }
      change.url = url;
    }
  }
  if (input.title !== undefined) change.title = input.title === null || input.title === "" ? null : input.title;
  return change;
}
