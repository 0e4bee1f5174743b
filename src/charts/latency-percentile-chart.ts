import * as Plot from "@observablehq/plot";
import {
  type ChartOptions,
  COLOR,
  fmt,
  frame,
  heightForRows,
  isFiniteNumber,
  marginForLabels,
  plainTick,
} from "./_chart-style.ts";

/** One latency of a serving simulation (TTFT, TPOT or end-to-end): its percentiles in ms, and a limit if any. */
export interface LatencyPercentileRow {
  /** Row label, e.g. "TTFT" or "end-to-end". */
  metric: string;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  /** The latency limit in ms (the serving plan's TTFT or TPOT limit), drawn as a red tick. */
  limitMs?: number | null;
}

const PERCENTILES = ["p50", "p90", "p99"] as const;
type Percentile = (typeof PERCENTILES)[number];

/** Light to dark: the tail is the darkest dot. */
const PERCENTILE_COLORS = ["#93c5fd", COLOR.good, "#1e3a8a"];

interface PercentilePoint {
  metric: string;
  percentile: Percentile;
  ms: number;
}

/**
 * Latency percentiles of a serving simulation on a log axis in ms (TTFT is milliseconds, end-to-end latency can be
 * minutes): one row per latency, a dot per percentile (P50 light to P99 dark) joined from P50 to P99, the P99
 * written at the right, and each row's limit as a red tick. Values that cannot go on a log axis (zero, negative,
 * null) are left out.
 * @example renderSvg(latencyPercentileChart([{ metric: "TTFT", p50: 127, p90: 187, p99: 260, limitMs: 2000 }]))
 */
export function latencyPercentileChart(
  rows: readonly LatencyPercentileRow[],
  options: ChartOptions = {},
): Plot.PlotOptions {
  const points: PercentilePoint[] = rows.flatMap((r) =>
    PERCENTILES.flatMap((percentile) => {
      const ms = r[percentile];
      return isFiniteNumber(ms) && ms > 0 ? [{ metric: r.metric, percentile, ms }] : [];
    }),
  );
  const spans = rows.flatMap((r) => {
    const ms = points.filter((p) => p.metric === r.metric).map((p) => p.ms);
    return ms.length > 1 ? [{ metric: r.metric, lo: Math.min(...ms), hi: Math.max(...ms) }] : [];
  });
  const tails = points.filter((p) => p.percentile === "p99");
  const limits = rows.flatMap((r) =>
    isFiniteNumber(r.limitMs) && r.limitMs > 0 ? [{ metric: r.metric, ms: r.limitMs }] : [],
  );
  return {
    ...frame(options, {
      height: heightForRows(rows.length, 44) + 24,
      marginLeft: marginForLabels(rows.map((r) => r.metric)),
    }),
    marginRight: 90,
    // within one decade a log axis labels only a few of its ticks (d3 thins them: 50 ... 60 labelled, 62 ... 68
    // not, the data at 69; review 35): a linear axis there, every tick labelled
    x: withinDecade([...points.map((p) => p.ms), ...limits.map((l) => l.ms)])
      ? { type: "linear", label: "latency, ms →", grid: true, nice: true, tickFormat: plainTick }
      : { type: "log", label: "latency, ms (log scale) →", grid: true, tickFormat: plainTick },
    y: { label: null, domain: rows.map((r) => r.metric) },
    color: { domain: [...PERCENTILES], range: PERCENTILE_COLORS, legend: true },
    marks: [
      Plot.ruleY(spans, {
        y: "metric",
        x1: "lo",
        x2: "hi",
        stroke: COLOR.faint,
        strokeWidth: 3,
        ariaDescription: "span",
      }),
      Plot.tickX(limits, {
        x: "ms",
        y: "metric",
        stroke: COLOR.target,
        strokeWidth: 2,
        ariaDescription: "limit",
        title: (l: { metric: string; ms: number }) => `${l.metric} limit: ${fmt(l.ms)} ms`,
      }),
      Plot.dot(points, {
        x: "ms",
        y: "metric",
        fill: "percentile",
        r: 5,
        ariaDescription: "percentile",
        title: (p: PercentilePoint) => `${p.metric} ${p.percentile}: ${fmt(p.ms)} ms`,
      }),
      Plot.text(tails, {
        x: "ms",
        y: "metric",
        text: (p: PercentilePoint) => `${fmt(p.ms)} ms`,
        textAnchor: "start",
        dx: 9,
        fill: COLOR.ink,
        ariaDescription: "p99",
      }),
    ],
  };
}

/** All values within a factor of 10 of one another (a log axis would span less than one decade). */
function withinDecade(values: readonly number[]): boolean {
  return values.length > 0 && Math.max(...values) < 10 * Math.min(...values);
}
