import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { goodputIntervalChart } from "./goodput-interval-chart.ts";

const points = [10, 20, 40, 80, 160].map((intervalMin) => ({
  intervalMin,
  goodput: 0.95 - 0.01 * Math.abs(Math.log2(intervalMin / 40)),
  goodputP10: 0.9,
  goodputP90: 0.97,
}));

describe("goodputIntervalChart()", () => {
  it("goodputIntervalChart() plots each simulated interval and labels the best one", () => {
    const chart = renderChart(goodputIntervalChart(points));
    expect(chart.elements("goodput")).toHaveLength(5);
    expect(chart.markup).toContain("best simulated: 40 min, 95 %");
    expect(chart.elements("band")).toHaveLength(1);
  });

  it("goodputIntervalChart() draws Young's and Daly's optima when known", () => {
    const chart = renderChart(goodputIntervalChart(points, { youngMin: 38, dalyMin: null }));
    expect(chart.elements("optimum")).toHaveLength(1);
    expect(chart.markup).toContain("Young 38 min");
    expect(chart.markup).not.toContain("Daly");
  });

  it("goodputIntervalChart() labels one rule for both when Young and Daly are within 5 %", () => {
    const chart = renderChart(goodputIntervalChart(points, { youngMin: 5.4, dalyMin: 5.45 }));
    expect(chart.elements("optimum")).toHaveLength(1);
    expect(chart.markup).toContain("Young ≈ Daly 5.45 min");
  });

  it("goodputIntervalChart() labels a log axis under a minute in plain numbers, not SI ('100m')", () => {
    // review 19 A5: at 100,000 chips Daly's interval is minutes' fractions, and 0.1 min read "100m"
    const short = [0.1, 0.2, 0.4].map((intervalMin) => ({ intervalMin, goodput: 0.5 }));
    const ticks = renderChart(goodputIntervalChart(short))
      .ticks("x")
      .filter((t) => t !== "");
    expect(ticks).toContain("0.1");
    expect(ticks.join(" ")).not.toMatch(/m\b/);
  });
});
