// Dates for readers: "il y a 3 minutes" beside the full date, in the widget's language.

export type TimeUnit = "year" | "month" | "week" | "day" | "hour" | "minute" | "second";

/** Says "3 minutes ago" for (-3, "minute"): Intl.RelativeTimeFormat's format, or a locale's own words. */
export type RelativeFormat = (value: number, unit: TimeUnit) => string;

const STEPS: [TimeUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** How long ago `iso` was, rounded to the largest fitting unit; clock skew never says "in 2 minutes". */
export function relativeTime(iso: string, now: number, format: RelativeFormat | Intl.RelativeTimeFormat): string {
  const say: RelativeFormat = typeof format === "function" ? format : (value, unit) => format.format(value, unit);
  const seconds = Math.min(0, (Date.parse(iso) - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (-seconds >= size) return say(Math.round(seconds / size), unit);
  }
  return say(0, "second");
}
