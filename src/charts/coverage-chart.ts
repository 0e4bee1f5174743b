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

/** Serving capacity of one strategy against the peak it must carry, output tokens per second. */
export interface CoverageChartRow {
  label: string;
  capacityOutputTokensPerS: number | null;
  demandOutputTokensPerS: number | null;
}

/**
 * Serving capacity against demand: a bar per strategy to its capacity (million output tokens/s), a red tick at
 * the peak demand it must carry, and the share of the peak covered written at the end. Blue bars carry the peak.
 * @example renderSvg(coverageChart(strategies.map((s) => ({ label: s.label, ...s.serving }))))
 */
export function coverageChart(
  rows: readonly CoverageChartRow[],
  options: ChartOptions = {},
): Plot.PlotOptions {
  const data = rows.map((r) => {
    const capacity = isFiniteNumber(r.capacityOutputTokensPerS) ? r.capacityOutputTokensPerS / 1e6 : null;
    const demand = isFiniteNumber(r.demandOutputTokensPerS) ? r.demandOutputTokensPerS / 1e6 : null;
    const coverage = capacity !== null && demand !== null && demand > 0 ? capacity / demand : null;
    return {
      label: r.label,
      capacity,
      demand,
      coverage,
      fill: coverage !== null && coverage >= 1 ? COLOR.good : COLOR.poor,
    };
  });
  return {
    ...frame(options, {
      height: heightForRows(rows.length),
      marginLeft: marginForLabels(rows.map((r) => r.label)),
    }),
    marginRight: 90,
    x: {
      label: "output tokens/s, millions (bar: capacity, red tick: peak demand) →",
      grid: true,
      nice: true,
    },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(
        data.filter((d) => d.capacity !== null),
        {
          x: "capacity",
          y: "label",
          fill: "fill",
          ariaDescription: "capacity",
          insetTop: 6,
          insetBottom: 6,
          title: (d: (typeof data)[number]) =>
            `${d.label}: ${fmt(d.capacity)}M of ${fmt(d.demand)}M output tokens/s at peak`,
        },
      ),
      Plot.tickX(
        data.filter((d) => d.demand !== null),
        { x: "demand", y: "label", stroke: COLOR.target, strokeWidth: 2, ariaDescription: "demand" },
      ),
      Plot.text(data, {
        x: (d: (typeof data)[number]) => Math.max(d.capacity ?? 0, d.demand ?? 0),
        y: "label",
        text: (d: (typeof data)[number]) =>
          d.coverage === null ? "–" : `${fmt(d.coverage * 100)} % of peak`,
        textAnchor: "start",
        dx: 6,
        fill: COLOR.ink,
        ariaDescription: "coverage",
      }),
      Plot.ruleX([0]),
    ],
  };
}
