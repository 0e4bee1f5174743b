import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { costChart } from "./cost-chart.ts";

describe("costChart()", () => {
  it("costChart() stacks training and serving in millions of USD and writes the window total", () => {
    const chart = renderChart(
      costChart([
        { label: "All on NVIDIA", trainingUsd: 4.33e6, servingUsd: 3.42e6, windowUsd: 7.75e6 },
        { label: "Cannot serve", trainingUsd: 2e6, servingUsd: null, windowUsd: null },
      ]),
    );
    expect(chart.elements("cost")).toHaveLength(3);
    expect(chart.titles("cost")).toContain("All on NVIDIA, serving: $3.42M");
    expect(chart.texts("total")).toEqual(["$7.75M", "–"]);
  });

  it("costChart() places the serving part after the training part (stacked, not overlapping)", () => {
    const [training, serving] = renderChart(
      costChart([{ label: "A", trainingUsd: 1e6, servingUsd: 1e6, windowUsd: 2e6 }]),
    ).elements("cost");
    const end = Number(training?.getAttribute("x")) + Number(training?.getAttribute("width"));
    expect(Number(serving?.getAttribute("x"))).toBeCloseTo(end, 6);
  });
});
