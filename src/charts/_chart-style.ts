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

/**
 * A colour scale for the categories present, each in its fixed colour of `colors` (so a category keeps its colour
 * whichever others are present; review 19 B4: "reserve" was purple beside H800's parts and teal beside 910C's),
 * listed in `colors`' order; a category `colors` lacks takes the first palette colour no other category has,
 * in order of appearance.
 */
export function categoryColors(
  present: readonly string[],
  colors: Readonly<Record<string, string>>,
): { domain: string[]; range: string[] } {
  const unique = [...new Set(present)];
  const known = Object.keys(colors).filter((c) => unique.includes(c));
  const unknown = unique.filter((c) => !Object.hasOwn(colors, c));
  const taken = new Set(Object.values(colors));
  const spare = CATEGORICAL.filter((c) => !taken.has(c));
  const domain = [...known, ...unknown];
  const range = [
    ...known.map((c) => colors[c]!),
    ...unknown.map((_, i) => spare[i % Math.max(1, spare.length)] ?? CATEGORICAL[i % CATEGORICAL.length]!),
  ];
  // Plot needs a non-empty range for an empty domain
  return domain.length === 0 ? { domain, range: [CATEGORICAL[0]] } : { domain, range };
}

/** `{name: colour}` with the palette's colours in the names' order: a fixed map from a list of categories. */
export function colorsInOrder(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n, i) => [n, CATEGORICAL[i % CATEGORICAL.length]!]));
}

/** The font size every chart is drawn at (`frame`'s style), px. */
export const FONT_PX = 11;

/**
 * Width of one label character, px: 0.65 em at `FONT_PX`. Measured with canvas `measureText` in Debian Chromium at
 * 11 px "system-ui, sans-serif" (DejaVu Sans there): plan labels ("TP4 PP2 DP256 EP64 mb1 ZeRO1", 184 px for 28
 * characters) run 0.56–0.60 em a character, the upper-case alphabet 0.67 em, strategy names 0.49–0.52 em. The
 * 6 px a character used before (0.6 em of Plot's 10 px default) cut the first letters of plan labels (review 19 A4).
 */
export const CHAR_PX = FONT_PX * 0.65;

/**
 * Left margin that fits the longest of `labels` (band labels of horizontal bars), between 60 and 340 px: the
 * label at `CHAR_PX` a character plus 16 px for the y axis's tick and padding (Plot 0.6: 6 px tick, 3 px padding).
 */
export function marginForLabels(labels: readonly string[]): number {
  const longest = labels.reduce((n, s) => Math.max(n, s.length), 0);
  return Math.max(60, Math.min(340, Math.ceil(16 + CHAR_PX * longest)));
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
    style: { fontSize: `${FONT_PX}px`, color: COLOR.ink, background: "white" },
  };
}

/** Number with at most `digits` significant digits and thin grouping, or "–" for null. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const rounded = Number(x.toPrecision(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/**
 * Tick labels of a log axis as plain numbers ("0.1", "10,000,000"): Plot's default for a log scale is SI, where 0.1
 * minutes reads "100m" (as if 100 minutes) and 10^7 ms "10M" (review 19 A5). A function keeps d3's thinning of a
 * log axis's labels (d3-scale `log.tickFormat(count, specifier)` accepts one).
 */
export function plainTick(x: number): string {
  return fmt(x);
}

/** Finite numbers only (null, undefined, NaN and infinities are dropped). */
export function isFiniteNumber(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * The deadline as a dashed vertical rule with its label, or nothing without a deadline. The label sits centred
 * above the plot, or (`label: "inside"`) inside the frame where a chart has no room above: right of the rule, or
 * (`side: "left"`) ending at the rule, for a rule near the frame's right edge (a label right of it was cut to
 * "dea", review 19 A4).
 */
export function deadlineMarks(
  deadline: number | null,
  options: { label?: "above" | "inside"; side?: "right" | "left" } = {},
): Plot.Markish[] {
  if (deadline === null || !Number.isFinite(deadline)) return [];
  const place =
    options.label !== "inside"
      ? { dy: -8 }
      : options.side === "left"
        ? { textAnchor: "end" as const, dx: -4, dy: 6 }
        : { textAnchor: "start" as const, dx: 4, dy: 6 };
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
      ariaDescription: "deadline-label",
      ...place,
    }),
  ];
}
