// SQL of the home ("My sites"): what waits on each of a staff member's sites, all sites in one statement.
import { typed, type Typed } from "./typed";
import { UNACKNOWLEDGED_COUNT_SQL } from "./incidents";

export interface SiteOverviewRow {
  site_id: string;
  pending: number;
  reported: number;
  to_answer: number;
  oldest_to_answer_at: number | null;
  comments_24h: number;
  /** open incidents nobody acknowledged yet */
  open_alerts: number;
  /** open notices of illegal content and open appeals (DSA) */
  notices: number;
  appeals: number;
}

/**
 * The counts of every site named (the caller's own, bound as one JSON array): for each site a few
 * range scans of its indexes (comments_site_status, comments_reported, comments_to_answer,
 * comments_site_created, incidents_unacknowledged, notices_open, appeals_open), so the cost grows with the number of sites and of waiting items, never
 * with the comments' history, and the whole home is one statement.
 */
export function selectSiteOverviews(db: D1Database, q: { siteIds: string[]; since24h: number }): Typed<SiteOverviewRow> {
  return typed(
    db
      .prepare(
        `SELECT m.value AS site_id,
         (SELECT count(*) FROM comments INDEXED BY comments_site_status
          WHERE site_id = m.value AND status = 'pending') AS pending,
         (SELECT count(*) FROM comments INDEXED BY comments_reported
          WHERE site_id = m.value AND open_reports > 0) AS reported,
         (SELECT count(*) FROM comments INDEXED BY comments_to_answer
          WHERE site_id = m.value AND answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL) AS to_answer,
         (SELECT created_at FROM comments INDEXED BY comments_to_answer
          WHERE site_id = m.value AND answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL
          ORDER BY id LIMIT 1) AS oldest_to_answer_at,
         (SELECT count(*) FROM comments INDEXED BY comments_site_created
          WHERE site_id = m.value AND created_at >= ?2) AS comments_24h,
         ${UNACKNOWLEDGED_COUNT_SQL("m.value")} AS open_alerts,
         (SELECT count(*) FROM notices INDEXED BY notices_open WHERE site_id = m.value AND status = 'open') AS notices,
         (SELECT count(*) FROM appeals INDEXED BY appeals_open WHERE site_id = m.value AND status = 'open') AS appeals
       FROM json_each(?1) AS m`,
      )
      .bind(JSON.stringify(q.siteIds), q.since24h),
  );
}
