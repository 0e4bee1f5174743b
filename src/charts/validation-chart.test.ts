import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { validationChart } from "./validation-chart.ts";

const points = [
  { id: "a", metric: "mfu", family: "nvidia-hopper", observed: 0.4, predicted: 0.38, low: 0.3, high: 0.45 },
  { id: "b", metric: "tokens_per_s_per_chip", family: "ascend-910", observed: 1500, predicted: 1800 },
  { id: "c", metric: "tokens_per_s_per_chip", family: "nvidia-hopper", observed: 3000, predicted: 0 },
];

describe("validationChart()", () => {
  it("validationChart() plots positive points, their intervals and a legend of chip families", () => {
    const chart = renderChart(validationChart(points));
    expect(chart.elements("case")).toHaveLength(2);
    expect(chart.elements("interval")).toHaveLength(1);
    expect(chart.legend()).toEqual(["ascend-910", "nvidia-hopper"]);
    expect(chart.titles("case")).toContain(
      "b (ascend-910) tokens_per_s_per_chip: observed 1,500, predicted 1,800 (20 %)",
    );
  });

  it("validationChart() draws y = x through the frame's corners (same log domain on both axes)", () => {
    const [line] = renderChart(validationChart(points)).elements("y=x");
    expect(line?.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  });
});
