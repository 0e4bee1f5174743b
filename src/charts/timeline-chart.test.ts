import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { timelineChart } from "./timeline-chart.ts";

describe("timelineChart()", () => {
  it("timelineChart() draws one rectangle per segment in days, states in the legend", () => {
    const chart = renderChart(
      timelineChart([
        { startH: 0, endH: 48, state: "training" },
        { startH: 48, endH: 49, state: "lost_work" },
        { startH: 49, endH: 49, state: "restart" },
        { startH: 49, endH: 96, state: "training" },
      ]),
    );
    expect(chart.elements("segment")).toHaveLength(3);
    expect(chart.legend()).toEqual(["training", "lost work"]);
    expect(chart.titles("segment")[0]).toBe("training: 0–2 d");
  });
});
