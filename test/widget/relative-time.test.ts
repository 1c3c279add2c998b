// The locales' own relative times (widget/locales/fr.ts, en.ts) say what Intl.RelativeTimeFormat
// would (numeric: "auto"), which the widget no longer builds at start: it costs a phone ~100 ms.
import { describe, expect, it } from "vitest";
import type { TimeUnit } from "../../common/time";
import { relativeTime } from "../../common/time";
import { en } from "../../widget/locales/en";
import { fr } from "../../widget/locales/fr";

const UNITS: TimeUnit[] = ["year", "month", "week", "day", "hour", "minute", "second"];
const plain = (text: string) => text.replace(/\s/gu, " ");

describe.each([
  ["fr", fr.ago],
  ["en", en.ago],
] as const)("%s relative times", (lang, ago) => {
  const intl = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

  it.each(UNITS)("match Intl for %s", (unit) => {
    for (let n = 0; n >= -40; n--) {
      if (n === 0 && unit !== "second") continue; // the widget says "now" only in seconds
      expect(plain(ago(n, unit)), `${n} ${unit}`).toBe(plain(intl.format(n, unit)));
    }
  });

  it("round a date to its largest unit, as the thread shows it", () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    expect(plain(relativeTime("2026-11-18T11:00:00Z", now, ago))).toBe(plain(intl.format(-2, "week")));
    expect(plain(relativeTime("2026-12-02T11:59:30Z", now, ago))).toBe(plain(intl.format(0, "second")));
    expect(plain(relativeTime("2026-12-02T12:05:00Z", now, ago))).toBe(plain(intl.format(0, "second")));
  });
});
