import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { STEP_CHART_MARGIN_RIGHT, stepTimeChart } from "./step-time-chart.ts";

const prefill = {
  pool: "prefill",
  dense: 900,
  experts: 1500,
  attention: 700,
  kernelLaunches: 3,
  communication: 200,
  overhead: 5,
  total: 3308,
  microBatches: 1,
};
const decode = {
  pool: "decode",
  dense: 9,
  experts: 14,
  attention: 12,
  kernelLaunches: 3,
  communication: 0,
  overhead: 5,
  total: 43,
  microBatches: 2,
};

describe("stepTimeChart()", () => {
  it("stepTimeChart() stacks one bar per pool by part, with a legend of the six parts and the totals in ms", () => {
    const chart = renderChart(stepTimeChart([prefill, decode]));
    // decode's communication is zero: no segment for it
    expect(chart.elements("part")).toHaveLength(11);
    expect(chart.legend()).toEqual([
      "dense GEMMs",
      "experts",
      "attention",
      "kernel launches",
      "communication",
      "host work (exposed)",
    ]);
    expect(chart.texts("total")).toEqual(["3,310 ms", "43 ms, 2 micro-batches"]);
    expect(chart.titles("part")).toContain("decode, experts: 14 ms (33 %)");
    expect(chart.texts("share")).toEqual(["27 %", "45 %", "21 %", "21 %", "33 %", "28 %"]);
    expect(chart.markup).toContain("share of one step's time, % (step total in ms at the right)");
    expect(chart.markup).toContain(
      `aria-label="Where one engine step's time goes, per pool: prefill 3,310 ms, decode 43 ms"`,
    );
  });

  it("stepTimeChart() gives a 1,000x shorter decode step a bar as long as prefill's (shares of the step)", () => {
    const chart = renderChart(stepTimeChart([prefill, decode]));
    const ends = ["prefill", "decode"].map((pool) =>
      Math.max(
        ...chart
          .elements("part")
          .filter((_, i) => (pool === "prefill" ? i < 6 : i >= 6))
          .map((e) => Number(e.getAttribute("x")) + Number(e.getAttribute("width"))),
      ),
    );
    expect(ends[0]).toBeCloseTo(ends[1]!, 6);
  });

  it("stepTimeChart() draws no bar nor total for a pool without a positive step", () => {
    const empty = { ...decode, pool: "colocated", dense: 0, experts: 0, attention: 0, kernelLaunches: 0 };
    const chart = renderChart(stepTimeChart([{ ...empty, overhead: Number.NaN, total: 0 }, decode]));
    expect(chart.elements("part")).toHaveLength(5);
    expect(chart.texts("total")).toEqual(["43 ms, 2 micro-batches"]);
  });

  it("stepTimeChart() fills each bar end to end from 0 to 100 % (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1e4, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (v) => {
          const [dense, experts, attention, kernelLaunches, communication, overhead] = v as [
            number,
            number,
            number,
            number,
            number,
            number,
          ];
          const total = v.reduce((s, x) => s + x, 0);
          const chart = renderChart(
            stepTimeChart([
              { pool: "decode", dense, experts, attention, kernelLaunches, communication, overhead, total },
            ]),
          );
          const rects = chart.elements("part").map((e) => ({
            x: Number(e.getAttribute("x")),
            width: Number(e.getAttribute("width")),
          }));
          rects.sort((a, b) => a.x - b.x);
          expect(rects).toHaveLength(6);
          for (let i = 1; i < rects.length; i++) {
            expect(rects[i]!.x).toBeCloseTo(rects[i - 1]!.x + rects[i - 1]!.width, 6);
          }
          const zero = rects[0]!.x;
          const full = rects[5]!.x + rects[5]!.width;
          // x scale: 0 % at the left margin, 100 % at the right edge of the plot area (640 - right margin)
          expect(zero).toBeCloseTo(60, 6);
          expect(full).toBeCloseTo(640 - STEP_CHART_MARGIN_RIGHT, 6);
        },
      ),
      { numRuns: 20 },
    );
  });
});
