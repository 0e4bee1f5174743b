import * as Plot from "@observablehq/plot";
import { CATEGORICAL, type ChartOptions, COLOR, fmt, frame, isFiniteNumber } from "./_chart-style.ts";

/** One validated metric of one published case. */
export interface ValidationChartPoint {
  id: string;
  metric: string;
  /** Chip family of the case ("nvidia-hopper", "ascend-910", ...); "unknown" when the case gives none. */
  family: string;
  observed: number;
  predicted: number;
  /** The prediction's interval, when the model gives one. */
  low?: number | null;
  high?: number | null;
}

/**
 * Predicted against observed on log axes, one colour per chip family with a legend, each prediction's interval
 * as a vertical line, y = x in red (exact) and y = 2x, x/2 dotted grey (a factor of two off).
 * Points that cannot go on a log axis (zero or negative) are left out.
 * @example renderSvg(validationChart(cases.flatMap((c) => c.metrics.map((m) => ({ id: c.id, family: c.family, ...m })))))
 */
export function validationChart(
  points: readonly ValidationChartPoint[],
  options: ChartOptions = {},
): Plot.PlotOptions {
  const data = points.filter((p) => p.observed > 0 && p.predicted > 0);
  const intervals = data.filter(
    (p) => isFiniteNumber(p.low) && isFiniteNumber(p.high) && p.low > 0 && p.high > 0,
  );
  const values = data.flatMap((p) => [
    p.observed,
    p.predicted,
    ...(intervals.includes(p) ? [p.low!, p.high!] : []),
  ]);
  const lo = values.length === 0 ? 0.1 : Math.min(...values) / 1.5;
  const hi = values.length === 0 ? 10 : Math.max(...values) * 1.5;
  const families = [...new Set(data.map((p) => p.family))].sort();
  return {
    ...frame(options, { height: options.width ?? 520 }),
    x: { type: "log", domain: [lo, hi], label: "observed →" },
    y: { type: "log", domain: [lo, hi], label: "↑ predicted" },
    color: { domain: families, range: CATEGORICAL.slice(0, Math.max(1, families.length)), legend: true },
    clip: true,
    marks: [
      Plot.line(
        [
          [lo, lo / 2],
          [hi, hi / 2],
        ],
        { stroke: COLOR.poor, strokeDasharray: "2 3" },
      ),
      Plot.line(
        [
          [lo, lo * 2],
          [hi, hi * 2],
        ],
        { stroke: COLOR.poor, strokeDasharray: "2 3" },
      ),
      Plot.line(
        [
          [lo, lo],
          [hi, hi],
        ],
        { stroke: COLOR.target, strokeDasharray: "4 3", ariaDescription: "y=x" },
      ),
      Plot.ruleX(intervals, {
        x: "observed",
        y1: "low",
        y2: "high",
        stroke: "family",
        strokeOpacity: 0.6,
        ariaDescription: "interval",
      }),
      Plot.dot(data, {
        x: "observed",
        y: "predicted",
        fill: "family",
        r: 4,
        ariaDescription: "case",
        title: (p: ValidationChartPoint) =>
          `${p.id} (${p.family}) ${p.metric}: observed ${fmt(p.observed)}, predicted ${fmt(p.predicted)} (${fmt(
            (p.predicted / p.observed - 1) * 100,
            2,
          )} %)`,
      }),
    ],
  };
}
