import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { scalingChart } from "./scaling-chart.ts";

describe("scalingChart()", () => {
  it("scalingChart() marks counts with a plan and rings those without one", () => {
    const chart = renderChart(
      scalingChart([
        { chips: 2048, tokensPerSPerChip: 1800 },
        { chips: 256, tokensPerSPerChip: 2100 },
        { chips: 64, tokensPerSPerChip: null },
      ]),
    );
    expect(chart.elements("planned")).toHaveLength(2);
    expect(chart.elements("unplanned")).toHaveLength(1);
    expect(chart.titles("planned")).toEqual([
      "256 chips: 2,100 tokens/s per chip",
      "2,048 chips: 1,800 tokens/s per chip",
    ]);
  });

  it("scalingChart() spaces doublings of the chip count evenly (log₂ axis)", () => {
    const xs = renderChart(
      scalingChart([
        { chips: 256, tokensPerSPerChip: 1 },
        { chips: 512, tokensPerSPerChip: 1 },
        { chips: 1024, tokensPerSPerChip: 1 },
      ]),
    )
      .elements("planned")
      .map((e) => Number(e.getAttribute("cx")));
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 6);
  });
});
