// One chart of the stats screen: its heading, the uPlot drawing (loaded on first use) and the same
// figures as a table, hidden from sight until asked for but always there for screen readers.
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { ChartSeries } from "./stats-uplot";
import { useI18n } from "./i18n";

export interface ChartDef {
  title: string;
  help: string;
  /** YYYY-MM-DD, one per day */
  days: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  axisFormat: (value: number) => string;
  /** counts: ticks on whole numbers only */
  integer: boolean;
}

interface Props extends ChartDef {
  /** how a day reads ("12 May") */
  dayLabel: (day: string) => string;
}

const HEIGHT = 240;

/** YYYY-MM-DD as the seconds of that date's UTC midnight (the chart reads them as UTC). */
const daySeconds = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 1000;

export function StatsChart(props: Props) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [table, setTable] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = box.current!;
    let plot: { setSize: (s: { width: number; height: number }) => void; destroy: () => void } | null = null;
    let gone = false;
    const width = () => Math.max(240, el.clientWidth);
    const observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: HEIGHT }));
    import("./stats-uplot").then(
      ({ drawChart }) => {
        if (gone) return;
        const byDay = new Map(props.days.map((d) => [daySeconds(d), d]));
        plot = drawChart(el, {
          days: props.days.map(daySeconds),
          series: props.series,
          format: props.format,
          axisFormat: props.axisFormat,
          integer: props.integer,
          dayName: t.statsDay,
          dayLabel: (s) => props.dayLabel(byDay.get(s) ?? new Date(s * 1000).toISOString().slice(0, 10)),
          width: width(),
          height: HEIGHT,
        });
        observer.observe(el);
      },
      () => setFailed(true),
    );
    return () => {
      gone = true;
      observer.disconnect();
      plot?.destroy();
    };
  }, [props.days, props.series, props.format, props.axisFormat, props.dayLabel, t]);

  return (
    <section class="panel chart-panel" aria-labelledby={`${id}-title`}>
      <div class="chart-head">
        <h2 id={`${id}-title`}>{props.title}</h2>
        {/* Only the table's display changes: screen readers always have it, the drawing is hidden from them. */}
        <button type="button" class="link-button" onClick={() => setTable(!table)}>
          {table ? t.hideTable : t.showTable}
        </button>
      </div>
      <p class="help">{props.help}</p>
      {/* The drawing repeats the table below: assistive technology reads the table. */}
      <div class="chart" ref={box} aria-hidden="true" style={{ minHeight: `${HEIGHT}px` }} />
      {failed && <p class="muted">{t.chartUnavailable}</p>}
      <div id={`${id}-table`} class={table ? "table-wrap chart-table" : "visually-hidden"}>
        <table class="figures">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.statsDay}</th>
              {props.series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.days.map((day, i) => (
              <tr key={day}>
                <th scope="row">{props.dayLabel(day)}</th>
                {props.series.map((s) => {
                  const v = s.values[i];
                  return <td key={s.label}>{v == null ? "—" : props.format(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
