import * as Plot from "@observablehq/plot";
import { type ChartOptions, COLOR, fmt, frame, isFiniteNumber, plainTick } from "./_chart-style.ts";

/** Simulated goodput at one checkpoint interval (one seeded reliability run per interval). */
export interface GoodputIntervalPoint {
  intervalMin: number;
  /** Mean goodput across replicas (useful training time over wall time), 0–1. */
  goodput: number;
  /** 10th and 90th percentiles across replicas, when known. */
  goodputP10?: number | null;
  goodputP90?: number | null;
}

export interface GoodputIntervalOptions extends ChartOptions {
  /** Young's and Daly's optimal intervals in minutes, drawn as labelled rules. */
  youngMin?: number | null;
  dalyMin?: number | null;
}

/**
 * Goodput against the checkpoint interval (log axis): the mean of the simulation as a line with its P10–P90 band,
 * and Young's and Daly's closed-form optima as labelled rules. Too short an interval pays checkpoint stalls,
 * too long one loses work at each failure; the peak between them is the interval to use.
 * @example renderSvg(goodputIntervalChart(points, { youngMin: 41, dalyMin: 43 }))
 */
export function goodputIntervalChart(
  points: readonly GoodputIntervalPoint[],
  options: GoodputIntervalOptions = {},
): Plot.PlotOptions {
  const sorted = [...points]
    .filter((p) => isFiniteNumber(p.goodput))
    .sort((a, b) => a.intervalMin - b.intervalMin);
  const banded = sorted.filter((p) => isFiniteNumber(p.goodputP10) && isFiniteNumber(p.goodputP90));
  const best = sorted.reduce<GoodputIntervalPoint | null>(
    (b, p) => (b === null || p.goodput > b.goodput ? p : b),
    null,
  );
  const rules = optimumRules(options.youngMin ?? null, options.dalyMin ?? null);
  return {
    ...frame(options, { height: 300 }),
    x: { type: "log", label: "checkpoint interval, minutes →", grid: true, tickFormat: plainTick },
    y: { label: "↑ goodput (useful / wall time), %", grid: true, percent: true, nice: true },
    marks: [
      Plot.areaY(banded, {
        x: "intervalMin",
        y1: "goodputP10",
        y2: "goodputP90",
        fill: COLOR.faint,
        fillOpacity: 0.7,
        ariaDescription: "band",
      }),
      Plot.lineY(sorted, { x: "intervalMin", y: "goodput", stroke: COLOR.good, strokeWidth: 2 }),
      Plot.dot(sorted, {
        x: "intervalMin",
        y: "goodput",
        fill: COLOR.good,
        r: 3,
        ariaDescription: "goodput",
        title: (p: GoodputIntervalPoint) => `${fmt(p.intervalMin)} min: goodput ${fmt(p.goodput * 100)} %`,
      }),
      ...(best === null
        ? []
        : [
            Plot.text([best], {
              x: "intervalMin",
              y: "goodput",
              text: (p: GoodputIntervalPoint) =>
                `best simulated: ${fmt(p.intervalMin)} min, ${fmt(p.goodput * 100)} %`,
              dy: -12,
              fill: COLOR.ink,
            }),
          ]),
      Plot.ruleX(rules, {
        ariaDescription: "optimum",
        x: "min",
        stroke: COLOR.target,
        strokeDasharray: "4 3",
      }),
      Plot.text(rules, {
        x: "min",
        frameAnchor: "bottom",
        text: (r: { name: string; min: number }) => `${r.name} ${fmt(r.min)} min`,
        rotate: -90,
        textAnchor: "start",
        dx: -6,
        dy: -4,
        fill: COLOR.target,
      }),
    ],
  };
}

// --- internal ---

/** Young's and Daly's rules; one rule labelled with both when they are within 5 % (their labels would overlap). */
function optimumRules(youngMin: number | null, dalyMin: number | null): { name: string; min: number }[] {
  if (isFiniteNumber(youngMin) && isFiniteNumber(dalyMin) && Math.abs(youngMin / dalyMin - 1) < 0.05) {
    return [{ name: "Young ≈ Daly", min: dalyMin }];
  }
  return [
    { name: "Young", min: youngMin },
    { name: "Daly", min: dalyMin },
  ].filter((r): r is { name: string; min: number } => isFiniteNumber(r.min));
}
