import * as Plot from "@observablehq/plot";
import {
  type ChartOptions,
  COLOR,
  fmt,
  frame,
  heightForRows,
  isFiniteNumber,
  marginForLabels,
} from "./_chart-style.ts";

/** Cost of one strategy over the deadline window, as `comparisonChartData(result).cost` gives it (src/fleet). */
export interface CostChartRow {
  label: string;
  trainingUsd: number | null;
  servingUsd: number | null;
  windowUsd: number | null;
}

/**
 * Cost per strategy over the deadline window, in millions of US dollars: training (dark) and serving (light)
 * stacked, the total written at the end. Unknown parts (null) are left out, and the total then reads "–".
 * @example renderSvg(costChart(comparisonChartData(result).cost))
 */
export function costChart(rows: readonly CostChartRow[], options: ChartOptions = {}): Plot.PlotOptions {
  const parts = rows.flatMap((r) =>
    [
      { label: r.label, part: "training", musd: usdM(r.trainingUsd) },
      { label: r.label, part: "serving", musd: usdM(r.servingUsd) },
    ].filter((p): p is { label: string; part: string; musd: number } => isFiniteNumber(p.musd)),
  );
  return {
    ...frame(options, {
      height: heightForRows(rows.length) + 24,
      marginLeft: marginForLabels(rows.map((r) => r.label)),
    }),
    marginRight: 70,
    x: { label: "cost over the deadline window, million USD →", grid: true, nice: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: { domain: ["training", "serving"], range: [COLOR.good, COLOR.faint], legend: true },
    marks: [
      Plot.barX(
        parts,
        Plot.stackX({
          x: "musd",
          y: "label",
          fill: "part",
          ariaDescription: "cost",
          insetTop: 6,
          insetBottom: 6,
          title: (p: { label: string; part: string; musd: number }) =>
            `${p.label}, ${p.part}: $${fmt(p.musd)}M`,
        }),
      ),
      Plot.text(rows, {
        x: (r: CostChartRow) => (usdM(r.trainingUsd) ?? 0) + (usdM(r.servingUsd) ?? 0),
        y: "label",
        text: (r: CostChartRow) => (isFiniteNumber(r.windowUsd) ? `$${fmt(r.windowUsd / 1e6)}M` : "–"),
        textAnchor: "start",
        dx: 4,
        fill: COLOR.ink,
        ariaDescription: "total",
      }),
      Plot.ruleX([0]),
    ],
  };
}

function usdM(usd: number | null): number | null {
  return isFiniteNumber(usd) ? usd / 1e6 : null;
}
