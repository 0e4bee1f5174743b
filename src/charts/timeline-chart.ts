import * as Plot from "@observablehq/plot";
import type { TimelineState } from "../reliability/index.ts";
import { type ChartOptions, COLOR, categoryColors, fmt, frame } from "./_chart-style.ts";

/** One stretch of one simulated replica: hours from the start, and what the job was doing. */
export interface TimelineChartSegment {
  startH: number;
  endH: number;
  state: string;
}

/**
 * The colour of each state of the reliability simulator's timeline (src/reliability/run-monte-carlo.ts
 * `TimelineState`, "_" read as spaces), fixed so a state keeps its colour whichever others a run shows (review 19
 * B4: "planned maintenance" was red in one run, orange in another): running in the accent blue, the stops in
 * amber, violet, red and grey.
 */
const STATE_COLORS = {
  running: COLOR.good,
  detecting: "#d97706",
  waiting_for_spare: "#7c3aed",
  restarting: COLOR.target,
  planned_maintenance: "#4b5563",
} as const satisfies Record<TimelineState, string>;

/** `STATE_COLORS` keyed by the names the legend shows. */
const LEGEND_COLORS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STATE_COLORS).map(([state, color]) => [state.replaceAll("_", " "), color]),
);

/**
 * One replica's timeline as a strip over days: running, detection, waiting for a spare, restarts and planned
 * maintenance, each state in its fixed colour with a legend (in the simulator's order; another state in a spare
 * colour).
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
  const color = categoryColors(
    data.map((s) => s.state),
    LEGEND_COLORS,
  );
  return {
    ...frame(options, { height: 130 }),
    x: { label: "days since the start →", nice: true },
    y: { axis: null },
    color: { ...color, legend: true },
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
