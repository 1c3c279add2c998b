// Dates for readers: "il y a 3 minutes" beside the full date, in the widget's language.

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** How long ago `iso` was, rounded to the largest fitting unit; clock skew never says "in 2 minutes". */
export function relativeTime(iso: string, now: number, format: Intl.RelativeTimeFormat): string {
  const seconds = Math.min(0, (Date.parse(iso) - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (-seconds >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}
