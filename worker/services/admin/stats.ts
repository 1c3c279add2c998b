// The figures (stats) of one site or of all a staff member's sites: per day over 7, 30 or 90 days,
// in the time zone offset the dashboard asks for, as JSON or as the same daily table in CSV.
import {
  DAY_MS,
  selectAnswerTimesByDay,
  selectModerationTimes,
  selectStatsCounts,
  selectStatsReports,
  selectStatsSites,
  selectTopStories,
  type StatsScope,
} from "../../db/stats";
import { batchOf } from "../../db/typed";
import { CSV_BOM, csvLines } from "../../lib/csv";
import type { StatsQuery } from "../../schemas/admin";
import type { StatsDay, StatsResponse } from "../../schemas/admin-views";
import { readSiteSettings } from "../../schemas/site-settings";
import { linkableStoryUrl } from "../stories";
import { parseOrigins } from "../../db/sites";

/**
 * The period: `days` whole days in the offset `tz` (minutes east of UTC), today included, as epoch
 * ms [from, to) and each day's date there.
 */
export function statsPeriod(now: number, days: number, tz: number): { from: number; to: number; dates: string[] } {
  const offset = tz * 60_000;
  const todayLocal = Math.floor((now + offset) / DAY_MS) * DAY_MS;
  const to = todayLocal + DAY_MS - offset;
  const from = to - days * DAY_MS;
  // A local midnight written as if it were UTC gives the local date.
  const dates = Array.from({ length: days }, (_, i) => new Date(todayLocal - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  return { from, to, dates };
}

const seconds = (ms: number | null | undefined) => (ms == null ? null : Math.round(ms / 1000));

/**
 * One batch of six statements whatever the number of sites or comments (each a range scan of a
 * (site_id, created_at) index): the sites counted, the daily counts, reports, times to moderation
 * and to first answer, and the most discussed stories. `siteId` null: every site of the member.
 */
export async function readStats(
  db: D1Database,
  who: { staffId: number; siteId: string | null },
  q: Pick<StatsQuery, "days" | "tz">,
  now: number,
): Promise<StatsResponse> {
  const { from, to, dates } = statsPeriod(now, q.days, q.tz);
  const scope: StatsScope = { ...who, from, to };
  const [sites, counts, reports, moderation, answers, stories] = await batchOf(db, [
    selectStatsSites(db, scope),
    selectStatsCounts(db, scope),
    selectStatsReports(db, scope),
    selectModerationTimes(db, scope),
    selectAnswerTimesByDay(db, scope),
    selectTopStories(db, scope),
  ]);
  const countRows = counts.results;
  const reportRows = reports.results;
  const moderationRows = moderation.results;
  const answerRows = answers.results;
  const byDay = <T extends { day: number | null }>(rows: T[]) => new Map(rows.map((r) => [r.day, r]));
  const countsOf = byDay(countRows);
  const reportsOf = new Map(reportRows.map((r) => [r.day, r.reports]));
  const moderationOf = byDay(moderationRows);
  const answersOf = byDay(answerRows);

  const figures = (day: number | null, reportCount: number): Omit<StatsDay, "day"> => {
    const c = countsOf.get(day);
    return {
      posted: c?.posted ?? 0,
      published: c?.published ?? 0,
      held: c?.held ?? 0,
      rejected: c?.rejected ?? 0,
      reports: reportCount,
      commenters: c?.commenters ?? 0,
      moderationMedianSeconds: seconds(moderationOf.get(day)?.median_ms),
      answerMedianSeconds: seconds(answersOf.get(day)?.median_ms),
      answerP90Seconds: seconds(answersOf.get(day)?.p90_ms),
    };
  };

  const siteRows = sites.results;
  const originsOf = new Map(siteRows.map((s) => [s.id, parseOrigins(s.allowed_origins)]));
  return {
    days: q.days,
    tz: q.tz,
    from: dates[0]!,
    to: dates[dates.length - 1]!,
    sites: siteRows.map((s) => ({ id: s.id, name: s.name, color: readSiteSettings(s.settings).color })),
    daily: dates.map((day, i) => ({ day, ...figures(i, reportsOf.get(i) ?? 0) })),
    totals: figures(
      null,
      reportRows.reduce((sum, r) => sum + r.reports, 0),
    ),
    topStories: stories.results.map((s) => ({
      site: s.site,
      key: s.key,
      title: s.title,
      url: linkableStoryUrl(originsOf.get(s.site) ?? [], s.url),
      comments: s.comments,
    })),
  };
}

const CSV_HEADER: (keyof StatsDay)[] = [
  "day",
  "posted",
  "published",
  "held",
  "rejected",
  "reports",
  "commenters",
  "moderationMedianSeconds",
  "answerMedianSeconds",
  "answerP90Seconds",
];

/** The daily table as CSV: a header row, then one row per day (an empty cell: no value that day). */
export function statsCsv(stats: StatsResponse): string {
  return CSV_BOM + csvLines([CSV_HEADER, ...stats.daily.map((d) => CSV_HEADER.map((key) => d[key]))]);
}
