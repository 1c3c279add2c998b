// Comments awaiting a staff answer: the To answer queue of all the member's sites, "No answer
// needed", and the time to first answer.
import { batchOf } from "../../db/typed";
import { dismissAnswers, selectAnswerTargets, selectAnswerTimes, type AnswerTimesRow } from "../../db/answers";
import { selectCrossSiteToAnswer } from "../../db/queues";
import { parseOrigins, type SiteRecord } from "../../db/sites";
import { selectStaffSites, type StaffRow } from "../../db/staff";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { unknownComments } from "./moderation";
import type { DismissAnswerInput, PageQuery } from "../../schemas/admin";
import type { AnswerTimes, AnswerTimesResponse, CrossSiteQueueResponse, ModerationResponse } from "../../schemas/admin-views";
import { readSiteSettings } from "../../schemas/site-settings";
import type { Env } from "../../env";
import { perDatabase, registryOf } from "../../lib/databases";
import { reportsByComment, toAnswerItem, type ItemSite } from "./queues";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The To answer queue of every site where the member has a role, oldest first. The sites come
 * from their roles, never from the request, so no other site's comment can be listed.
 */
export async function readCrossSiteToAnswer(env: Env, staff: StaffRow, q: PageQuery, now: number): Promise<CrossSiteQueueResponse> {
  const cursorId = q.cursor ? decodeCursor(q.cursor, "to-answer") : 0;
  const sites = (await selectStaffSites(registryOf(env), staff.id).all()).results;
  if (sites.length === 0) return { queue: "to-answer", items: [], nextCursor: null };
  const siteOf = new Map<string, ItemSite>(
    sites.map((s) => [
      s.id,
      { id: s.id, name: s.name, settings: readSiteSettings(s.settings), allowedOrigins: parseOrigins(s.allowed_origins) },
    ]),
  );
  // Each database holding some of the sites gives its page after the cursor (issue 14); merged by
  // id, as one database's page is. Two databases may both have a comment with the page's last id:
  // the page keeps all of them, so that the next page, after that id, skips none.
  const pages = await perDatabase(env, sites, async (db, siteIds) => {
    const [items, reports] = await batchOf(db, selectCrossSiteToAnswer(db, { siteIds, cursorId, rows: q.limit + 1 }));
    return { rows: items.results, reports: reportsByComment(reports.results) };
  });
  const rows = pages
    .flatMap((p) => p.rows.map((row) => ({ row, reports: p.reports.get(row.id) ?? [] })))
    .sort((a, b) => a.row.id - b.row.id);
  let end = Math.min(q.limit, rows.length);
  while (end < rows.length && rows[end]!.row.id === rows[end - 1]!.row.id) end++;
  const page = rows.slice(0, end);
  const last = page[page.length - 1];
  return {
    queue: "to-answer",
    items: page.map(({ row, reports }) => toAnswerItem(row, reports, siteOf.get(row.site_id)!, now)),
    nextCursor: rows.length > end && last ? encodeCursor("to-answer", last.row.id) : null,
  };
}

/**
 * "No answer needed": the comments named leave the To answer queue, each with an audit row.
 * Every id must be a comment of this site, or nothing changes (as for moderation); those not
 * waiting (already answered or dismissed, or that asked nothing) are left alone, unlisted.
 */
export async function dismissToAnswer(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: DismissAnswerInput,
  now: number,
): Promise<ModerationResponse> {
  const ids = [...new Set(input.ids)];
  const rows = (await selectAnswerTargets(db, site.id, ids).all()).results;
  const found = new Set(rows.filter((r) => r.status !== "deleted").map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw unknownComments(missing);
  const [, dismissed] = await batchOf(db, dismissAnswers(db, { siteId: site.id, staffId: staff.id, ids, now }));
  const updated = dismissed.results.map((r) => r.id).sort((a, b) => a - b);
  return { updated };
}

function toAnswerTimes(days: number, row: AnswerTimesRow): AnswerTimes {
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
  return {
    days,
    answered: row.answered,
    waiting: row.waiting,
    medianSeconds: seconds(row.median_ms),
    p90Seconds: seconds(row.p90_ms),
  };
}

/** Median and p90 time to first staff answer over the last 7 and 30 days: one batch of two statements. */
export async function readAnswerTimes(db: D1Database, site: SiteRecord, now: number): Promise<AnswerTimesResponse> {
  const [week, month] = await batchOf(db, [
    selectAnswerTimes(db, { siteId: site.id, since: now - 7 * DAY_MS }),
    selectAnswerTimes(db, { siteId: site.id, since: now - 30 * DAY_MS }),
  ]);
  return { last7: toAnswerTimes(7, week.results[0]!), last30: toAnswerTimes(30, month.results[0]!) };
}
