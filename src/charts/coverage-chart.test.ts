import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { coverageChart } from "./coverage-chart.ts";

describe("coverageChart()", () => {
  it("coverageChart() draws capacity bars, a demand tick per strategy and the share of the peak", () => {
    const chart = renderChart(
      coverageChart([
        { label: "carries", capacityOutputTokensPerS: 2.4e6, demandOutputTokensPerS: 2.0e6 },
        { label: "short", capacityOutputTokensPerS: 1.0e6, demandOutputTokensPerS: 2.0e6 },
        { label: "none", capacityOutputTokensPerS: null, demandOutputTokensPerS: 2.0e6 },
      ]),
    );
    expect(chart.elements("capacity")).toHaveLength(2);
    expect(chart.elements("demand")).toHaveLength(3);
    expect(chart.texts("coverage")).toEqual(["120 % of peak", "50 % of peak", "–"]);
    const [carries, short] = chart.elements("capacity").map((e) => e.getAttribute("fill"));
    expect(carries).not.toBe(short);
  });
});
