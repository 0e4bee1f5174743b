import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { type DaysChartRow, daysChart, FEASIBLE_LABEL } from "./days-chart.ts";

// Rows shaped like comparisonChartData(compareStrategies(defaultScenario())).days (src/fleet), rounded.
const rows: DaysChartRow[] = [
  { label: "All on NVIDIA", p50Days: 88.0, p90Days: 88.1, deadlineDays: 60, feasible: false },
  {
    label: "Train on NVIDIA, serve on Ascend",
    p50Days: 44.51,
    p90Days: 44.66,
    deadlineDays: 60,
    feasible: true,
  },
  { label: "All on Ascend", p50Days: null, p90Days: null, deadlineDays: 60, feasible: false },
];

describe("daysChart()", () => {
  it("daysChart() draws one P50 bar and one P90 extension per strategy that trains", () => {
    const chart = renderChart(daysChart(rows));
    expect(chart.elements("p50")).toHaveLength(2);
    expect(chart.elements("p90")).toHaveLength(2);
    expect(chart.titles("p50")).toContain("Train on NVIDIA, serve on Ascend: P50 44.5 d, P90 44.7 d");
  });

  it("daysChart() writes the figures, the deadline and 'cannot train' for a strategy without a plan", () => {
    const chart = renderChart(daysChart(rows));
    expect(chart.texts("days")).toEqual(["88 d (P90 88.1)", "44.5 d (P90 44.7)"]);
    expect(chart.texts("untrained")).toEqual(["cannot train"]);
    expect(chart.elements("deadline")).toHaveLength(1);
    expect(chart.markup).toContain("deadline 60 d");
  });

  it("daysChart() colours feasible and infeasible strategies differently", () => {
    const fills = renderChart(daysChart(rows))
      .elements("p50")
      .map((e) => e.getAttribute("fill"));
    expect(fills[0]).not.toBe(fills[1]);
  });

  it("daysChart() draws a bar for exactly the rows with a finite P50 (property)", () => {
    const row = fc.record({
      label: fc.string({ minLength: 1, maxLength: 12 }),
      p50Days: fc.option(fc.double({ min: 0.1, max: 1000, noNaN: true }), { nil: null }),
      p90Days: fc.option(fc.double({ min: 0.1, max: 1000, noNaN: true }), { nil: null }),
      deadlineDays: fc.constant(60),
      feasible: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 6, selector: (r) => r.label }), (rs) => {
        const chart = renderChart(daysChart(rs));
        expect(chart.elements("p50")).toHaveLength(rs.filter((r) => r.p50Days !== null).length);
      }),
      { numRuns: 25 },
    );
  });

  it("daysChart() names in its colour legend what 'feasible' checks: deadline, throughput, policy", () => {
    // review 19 B6: a row "feasible" by compare missed its p99 latency at load; the legend says latency is not in it
    expect(renderChart(daysChart(rows)).legend()).toEqual([FEASIBLE_LABEL, "not feasible"]);
  });
});
