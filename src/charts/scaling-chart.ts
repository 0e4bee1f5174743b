import * as Plot from "@observablehq/plot";
import { type ChartOptions, COLOR, fmt, frame, isFiniteNumber } from "./_chart-style.ts";

/** The best plan's throughput at one chip count (one training-plan search per point). */
export interface ScalingChartPoint {
  chips: number;
  /** Training tokens/s per chip of the best plan; null when no plan fits. */
  tokensPerSPerChip: number | null;
}

/**
 * Scaling curve: training tokens/s per chip of the best plan against the chip count (log₂ axis), a line through
 * the counts that have a plan and a grey ring where none fits. Flat is perfect scaling; the drop shows what
 * communication and pipeline bubbles cost as the job grows.
 * @example renderSvg(scalingChart([{ chips: 256, tokensPerSPerChip: 2100 }, { chips: 2048, tokensPerSPerChip: 1900 }]))
 */
export function scalingChart(
  points: readonly ScalingChartPoint[],
  options: ChartOptions = {},
): Plot.PlotOptions {
  const sorted = [...points].sort((a, b) => a.chips - b.chips);
  const planned = sorted.filter((p) => isFiniteNumber(p.tokensPerSPerChip));
  const unplanned = sorted.filter((p) => !isFiniteNumber(p.tokensPerSPerChip));
  return {
    ...frame(options, { height: 300 }),
    x: { type: "log", base: 2, label: "chips →", grid: true },
    y: { label: "↑ tokens/s per chip (best plan)", grid: true, zero: true, nice: true },
    marks: [
      Plot.lineY(planned, { x: "chips", y: "tokensPerSPerChip", stroke: COLOR.good, strokeWidth: 2 }),
      Plot.dot(planned, {
        x: "chips",
        y: "tokensPerSPerChip",
        fill: COLOR.good,
        r: 4,
        ariaDescription: "planned",
        title: (p: ScalingChartPoint) =>
          `${p.chips.toLocaleString("en-US")} chips: ${fmt(p.tokensPerSPerChip)} tokens/s per chip`,
      }),
      Plot.text(planned, {
        x: "chips",
        y: "tokensPerSPerChip",
        text: (p: ScalingChartPoint) => fmt(p.tokensPerSPerChip),
        dy: -10,
        fill: COLOR.ink,
      }),
      Plot.dot(unplanned, {
        x: "chips",
        y: 0,
        stroke: COLOR.poor,
        r: 5,
        ariaDescription: "unplanned",
        title: () => "no plan fits",
      }),
      Plot.ruleY([0]),
    ],
  };
}
