import * as Plot from "@observablehq/plot";
import {
  type ChartOptions,
  COLOR,
  categoryColors,
  colorsInOrder,
  fmt,
  frame,
  heightForRows,
  marginForLabels,
} from "./_chart-style.ts";

/** One part of one bar: e.g. plan "TP8 PP16 ...", part "mlp", value 0.42 (seconds). */
export interface BreakdownChartRow {
  bar: string;
  part: string;
  value: number;
}

export interface BreakdownChartOptions extends ChartOptions {
  /** Axis label with the unit, e.g. "step time, s" or "memory per chip, GiB". */
  label: string;
  /** A limit to draw as a red rule (the chip's memory capacity). */
  limit?: number | null;
  limitLabel?: string;
  /** A fixed colour per part (`TRAIN_STEP_PART_COLORS`), so a part keeps its colour across plans and chips. */
  colors?: Readonly<Record<string, string>>;
}

/**
 * The train plan's step-time parts (src/train/plan-training-json.ts `step_breakdown_s`, "_" read as spaces) in the
 * API's order, each in a fixed colour: the 16 parts take the 16 palette colours, none shared.
 */
export const TRAIN_STEP_PART_COLORS: Readonly<Record<string, string>> = colorsInOrder([
  "attention gemms",
  "attention scores",
  "mlp",
  "experts",
  "head",
  "elementwise",
  "kernel overhead",
  "recompute",
  "pipeline bubble",
  "tp exposed",
  "cp exposed",
  "ep exposed",
  "pp exposed",
  "dp exposed",
  "optimizer",
  "overhead",
]);

/** The train plan's memory parts (src/train/plan-training-json.ts `memory_gib`) in the API's order, fixed colours. */
export const TRAIN_MEMORY_PART_COLORS: Readonly<Record<string, string>> = colorsInOrder([
  "weights",
  "gradients",
  "optimizer",
  "activations",
  "logits",
  "reserve",
]);

/**
 * Stacked horizontal bars, one per plan, split into parts (the train plan's step-time breakdown in seconds, or
 * its memory per chip in GiB), each part in its own colour with a legend: the colour and order of `colors` for the
 * parts it names, the rows' order and the palette's spare colours for the others,
 * the total at the end and an optional limit rule (memory capacity). Zero parts are dropped.
 * @example renderSvg(breakdownChart(rows, { label: "step time, s" }))
 */
export function breakdownChart(
  rows: readonly BreakdownChartRow[],
  options: BreakdownChartOptions,
): Plot.PlotOptions {
  const kept = rows.filter((r) => Number.isFinite(r.value) && r.value > 0);
  const bars = [...new Set(rows.map((r) => r.bar))];
  const color = categoryColors(
    kept.map((r) => r.part),
    options.colors ?? {},
  );
  const parts = color.domain;
  const totals = bars.map((bar) => ({
    bar,
    total: kept.filter((r) => r.bar === bar).reduce((s, r) => s + r.value, 0),
  }));
  const limit = options.limit ?? null;
  return {
    ...frame(options, {
      height: heightForRows(bars.length) + 20 * Math.ceil(parts.length / 6),
      marginLeft: marginForLabels(bars),
    }),
    marginRight: 60,
    x: { label: `${options.label} →`, grid: true, nice: true },
    y: { label: null, domain: bars },
    color: { ...color, legend: true },
    marks: [
      Plot.barX(
        kept,
        Plot.stackX({
          x: "value",
          y: "bar",
          fill: "part",
          ariaDescription: "part",
          order: parts,
          insetTop: 6,
          insetBottom: 6,
          title: (r: BreakdownChartRow) => `${r.part}: ${fmt(r.value)}`,
        }),
      ),
      Plot.text(totals, {
        x: "total",
        y: "bar",
        text: (t: { total: number }) => fmt(t.total),
        textAnchor: "start",
        dx: 4,
        ariaDescription: "total",
      }),
      ...(limit === null
        ? []
        : [
            Plot.ruleX([limit], {
              ariaDescription: "limit",
              stroke: COLOR.target,
              strokeDasharray: "4 3",
              strokeWidth: 1.5,
            }),
            Plot.text([limit], {
              x: (d: number) => d,
              frameAnchor: "top",
              text: (d: number) => `${options.limitLabel ?? "limit"} ${fmt(d)}`,
              fill: COLOR.target,
              dy: -8,
            }),
          ]),
      Plot.ruleX([0]),
    ],
  };
}
