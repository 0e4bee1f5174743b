import * as Plot from "@observablehq/plot";
import {
  CATEGORICAL,
  type ChartOptions,
  COLOR,
  fmt,
  frame,
  heightForRows,
  isFiniteNumber,
  marginForLabels,
} from "./_chart-style.ts";

/**
 * One engine step of one planned pool, in ms: the serving plan's `stepMs` (src/serve/plan-serve.ts) with the pool
 * it belongs to. The six parts add up to `total`.
 */
export interface StepTimeRow {
  /** Bar label: "colocated", "prefill" or "decode". */
  pool: string;
  dense: number;
  experts: number;
  attention: number;
  kernelLaunches: number;
  communication: number;
  overhead: number;
  total: number;
  /** 2 when the step runs as two overlapped micro-batches (two-batch overlap); written beside the total. */
  microBatches?: number;
}

/** The parts of a step in stacking order, with their names (the chart's legend and `serve plan`'s step table). */
export const STEP_PARTS = [
  { key: "dense", name: "dense GEMMs" },
  { key: "experts", name: "experts" },
  { key: "attention", name: "attention" },
  { key: "kernelLaunches", name: "kernel launches" },
  { key: "communication", name: "communication" },
  // the engine's host work the device waits for: all of it without an overlap scheduler (step-time.ts)
  { key: "overhead", name: "host work (exposed)" },
] as const;

/** Segments at least this share of the step (%) have their share written inside them. */
const INSIDE_LABEL_MIN_PERCENT = 12;

interface StepSegment {
  pool: string;
  part: string;
  ms: number;
  percent: number;
}

/** Room at the right of the bars for each pool's step total and micro-batch note, px. */
export const STEP_CHART_MARGIN_RIGHT = 200;

/**
 * Where one engine step's time goes, per planned pool: one horizontal bar per pool, stacked by part (dense
 * GEMMs, routed experts, attention, kernel launches, unhidden communication, exposed host work) as shares of the
 * step in %, the step's total in ms (and its micro-batches when two) written at the right of each bar. Shares
 * rather than ms on one axis: a prefill step is ~1,000x a decode step, so on a shared ms axis the decode bar
 * would be invisible, and Plot's facets share their x scale; shares make the pools' make-up comparable at a
 * glance, and the written total keeps the absolute size. Parts that are zero, negative or not finite are left
 * out (the legend still lists all six, so a part keeps its colour); pools without a positive total draw no bar.
 * @example renderSvg(stepTimeChart([{ pool: "decode", dense: 9, experts: 14, attention: 12, kernelLaunches: 3,
 *   communication: 4, overhead: 5, total: 47, microBatches: 2 }]))
 */
export function stepTimeChart(rows: readonly StepTimeRow[], options: ChartOptions = {}): Plot.PlotOptions {
  const pools = rows.map((r) => r.pool);
  const segments: StepSegment[] = rows.flatMap((r) => {
    const parts = STEP_PARTS.map((p) => ({ name: p.name, ms: r[p.key] })).filter(
      (p) => isFiniteNumber(p.ms) && p.ms > 0,
    );
    const sum = parts.reduce((s, p) => s + p.ms, 0);
    return sum > 0
      ? parts.map((p) => ({ pool: r.pool, part: p.name, ms: p.ms, percent: (100 * p.ms) / sum }))
      : [];
  });
  const drawn = rows.filter((r) => segments.some((s) => s.pool === r.pool));
  const partNames: string[] = STEP_PARTS.map((p) => p.name);
  return {
    ...frame(options, {
      height: heightForRows(rows.length, 40) + 20,
      marginLeft: marginForLabels(pools),
    }),
    ariaLabel: `Where one engine step's time goes, per pool: ${rows
      .map((r) => `${r.pool} ${fmt(r.total)} ms`)
      .join(", ")}`,
    marginRight: STEP_CHART_MARGIN_RIGHT,
    x: {
      label: "share of one step's time, % (step total in ms at the right) →",
      domain: [0, 100],
      grid: true,
    },
    y: { label: null, domain: pools },
    color: {
      domain: partNames,
      range: CATEGORICAL.slice(0, partNames.length),
      legend: true,
    },
    marks: [
      Plot.barX(
        segments,
        Plot.stackX({
          x: "percent",
          y: "pool",
          fill: "part",
          order: partNames,
          insetTop: 6,
          insetBottom: 6,
          ariaDescription: "part",
          title: (s: StepSegment) => `${s.pool}, ${s.part}: ${fmt(s.ms)} ms (${fmt(s.percent, 2)} %)`,
        }),
      ),
      Plot.text(
        segments,
        Plot.stackX({
          x: "percent",
          y: "pool",
          order: (s: StepSegment) => partNames.indexOf(s.part),
          text: (s: StepSegment) =>
            s.percent >= INSIDE_LABEL_MIN_PERCENT ? `${Math.round(s.percent)} %` : null,
          fill: "white",
          ariaDescription: "share",
        }),
      ),
      Plot.text(drawn, {
        x: 100,
        y: "pool",
        text: (r: StepTimeRow) => `${fmt(r.total)} ms${r.microBatches === 2 ? ", 2 micro-batches" : ""}`,
        textAnchor: "start",
        dx: 6,
        fill: COLOR.ink,
        ariaDescription: "total",
      }),
      Plot.ruleX([0]),
    ],
  };
}
