import * as Plot from "@observablehq/plot";
import { type ChartOptions, COLOR, fmt, frame, isFiniteNumber } from "./_chart-style.ts";

/** One serving instance layout the planner tried: its per-token latency and its throughput per chip. */
export interface ThroughputTpotPoint {
  /** Layout name, e.g. "TP8 batch 64" or "disaggregated decode". */
  label: string;
  tpotMs: number;
  outputTokensPerSPerChip: number;
  /** The layout the planner chose. */
  chosen?: boolean;
}

export interface ThroughputTpotOptions extends ChartOptions {
  /** The TPOT limit in ms, drawn as a red rule: layouts right of it are too slow per token. */
  tpotLimitMs?: number | null;
}

/**
 * Throughput against time per output token: every layout tried as a dot (output tokens/s per chip against TPOT),
 * the chosen one ringed and labelled, and the TPOT limit as a red rule. Bigger batches buy throughput with
 * latency; the best layout is the highest dot left of the rule.
 * @example renderSvg(throughputTpotChart(points, { tpotLimitMs: 50 }))
 */
export function throughputTpotChart(
  points: readonly ThroughputTpotPoint[],
  options: ThroughputTpotOptions = {},
): Plot.PlotOptions {
  const data = points.filter((p) => isFiniteNumber(p.tpotMs) && isFiniteNumber(p.outputTokensPerSPerChip));
  const chosen = data.filter((p) => p.chosen === true);
  const limit = options.tpotLimitMs ?? null;
  return {
    ...frame(options, { height: 320 }),
    marginTop: 30,
    x: { label: "time per output token (TPOT), ms →", grid: true, zero: true, nice: true },
    y: { label: "↑ output tokens/s per chip of the instance", grid: true, zero: true, nice: true },
    marks: [
      Plot.dot(data, {
        x: "tpotMs",
        y: "outputTokensPerSPerChip",
        fill: COLOR.good,
        fillOpacity: 0.5,
        ariaDescription: "layout",
        r: 4,
        title: (p: ThroughputTpotPoint) =>
          `${p.label}: ${fmt(p.outputTokensPerSPerChip)} tokens/s per chip at ${fmt(p.tpotMs)} ms`,
      }),
      Plot.dot(chosen, {
        x: "tpotMs",
        y: "outputTokensPerSPerChip",
        stroke: COLOR.ink,
        strokeWidth: 2,
        r: 8,
        ariaDescription: "chosen",
      }),
      Plot.text(chosen, {
        x: "tpotMs",
        y: "outputTokensPerSPerChip",
        text: (p: ThroughputTpotPoint) => `${p.label}: ${fmt(p.outputTokensPerSPerChip)}`,
        textAnchor: "end",
        dx: -12,
        fill: COLOR.ink,
      }),
      ...(isFiniteNumber(limit)
        ? [
            Plot.ruleX([limit], {
              ariaDescription: "tpot-limit",
              stroke: COLOR.target,
              strokeDasharray: "4 3",
              strokeWidth: 1.5,
            }),
            Plot.text([limit], {
              x: (d: number) => d,
              frameAnchor: "top",
              text: (d: number) => `TPOT limit ${fmt(d)} ms`,
              textAnchor: "end",
              dx: -4,
              dy: 6,
              fill: COLOR.target,
            }),
          ]
        : []),
      Plot.ruleY([0]),
    ],
  };
}
