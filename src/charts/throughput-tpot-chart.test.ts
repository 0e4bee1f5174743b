import { describe, expect, it } from "vitest";
import { renderChart } from "./_test-dom.ts";
import { throughputTpotChart } from "./throughput-tpot-chart.ts";

describe("throughputTpotChart()", () => {
  it("throughputTpotChart() draws every layout, rings the chosen one and the TPOT limit", () => {
    const chart = renderChart(
      throughputTpotChart(
        [
          { label: "TP8 batch 16", tpotMs: 20, outputTokensPerSPerChip: 500 },
          { label: "TP8 batch 64", tpotMs: 45, outputTokensPerSPerChip: 1800, chosen: true },
          { label: "TP8 batch 256", tpotMs: 80, outputTokensPerSPerChip: 2600 },
        ],
        { tpotLimitMs: 50 },
      ),
    );
    expect(chart.elements("layout")).toHaveLength(3);
    expect(chart.elements("chosen")).toHaveLength(1);
    expect(chart.elements("tpot-limit")).toHaveLength(1);
    expect(chart.markup).toContain("TP8 batch 64: 1,800");
  });
});
