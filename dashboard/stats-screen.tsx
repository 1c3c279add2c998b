// The figures of one site (or of all the member's sites) over 7, 30 or 90 days: totals, per-day
// charts with their tables, the most discussed stories, and the same figures as CSV; below them, a
// site's DSA transparency report.
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { StaffSiteView, StatsDay, StatsResponse } from "../worker/schemas/admin-views";
import { api } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed } from "./list-parts";
import { StatsChart, type ChartDef } from "./stats-chart";
import { TransparencyExport } from "./transparency-export";

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

/** Light-mode colours with at least 4.5:1 on white, told apart by dashes too. */
const COLOURS = { blue: "#0a58ca", green: "#146c2e", amber: "#8a5300", red: "#b3261e", purple: "#6f42c1", teal: "#0b6b6b" };

export function StatsScreen(props: {
  site: StaffSiteView | null;
  sites: StaffSiteView[];
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}): JSX.Element {
  const { site, announce, onFailure } = props;
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [days, setDays] = useState<Period>(30);
  const [data, setData] = useState<StatsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reload, setReload] = useState(0);
  /** the period last shown: a new period is announced when its figures arrive, a first load is not */
  const shownDays = useRef<Period | null>(null);
  // Days are cut at the staff member's own midnight.
  const tz = -new Date().getTimezoneOffset();
  const siteId = site?.id ?? null;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api.stats(siteId, days, tz).then(
      (res) => {
        if (!current) return;
        setData(res);
        setLoading(false);
        if (shownDays.current !== null && shownDays.current !== days) announce(t.statsLoaded(days));
        shownDays.current = days;
      },
      (err) => {
        if (!current) return;
        setError(describeFailure(t, err));
        setLoading(false);
        onFailure(err);
      },
    );
    return () => {
      current = false;
    };
  }, [siteId, days, reload]);

  const dayLabel = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
    return (day: string) => f.format(new Date(`${day}T00:00:00Z`));
  }, [locale]);
  const count = useMemo(() => {
    const f = new Intl.NumberFormat(locale);
    return (n: number) => f.format(Math.round(n));
  }, [locale]);

  const charts = useMemo(() => (data ? chartsOf(data.daily, t, count) : null), [data, t, count]);
  const headline = props.site ? t.statsHeading(props.site.name) : t.statsHeadingAll;
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });

  return (
    <>
      <div class="screen-head">
        <h1>{headline}</h1>
        <a class="button-link" href={api.statsCsvUrl(siteId, days, tz)} download>
          {t.statsCsv}
        </a>
      </div>
      <div class="stats-bar panel">
        <fieldset class="segmented">
          <legend>{t.statsPeriod}</legend>
          {PERIODS.map((p) => (
            <label key={p} class={days === p ? "checked" : ""}>
              <input type="radio" name="stats-period" value={p} checked={days === p} onChange={() => setDays(p)} />
              {t.statsDays(p)}
            </label>
          ))}
        </fieldset>
        {data && (
          <p class="help stats-range">
            {data.daily.length > 0 &&
              t.statsRange(
                longDate.format(new Date(`${data.daily[0]!.day}T00:00:00Z`)),
                longDate.format(new Date(`${data.daily[data.daily.length - 1]!.day}T00:00:00Z`)),
              )}
            {!site && data.sites.length > 0 && <> · {t.statsSites(data.sites.map((s) => s.name).join(", "))}</>}
          </p>
        )}
      </div>

      {error && <LoadFailed message={error} onRetry={() => setReload((n) => n + 1)} />}
      {!data && loading && <p class="muted">{t.loading}</p>}
      {data && charts && (
        <div class={loading ? "stats busy" : "stats"} aria-busy={loading}>
          <section aria-labelledby="stats-totals">
            <h2 id="stats-totals" class="visually-hidden">
              {t.statsTotals}
            </h2>
            <ul class="kpis">
              <Kpi label={t.statsPosted} value={count(data.totals.posted)} />
              <Kpi label={t.statsPublished} value={count(data.totals.published)} />
              <Kpi label={t.statsHeld} value={count(data.totals.held)} />
              <Kpi label={t.statsRejected} value={count(data.totals.rejected)} />
              <Kpi label={t.statsReports} value={count(data.totals.reports)} />
              <Kpi label={t.statsCommenters} value={count(data.totals.commenters)} />
            </ul>
            <ul class="kpis times">
              <Kpi label={t.statsModerationMedian} value={time(t, data.totals.moderationMedianSeconds)} />
              <Kpi label={t.statsAnswerMedian} value={time(t, data.totals.answerMedianSeconds)} />
              <Kpi label={t.statsAnswerP90} value={time(t, data.totals.answerP90Seconds)} />
            </ul>
          </section>

          {charts.map((c) => (
            <StatsChart key={c.title} {...c} dayLabel={dayLabel} />
          ))}

          <section class="panel" aria-labelledby="stats-top">
            <h2 id="stats-top">{t.statsTopStories}</h2>
            {data.topStories.length === 0 ? (
              <p class="empty">{t.statsNoStories}</p>
            ) : (
              <ol class="top-stories">
                {data.topStories.map((s) => {
                  const siteOf = data.sites.find((x) => x.id === s.site);
                  return (
                    <li key={`${s.site}/${s.key}`}>
                      <span class="top-title">
                        {s.url ? (
                          <a href={s.url} target="_blank" rel="noopener">
                            {s.title ?? s.key}
                          </a>
                        ) : (
                          (s.title ?? s.key)
                        )}
                        {!site && siteOf && (
                          <span class="site-chip">
                            <span class="swatch" style={{ background: siteOf.color }} aria-hidden="true" />
                            {siteOf.name}
                          </span>
                        )}
                      </span>
                      <span class="top-count">{t.statsComments(s.comments)}</span>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </div>
      )}
      <TransparencyExport site={site} />
    </>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <li class="kpi">
      <span class="kpi-label">{label}</span>
      <span class="kpi-value">{value}</span>
    </li>
  );
}

const time = (t: ReturnType<typeof useI18n>["t"], seconds: number | null) => (seconds === null ? t.statsNoTime : t.duration(seconds));

function chartsOf(daily: StatsDay[], t: ReturnType<typeof useI18n>["t"], count: (n: number) => string): ChartDef[] {
  const days = daily.map((d) => d.day);
  const pick = (key: keyof Omit<StatsDay, "day">) => daily.map((d) => d[key]);
  // Times are drawn in hours, or in minutes when every one is short, so that the axis reads "2 h", "30 min".
  const longest = Math.max(
    0,
    ...daily.flatMap((d) => [d.moderationMedianSeconds ?? 0, d.answerMedianSeconds ?? 0, d.answerP90Seconds ?? 0]),
  );
  const unit = longest >= 3 * 3600 ? 3600 : 60;
  const inUnit = (key: "moderationMedianSeconds" | "answerMedianSeconds" | "answerP90Seconds") =>
    daily.map((d) => (d[key] === null ? null : d[key] / unit));
  const decimal = (v: number) => String(Math.round(v * 10) / 10);
  return [
    {
      title: t.chartComments,
      help: t.chartCommentsHelp,
      days,
      format: count,
      axisFormat: count,
      integer: true,
      series: [
        { label: t.statsPosted, color: COLOURS.blue, values: pick("posted") },
        { label: t.statsPublished, color: COLOURS.green, dash: [8, 4], values: pick("published") },
        { label: t.statsHeld, color: COLOURS.amber, dash: [3, 3], values: pick("held") },
        { label: t.statsRejected, color: COLOURS.red, dash: [10, 3, 2, 3], values: pick("rejected") },
      ],
    },
    {
      title: t.chartPeople,
      help: t.chartPeopleHelp,
      days,
      format: count,
      axisFormat: count,
      integer: true,
      series: [
        { label: t.statsCommenters, color: COLOURS.teal, values: pick("commenters") },
        { label: t.statsReports, color: COLOURS.purple, dash: [8, 4], values: pick("reports") },
      ],
    },
    {
      title: t.chartTimes,
      help: t.chartTimesHelp,
      days,
      format: (v) => t.duration(v * unit),
      integer: false,
      axisFormat: (v) => (unit === 3600 ? t.axisHours(decimal(v)) : t.axisMinutes(decimal(v))),
      series: [
        { label: t.statsModerationMedian, color: COLOURS.blue, values: inUnit("moderationMedianSeconds") },
        { label: t.statsAnswerMedian, color: COLOURS.green, dash: [8, 4], values: inUnit("answerMedianSeconds") },
        { label: t.statsAnswerP90, color: COLOURS.amber, dash: [3, 3], values: inUnit("answerP90Seconds") },
      ],
    },
  ];
}
