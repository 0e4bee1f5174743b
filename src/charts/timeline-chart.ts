import * as Plot from "@observablehq/plot";
import { CATEGORICAL, type ChartOptions, fmt, frame } from "./_chart-style.ts";

/** One stretch of one simulated replica: hours from the start, and what the job was doing. */
export interface TimelineChartSegment {
  startH: number;
  endH: number;
  state: string;
}

/**
 * One replica's timeline as a strip over days: training, checkpoint stalls, lost work, detection, restarts and
 * the rest, each state in its own colour with a legend (states in order of first appearance).
 * @example renderSvg(timelineChart(result.timeline))
 */
export function timelineChart(
  segments: readonly TimelineChartSegment[],
  options: ChartOptions = {},
): Plot.PlotOptions {
  const data = segments
    .filter((s) => Number.isFinite(s.startH) && Number.isFinite(s.endH) && s.endH > s.startH)
    .map((s) => ({
      ...s,
      startDays: s.startH / 24,
      endDays: s.endH / 24,
      state: s.state.replaceAll("_", " "),
    }));
  const states = [...new Set(data.map((s) => s.state))];
  return {
    ...frame(options, { height: 130 }),
    x: { label: "days since the start →", nice: true },
    y: { axis: null },
    color: { domain: states, range: CATEGORICAL.slice(0, Math.max(1, states.length)), legend: true },
    marks: [
      Plot.rectX(data, {
        x1: "startDays",
        x2: "endDays",
        y1: 0,
        y2: 1,
        fill: "state",
        ariaDescription: "segment",
        title: (s: (typeof data)[number]) => `${s.state}: ${fmt(s.startDays)}–${fmt(s.endDays)} d`,
      }),
    ],
  };
}
