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

/** One break-even factor: P50 days at the worse setting (`low`), the better one (`high`) and today (`baseline`). */
export interface TornadoChartRow {
  factor: string;
  low: number | null;
  high: number | null;
  baseline: number | null;
}

export interface TornadoChartOptions extends ChartOptions {
  /** Deadline in days, drawn as a dashed red rule. */
  deadlineDays?: number | null;
  /** Legend words for the two settings (default "×0.5 (worse)" and "×2 (better)", src/fleet's tornado). */
  lowLabel?: string;
  highLabel?: string;
}

/**
 * "What would Ascend need": for each factor, a bar from today's P50 training days to the P50 with the factor
 * worse (amber) and better (blue), widest swing first, with today's days and the deadline as rules. A factor
 * whose bars cross the deadline is one that could decide the question alone.
 * @example renderSvg(tornadoChart(comparisonChartData(result).tornado, { deadlineDays: 60 }))
 */
export function tornadoChart(
  rows: readonly TornadoChartRow[],
  options: TornadoChartOptions = {},
): Plot.PlotOptions {
  const lowLabel = options.lowLabel ?? "×0.5 (worse)";
  const highLabel = options.highLabel ?? "×2 (better)";
  const named = rows
    .filter((r) => isFiniteNumber(r.baseline))
    .map((r) => ({ ...r, name: r.factor.replaceAll("_", " ") }))
    .sort((a, b) => swing(b) - swing(a));
  const bars = named.flatMap((r) =>
    [
      { name: r.name, setting: lowLabel, from: r.baseline, to: r.low },
      { name: r.name, setting: highLabel, from: r.baseline, to: r.high },
    ].filter((b) => isFiniteNumber(b.to)),
  );
  const baseline = named[0]?.baseline ?? null;
  const deadline = options.deadlineDays ?? null;
  return {
    ...frame(options, {
      height: heightForRows(named.length, 40) + 24,
      marginLeft: marginForLabels(named.map((r) => r.name)),
    }),
    marginRight: 40,
    x: { label: "P50 training days →", grid: true, nice: true },
    y: { label: null, domain: named.map((r) => r.name) },
    color: { domain: [lowLabel, highLabel], range: [COLOR.worse, COLOR.better], legend: true },
    marks: [
      Plot.barX(bars, {
        ariaDescription: "swing",
        x1: "from",
        x2: "to",
        y: "name",
        fill: "setting",
        insetTop: 8,
        insetBottom: 8,
        title: (b: { name: string; setting: string; to: number }) => `${b.name} ${b.setting}: ${fmt(b.to)} d`,
      }),
      Plot.text(
        bars.filter((b) => b.to! >= b.from!),
        {
          x: "to",
          y: "name",
          text: (b: { to: number }) => fmt(b.to),
          textAnchor: "start",
          dx: 4,
          fill: COLOR.ink,
        },
      ),
      Plot.text(
        bars.filter((b) => b.to! < b.from!),
        {
          x: "to",
          y: "name",
          text: (b: { to: number }) => fmt(b.to),
          textAnchor: "end",
          dx: -4,
          fill: COLOR.ink,
        },
      ),
      ...(baseline === null
        ? []
        : [Plot.ruleX([baseline], { ariaDescription: "baseline", stroke: COLOR.ink })]),
      ...deadlineMarks(deadline),
    ],
  };
}

// --- internal ---

function swing(r: TornadoChartRow): number {
  const values = [r.low, r.high, r.baseline].filter(isFiniteNumber);
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}
