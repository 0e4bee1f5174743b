import * as Plot from "@observablehq/plot";

/** Options every chart function takes; all optional. */
export interface ChartOptions {
  /** Outer width in pixels (default 640, Plot's own default). */
  width?: number;
  /** Outer height in pixels (default: per chart, from the number of rows). */
  height?: number;
}

export const COLOR = {
  /** Meets the target (deadline, demand, feasibility). */
  good: "#2563eb",
  /** Misses the target. */
  poor: "#9ca3af",
  /** The target itself (deadline, demand, y = x). */
  target: "#dc2626",
  /** A worse setting in a tornado. */
  worse: "#f59e0b",
  /** A better setting in a tornado. */
  better: "#2563eb",
  /** Ink for labels. */
  ink: "#374151",
  /** Bands and secondary series. */
  faint: "#bfdbfe",
} as const;

/** Categorical colours (Tailwind 600s, then 300s), in a fixed order so a category keeps its colour across charts. */
export const CATEGORICAL = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#4b5563",
  "#65a30d",
  // amber-800, not purple-600: the 10th part of a step breakdown (TP exposed) read as the 5th (head, violet-600)
  "#92400e",
  "#93c5fd",
  "#fca5a5",
  "#86efac",
  "#fcd34d",
  "#c4b5fd",
  "#67e8f9",
] as const;

/** Plot's default font size is 10 px; an average glyph of the system sans-serif is about 0.6 em wide there. */
const CHAR_PX = 6;

/** Left margin that fits the longest of `labels` (band labels of horizontal bars), between 60 and 340 px. */
export function marginForLabels(labels: readonly string[]): number {
  const longest = labels.reduce((n, s) => Math.max(n, s.length), 0);
  return Math.max(60, Math.min(340, 16 + CHAR_PX * longest));
}

/** Height for `rows` horizontal bands of `bandPx` each plus the axes. */
export function heightForRows(rows: number, bandPx = 34): number {
  return 60 + Math.max(1, rows) * bandPx;
}

/** The frame fields of Plot options (size, font), with the caller's overrides. */
export function frame(
  options: ChartOptions,
  defaults: { height: number; marginLeft?: number },
): Plot.PlotOptions {
  return {
    width: options.width ?? 640,
    height: options.height ?? defaults.height,
    ...(defaults.marginLeft === undefined ? {} : { marginLeft: defaults.marginLeft }),
    style: { fontSize: "11px", color: COLOR.ink, background: "white" },
  };
}

/** Number with at most `digits` significant digits and thin grouping, or "–" for null. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const rounded = Number(x.toPrecision(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** Finite numbers only (null, undefined, NaN and infinities are dropped). */
export function isFiniteNumber(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * The deadline as a dashed vertical rule with its label, or nothing without a deadline. The label sits centred
 * above the plot, or (`label: "inside"`) just right of the rule inside the frame, where a chart has no room above.
 */
export function deadlineMarks(
  deadline: number | null,
  options: { label?: "above" | "inside" } = {},
): Plot.Markish[] {
  if (deadline === null || !Number.isFinite(deadline)) return [];
  const place = options.label === "inside" ? { textAnchor: "start" as const, dx: 4, dy: 6 } : { dy: -8 };
  return [
    Plot.ruleX([deadline], {
      ariaDescription: "deadline",
      stroke: COLOR.target,
      strokeDasharray: "4 3",
      strokeWidth: 1.5,
    }),
    Plot.text([deadline], {
      x: (d: number) => d,
      frameAnchor: "top",
      text: (d: number) => `deadline ${fmt(d)} d`,
      fill: COLOR.target,
      ...place,
    }),
  ];
}
