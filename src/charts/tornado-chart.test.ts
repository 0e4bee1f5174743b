import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { tornadoChart } from "./tornado-chart.ts";

// Shaped like the default scenario's tornado (src/fleet comparisonChartData), rounded to whole days.
const rows = [
  { factor: "failure_rate", low: 168, high: 163, baseline: 165 },
  { factor: "stack_efficiency", low: 270, high: 117, baseline: 165 },
  { factor: "scale_up_bandwidth", low: 197, high: null, baseline: 165 },
];

describe("tornadoChart()", () => {
  it("tornadoChart() draws a worse and a better bar per factor, skipping unknown settings", () => {
    const chart = renderChart(tornadoChart(rows));
    expect(chart.elements("swing")).toHaveLength(5);
    expect(chart.legend()).toEqual(["×0.5 (worse)", "×2 (better)"]);
  });

  it("tornadoChart() lists the widest swing first, with readable factor names", () => {
    const titles = renderChart(tornadoChart(rows)).titles("swing");
    expect(titles[0]).toBe("stack efficiency ×0.5 (worse): 270 d");
    expect(titles.at(-1)).toBe("failure rate ×2 (better): 163 d");
  });

  it("tornadoChart() draws today's days and the deadline when given", () => {
    const chart = renderChart(tornadoChart(rows, { deadlineDays: 60 }));
    expect(chart.elements("baseline")).toHaveLength(1);
    expect(chart.elements("deadline")).toHaveLength(1);
    expect(renderChart(tornadoChart(rows)).elements("deadline")).toHaveLength(0);
  });
});
