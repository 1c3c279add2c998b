// The figures of sites living in several databases (issue 14), put together as one database's
// statements would have given them: counts summed (a commenter is one site's, so the distinct
// counts add up), percentiles ranked again over all the durations, the top stories re-chosen.
import {
  TOP_STORIES,
  type StatsCountsRow,
  type StatsDurationRow,
  type StatsDurationsRow,
  type StatsReportsRow,
  type StatsStoryRow,
} from "../../db/stats";

export interface StatsPart {
  counts: StatsCountsRow[];
  reports: StatsReportsRow[];
  moderation: StatsDurationsRow[];
  answers: StatsDurationsRow[];
  stories: StatsStoryRow[];
}

export interface StatsDurationsPart {
  counts: StatsCountsRow[];
  reports: StatsReportsRow[];
  moderation: StatsDurationRow[];
  answers: StatsDurationRow[];
  stories: StatsStoryRow[];
}

/** Nearest rank, as db/answers.ts MEDIAN_RANK and P90_RANK: k = (n + 1) / 2 and (9n + 9) / 10, integer division, from 1. */
function ranked(sorted: number[]): { median: number | null; p90: number | null } {
  const n = sorted.length;
  if (n === 0) return { median: null, p90: null };
  return { median: sorted[Math.floor((n + 1) / 2) - 1]!, p90: sorted[Math.floor((9 * n + 9) / 10) - 1]! };
}

/** Per day and over the period (day null), as db/stats.ts percentiles() answers. */
export function percentilesOf(rows: StatsDurationRow[]): StatsDurationsRow[] {
  const byDay = new Map<number, number[]>();
  for (const r of rows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r.ms]);
  const out: StatsDurationsRow[] = [];
  for (const [day, list] of byDay) {
    const { median, p90 } = ranked(list.sort((a, b) => a - b));
    out.push({ day, median_ms: median, p90_ms: p90 });
  }
  const whole = ranked(rows.map((r) => r.ms).sort((a, b) => a - b));
  out.push({ day: null, median_ms: whole.median, p90_ms: whole.p90 });
  return out;
}

function sumCounts(parts: StatsDurationsPart[]): StatsCountsRow[] {
  const byDay = new Map<number | null, StatsCountsRow>();
  for (const row of parts.flatMap((p) => p.counts)) {
    const seen = byDay.get(row.day);
    byDay.set(
      row.day,
      seen
        ? {
            day: row.day,
            posted: seen.posted + row.posted,
            published: seen.published + row.published,
            held: seen.held + row.held,
            rejected: seen.rejected + row.rejected,
            commenters: seen.commenters + row.commenters,
          }
        : { ...row },
    );
  }
  return [...byDay.values()];
}

function sumReports(parts: StatsDurationsPart[]): StatsReportsRow[] {
  const byDay = new Map<number, number>();
  for (const row of parts.flatMap((p) => p.reports)) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.reports);
  return [...byDay].map(([day, reports]) => ({ day, reports }));
}

/** The most commented stories of all the databases' (each sent its own top ten); ties by site and key. */
function topStories(parts: StatsDurationsPart[]): StatsStoryRow[] {
  return parts
    .flatMap((p) => p.stories)
    .sort((a, b) => b.comments - a.comments || (a.site < b.site ? -1 : a.site > b.site ? 1 : a.key < b.key ? -1 : 1))
    .slice(0, TOP_STORIES);
}

export function mergeStats(parts: StatsDurationsPart[]): StatsPart {
  return {
    counts: sumCounts(parts),
    reports: sumReports(parts),
    moderation: percentilesOf(parts.flatMap((p) => p.moderation)),
    answers: percentilesOf(parts.flatMap((p) => p.answers)),
    stories: topStories(parts),
  };
}
