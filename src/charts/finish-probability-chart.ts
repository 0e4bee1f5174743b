import * as Plot from "@observablehq/plot";
import { type ChartOptions, COLOR, deadlineMarks, fmt, frame, isFiniteNumber } from "./_chart-style.ts";

/** Share of simulated replicas that finished by a deadline (same seed at every deadline). */
export interface FinishProbabilityPoint {
  deadlineDays: number;
  pFinish: number;
}

export interface FinishProbabilityOptions extends ChartOptions {
  /** The job's own deadline, marked with a rule and its probability. */
  deadlineDays?: number | null;
  /** The failure-free training days, the earliest possible finish. */
  failureFreeDays?: number | null;
}

/**
 * Probability of finishing against the deadline: the simulated share of replicas done by each deadline (a step
 * line, 0–100 %), the failure-free days as a grey rule (nothing finishes earlier) and the job's deadline in red.
 * @example renderSvg(finishProbabilityChart(points, { deadlineDays: 60 }))
 */
export function finishProbabilityChart(
  points: readonly FinishProbabilityPoint[],
  options: FinishProbabilityOptions = {},
): Plot.PlotOptions {
  const sorted = [...points]
    .filter((p) => isFiniteNumber(p.pFinish))
    .sort((a, b) => a.deadlineDays - b.deadlineDays);
  const deadline = options.deadlineDays ?? null;
  const free = options.failureFreeDays ?? null;
  return {
    ...frame(options, { height: 280 }),
    x: { label: "deadline, days →", grid: true, nice: true },
    y: { label: "↑ P(finish by deadline), %", domain: [0, 100], percent: true, grid: true },
    marks: [
      Plot.lineY(sorted, {
        x: "deadlineDays",
        y: "pFinish",
        curve: "step-after",
        stroke: COLOR.good,
        strokeWidth: 2,
      }),
      Plot.dot(sorted, {
        x: "deadlineDays",
        y: "pFinish",
        fill: COLOR.good,
        r: 3,
        ariaDescription: "p-finish",
        title: (p: FinishProbabilityPoint) => `by ${fmt(p.deadlineDays)} d: ${fmt(p.pFinish * 100)} %`,
      }),
      ...(isFiniteNumber(free)
        ? [
            Plot.ruleX([free], { ariaDescription: "failure-free", stroke: COLOR.poor }),
            Plot.text([free], {
              x: (d: number) => d,
              frameAnchor: "bottom",
              text: () => "failure-free",
              textAnchor: "start",
              dx: 4,
              dy: -6,
              fill: COLOR.poor,
            }),
          ]
        : []),
      ...deadlineMarks(deadline, { label: "inside", side: deadlineLabelSide(sorted, deadline, free) }),
      Plot.ruleY([0]),
    ],
  };
}

// --- internal ---

/**
 * Which side of the deadline rule its label goes: left (ending at the rule) when the rule sits in the right half
 * of the x extent (the deadline is often the largest x, at the frame's right edge), else right. Half, not a pixel
 * test: Plot rounds the domain ("nice") only when it draws, and either half leaves the label ~40 % of the frame.
 */
function deadlineLabelSide(
  points: readonly FinishProbabilityPoint[],
  deadline: number | null,
  free: number | null,
): "left" | "right" {
  if (!isFiniteNumber(deadline)) return "right";
  const xs = [...points.map((p) => p.deadlineDays), deadline, free].filter(isFiniteNumber);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return hi > lo && deadline > (lo + hi) / 2 ? "left" : "right";
}
