// The figures (stats) of one site or of all a staff member's sites: per day over 7, 30 or 90 days,
// in the time zone offset the dashboard asks for, as JSON or as the same daily table in CSV.
import {
  DAY_MS,
  selectAnswerDurations,
  selectAnswerTimesByDay,
  selectModerationDurations,
  selectModerationTimes,
  selectStatsCounts,
  selectStatsReports,
  selectTopStories,
  type StatsScope,
} from "../../db/stats";
import { selectStaffSites } from "../../db/staff";
import type { Env } from "../../env";
import { perDatabase, registryOf } from "../../lib/databases";
import { mergeStats, type StatsDurationsPart, type StatsPart } from "./stats-merge";
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
 * The member's sites come from the registry (their roles); then one batch per database holding
 * some of them, side by side, each statement a range scan of a (site_id, created_at) index: the
 * daily counts, reports, times to moderation and to first answer, and the most discussed stories.
 * `siteId` null: every site of the member. Sites in one database (the usual case) get their
 * percentiles from SQL; sites in several send their durations, ranked here (stats-merge.ts).
 */
export async function readStats(
  env: Env,
  who: { staffId: number; siteId: string | null },
  q: Pick<StatsQuery, "days" | "tz">,
  now: number,
): Promise<StatsResponse> {
  const { from, to, dates } = statsPeriod(now, q.days, q.tz);
  const siteRows = (await selectStaffSites(registryOf(env), who.staffId).all()).results.filter(
    (s) => who.siteId === null || s.id === who.siteId,
  );
  const several = new Set(siteRows.map((s) => s.db)).size > 1;
  const parts = await perDatabase(env, siteRows, async (db, siteIds) => {
    const scope: StatsScope = { siteIds, from, to };
    const [counts, reports, stories, moderation, answers] = await batchOf(db, [
      selectStatsCounts(db, scope),
      selectStatsReports(db, scope),
      selectTopStories(db, scope),
      several ? selectModerationDurations(db, scope) : selectModerationTimes(db, scope),
      several ? selectAnswerDurations(db, scope) : selectAnswerTimesByDay(db, scope),
    ]);
    const rows = { counts: counts.results, reports: reports.results, stories: stories.results };
    return { ...rows, moderation: moderation.results, answers: answers.results };
  });
  const merged: StatsPart = several
    ? mergeStats(parts as StatsDurationsPart[])
    : ((parts[0] as StatsPart | undefined) ?? { counts: [], reports: [], moderation: [], answers: [], stories: [] });
  const countRows = merged.counts;
  const reportRows = merged.reports;
  const moderationRows = merged.moderation;
  const answerRows = merged.answers;
  const stories = { results: merged.stories };
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
