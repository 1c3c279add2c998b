// uPlot behind the stats screen's charts: loaded by a dynamic import(), so the dashboard's first load never carries it.
import uPlot from "uplot";
import uplotCss from "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  color: string;
  /** a dash pattern, so that series differ by more than their colour */
  dash?: number[];
  values: (number | null)[];
}

export interface ChartSpec {
  /** the start of each day, in seconds, as UTC midnight of the day's date (the API already cut days in the staff's zone) */
  days: number[];
  series: ChartSeries[];
  /** how a value reads in the legend */
  format: (value: number) => string;
  /** how a value reads on the axis (shorter) */
  axisFormat: (value: number) => string;
  /** the legend's label of the days */
  dayName: string;
  /** counts: ticks on whole numbers only */
  integer: boolean;
  /** how a day reads on the axis and in the legend */
  dayLabel: (seconds: number) => string;
  width: number;
  height: number;
}

let styled = false;

export function drawChart(el: HTMLElement, spec: ChartSpec): uPlot {
  if (!styled) {
    const style = document.createElement("style");
    style.textContent = uplotCss;
    document.head.append(style);
    styled = true;
  }
  const axis = { stroke: "#44444c", grid: { stroke: "#ececf1", width: 1 }, ticks: { stroke: "#d9d9e0", width: 1 } };
  const opts: uPlot.Options = {
    width: spec.width,
    height: spec.height,
    // Days are labelled as the API cut them: read the timestamps as UTC dates.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { points: { size: 7 }, drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [
      { ...axis, values: (_u, splits) => splits.map((s) => spec.dayLabel(s)) },
      {
        ...axis,
        size: 60,
        incrs: spec.integer ? [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000] : undefined,
        values: (_u, splits) => splits.map((s) => spec.axisFormat(s)),
      },
    ],
    series: [
      { label: spec.dayName, value: (_u, v) => (v == null ? "" : spec.dayLabel(v)) },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        dash: s.dash,
        points: { show: spec.days.length <= 31, size: 5, fill: s.color },
        spanGaps: false,
        value: (_u: uPlot, v: number | null) => (v == null ? "—" : spec.format(v)),
      })),
    ],
  };
  return new uPlot(opts, [spec.days, ...spec.series.map((s) => s.values)] as uPlot.AlignedData, el);
}
