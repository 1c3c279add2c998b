// The site's editors' picks across stories, for a home page (<palabre-featured>).
import { typed } from "../db/typed";
import { selectSiteFeatured, toCommentView, type FeaturedRow } from "../db/comments";
import type { SiteRecord } from "../db/sites";
import { viewStory } from "../moderation/story-closed";
import type { FeaturedQuery } from "../schemas/reader";
import type { FeaturedResponse } from "../schemas/views";
import { linkableStoryUrl } from "./stories";
import { toSiteView } from "./threads";

export async function readFeatured(db: D1Database, site: SiteRecord, q: FeaturedQuery, now: number): Promise<FeaturedResponse> {
  const { results } = await typed<FeaturedRow>(selectSiteFeatured(db, { siteId: site.id, limit: q.limit })).all();
  return {
    site: toSiteView(site),
    items: results.map((row) => ({
      ...toCommentView(row),
      story: viewStory(
        {
          id: row.story_id,
          key: row.story_key,
          // A home page links each pick to its story: only to a page of the site (issue 10 point 4).
          url: linkableStoryUrl(site.allowedOrigins, row.story_url),
          title: row.story_title,
          status: row.story_status,
          comment_count: row.story_comment_count,
          premoderation: row.story_premoderation,
          first_comment_at: row.story_first_comment_at,
        },
        site.settings,
        now,
      ),
    })),
  };
}
