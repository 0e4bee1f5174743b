import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { latencyPercentileChart } from "./latency-percentile-chart.ts";

const rows = [
  { metric: "TTFT", p50: 127, p90: 187, p99: 260, limitMs: 2000 },
  { metric: "TPOT", p50: 50.4, p90: 52.9, p99: 55.5, limitMs: 50 },
  { metric: "end-to-end", p50: 50_495, p90: 52_977, p99: 55_637 },
];

describe("latencyPercentileChart()", () => {
  it("latencyPercentileChart() draws a dot per percentile, the P99 in ms, the limits and a percentile legend", () => {
    const chart = renderChart(latencyPercentileChart(rows));
    expect(chart.elements("percentile")).toHaveLength(9);
    expect(chart.titles("percentile")).toContain("TPOT p90: 52.9 ms");
    expect(chart.texts("p99")).toEqual(["260 ms", "55.5 ms", "55,600 ms"]);
    expect(chart.titles("limit")).toEqual(["TTFT limit: 2,000 ms", "TPOT limit: 50 ms"]);
    expect(chart.elements("span")).toHaveLength(3);
    expect(chart.legend()).toEqual(["p50", "p90", "p99"]);
  });

  it("latencyPercentileChart() places the percentiles left to right on a log axis", () => {
    const dots = renderChart(latencyPercentileChart([rows[0]!])).elements("percentile");
    const [p50, p90, p99] = dots.map((d) => Number(d.getAttribute("cx")));
    expect(p50).toBeLessThan(p90!);
    expect(p90).toBeLessThan(p99!);
  });

  it("latencyPercentileChart() leaves out values a log axis cannot show", () => {
    const chart = renderChart(
      latencyPercentileChart([{ metric: "TPOT", p50: 0, p90: null, p99: 12, limitMs: null }]),
    );
    expect(chart.elements("percentile")).toHaveLength(1);
    expect(chart.elements("span")).toHaveLength(0);
    expect(chart.elements("limit")).toHaveLength(0);
  });

  it("latencyPercentileChart() labels ticks up to its data when they span less than a decade (review 35)", () => {
    // a TPOT p99 of 69.2 ms against a 50 ms limit: a log axis labelled 50 ... 60 and left 62 ... 68 blank
    const ticks = renderChart(
      latencyPercentileChart([{ metric: "TPOT", p50: 60.1, p90: 64.8, p99: 69.2, limitMs: 50 }]),
    ).ticks("x");
    expect(ticks.every((t) => t.trim() !== "")).toBe(true);
    expect(Math.max(...ticks.map((t) => Number(t.replaceAll(",", ""))))).toBeGreaterThanOrEqual(65);
    // wider data keeps the log axis
    expect(latencyPercentileChart(rows).x).toMatchObject({ type: "log" });
  });

  it("latencyPercentileChart() labels the log axis in plain ms, not SI ('10M')", () => {
    // review 19 A5: an overloaded simulation's TTFT of 10^7 ms read "10M"
    const ticks = renderChart(
      latencyPercentileChart([{ metric: "TTFT", p50: 1e3, p90: 1e6, p99: 2e7 }]),
    ).ticks("x");
    expect(ticks).toContain("10,000,000");
    expect(ticks.join(" ")).not.toMatch(/[kM]\b/);
  });
});
