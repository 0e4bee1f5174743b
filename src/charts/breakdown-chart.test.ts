import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { breakdownChart, TRAIN_MEMORY_PART_COLORS } from "./breakdown-chart.ts";

const rows = [
  { bar: "TP1 PP16", part: "mlp", value: 1.2 },
  { bar: "TP1 PP16", part: "experts", value: 3 },
  { bar: "TP1 PP16", part: "recompute", value: 0 },
  { bar: "TP2 PP8", part: "mlp", value: 1.1 },
  { bar: "TP2 PP8", part: "pipeline bubble", value: 1.5 },
];

describe("breakdownChart()", () => {
  it("breakdownChart() draws one segment per non-zero part with a legend and the totals", () => {
    const chart = renderChart(breakdownChart(rows, { label: "step time, s" }));
    expect(chart.elements("part")).toHaveLength(4);
    expect(chart.legend()).toEqual(["mlp", "experts", "pipeline bubble"]);
    expect(chart.texts("total")).toEqual(["4.2", "2.6"]);
  });

  it("breakdownChart() draws the limit rule only when given one", () => {
    expect(renderChart(breakdownChart(rows, { label: "GiB", limit: 80 })).elements("limit")).toHaveLength(1);
    expect(renderChart(breakdownChart(rows, { label: "GiB" })).elements("limit")).toHaveLength(0);
  });

  it("breakdownChart() stacks the segments of a bar end to end from zero (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (values) => {
          const chart = renderChart(
            breakdownChart(
              values.map((value, i) => ({ bar: "plan", part: `p${i}`, value })),
              { label: "s" },
            ),
          );
          const rects = chart.elements("part").map((e) => ({
            x: Number(e.getAttribute("x")),
            width: Number(e.getAttribute("width")),
          }));
          rects.sort((a, b) => a.x - b.x);
          for (let i = 1; i < rects.length; i++) {
            expect(rects[i]!.x).toBeCloseTo(rects[i - 1]!.x + rects[i - 1]!.width, 6);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it("breakdownChart() keeps a part's colour whatever other parts the plans have", () => {
    // review 19 B4: "reserve" was purple on H800 and teal on 910C, where "logits" is non-zero and took the purple
    const fillOf = (parts: string[], part: string) =>
      renderChart(
        breakdownChart(
          parts.map((p) => ({ bar: "plan", part: p, value: 1 })),
          { label: "GiB", colors: TRAIN_MEMORY_PART_COLORS },
        ),
      )
        .elements("part")
        .find((e) => (e.textContent ?? "").startsWith(`${part}:`))
        ?.getAttribute("fill");
    const h800 = fillOf(["weights", "gradients", "optimizer", "activations", "reserve"], "reserve");
    const ascend = fillOf(
      ["weights", "gradients", "optimizer", "activations", "logits", "reserve"],
      "reserve",
    );
    expect(h800).toBe(TRAIN_MEMORY_PART_COLORS["reserve"]);
    expect(ascend).toBe(h800);
  });
});
