import * as Plot from "@observablehq/plot";
import {
  type ChartOptions,
  COLOR,
  deadlineMarks,
  fmt,
  frame,
  heightForRows,
  isFiniteNumber,
  marginForLabels,
} from "./_chart-style.ts";

/** Training days of one strategy, as `comparisonChartData(result).days` gives them (src/fleet). */
export interface DaysChartRow {
  label: string;
  /** P50 wall days with failures; null when the strategy cannot train. */
  p50Days: number | null;
  p90Days: number | null;
  deadlineDays: number;
  /** The strategy as a whole is feasible: deadline, serving peak on throughput, policy (not p99 latency at load). */
  feasible: boolean;
}

/**
 * What a feasible strategy is called wherever one is shown (this chart's legend, the Fleet view's table and its
 * report). Compare's `feasible` (src/fleet/_assemble-strategy.ts) checks the deadline, the serving peak's throughput
 * and the policy, not the p99 latency at load, so a "feasible" row may miss its latency limits (review 19 B6): the
 * label names what it checks.
 */
export const FEASIBLE_LABEL = "feasible (deadline, throughput, policy)";

/** The colour legend's two entries. */
const DAYS_CHART_LEGEND = { feasible: FEASIBLE_LABEL, infeasible: "not feasible" } as const;

/**
 * Strategies side by side: a bar to the P50 training days, a lighter extension to P90, the deadline as a dashed
 * red rule, and the figures written at the bar's end. Blue bars are feasible strategies (deadline, throughput,
 * policy; the legend says so), grey ones are not; a strategy that cannot train at all reads "cannot train".
 * @example renderSvg(daysChart(comparisonChartData(result).days))
 */
export function daysChart(rows: readonly DaysChartRow[], options: ChartOptions = {}): Plot.PlotOptions {
  const data = rows.map((r) => ({
    ...r,
    fill: r.feasible ? DAYS_CHART_LEGEND.feasible : DAYS_CHART_LEGEND.infeasible,
  }));
  const trained = data.filter((r) => isFiniteNumber(r.p50Days));
  const untrained = data.filter((r) => !isFiniteNumber(r.p50Days));
  const deadline = rows[0]?.deadlineDays ?? null;
  return {
    ...frame(options, {
      height: heightForRows(rows.length),
      marginLeft: marginForLabels(rows.map((r) => r.label)),
    }),
    marginRight: 110,
    marginTop: 28,
    x: { label: "training days with failures (P50 bar, P90 extension) →", grid: true, nice: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: {
      domain: [DAYS_CHART_LEGEND.feasible, DAYS_CHART_LEGEND.infeasible],
      range: [COLOR.good, COLOR.poor],
      legend: true,
    },
    marks: [
      Plot.barX(trained, {
        x1: "p50Days",
        x2: (r: DaysChartRow) => (isFiniteNumber(r.p90Days) ? r.p90Days : r.p50Days),
        y: "label",
        fill: "fill",
        fillOpacity: 0.3,
        ariaDescription: "p90",
        insetTop: 6,
        insetBottom: 6,
      }),
      Plot.barX(trained, {
        ariaDescription: "p50",
        x: "p50Days",
        y: "label",
        fill: "fill",
        insetTop: 6,
        insetBottom: 6,
        title: (r: DaysChartRow) => `${r.label}: P50 ${fmt(r.p50Days)} d, P90 ${fmt(r.p90Days)} d`,
      }),
      Plot.text(trained, {
        x: (r: DaysChartRow) => (isFiniteNumber(r.p90Days) ? r.p90Days : r.p50Days),
        y: "label",
        text: (r: DaysChartRow) => `${fmt(r.p50Days)} d (P90 ${fmt(r.p90Days)})`,
        textAnchor: "start",
        dx: 4,
        fill: COLOR.ink,
        ariaDescription: "days",
      }),
      Plot.text(untrained, {
        x: 0,
        y: "label",
        text: () => "cannot train",
        textAnchor: "start",
        dx: 4,
        ariaDescription: "untrained",
      }),
      ...deadlineMarks(deadline),
      Plot.ruleX([0]),
    ],
  };
}
