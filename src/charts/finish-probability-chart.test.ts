import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { finishProbabilityChart } from "./finish-probability-chart.ts";

describe("finishProbabilityChart()", () => {
  it("finishProbabilityChart() plots P(finish) in percent with the deadline and failure-free rules", () => {
    const chart = renderChart(
      finishProbabilityChart(
        [
          { deadlineDays: 60, pFinish: 0.9 },
          { deadlineDays: 50, pFinish: 0.1 },
        ],
        { deadlineDays: 55, failureFreeDays: 48 },
      ),
    );
    expect(chart.titles("p-finish")).toEqual(["by 50 d: 10 %", "by 60 d: 90 %"]);
    expect(chart.elements("deadline")).toHaveLength(1);
    expect(chart.elements("failure-free")).toHaveLength(1);
  });

  it("finishProbabilityChart() puts 100 % at the top of the frame and 0 % at the bottom", () => {
    const ys = renderChart(
      finishProbabilityChart([
        { deadlineDays: 1, pFinish: 0 },
        { deadlineDays: 2, pFinish: 1 },
      ]),
    )
      .elements("p-finish")
      .map((e) => Number(e.getAttribute("cy")));
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeLessThanOrEqual(30);
  });

  it("finishProbabilityChart() ends the deadline label at the rule when the rule sits at the right edge", () => {
    const points = [54, 55, 56].map((d, i) => ({ deadlineDays: d, pFinish: i / 2 }));
    const anchor = (deadlineDays: number) =>
      renderChart(finishProbabilityChart(points, { deadlineDays, failureFreeDays: 54 })).markAttribute(
        "deadline-label",
        "text-anchor",
      );
    // review 19: a deadline of 60 d at the right edge, labelled to its right, read "dea"
    expect(anchor(60)).toBe("end");
    expect(anchor(54.2)).toBe("start");
  });
});
