import { describe, expect, it } from "vitest";
import { fleetReportMarkdown } from "./fleet-report.ts";
import { comparisonFixture } from "./test-fixtures.ts";

describe("fleetReportMarkdown()", () => {
  it("fleetReportMarkdown() gives the answer, one table row per strategy, the charts and the sources", () => {
    const md = fleetReportMarkdown(comparisonFixture(), { "Training days": "<svg></svg>" });
    expect(md).toContain("**Answer:** Train on NVIDIA, serve on Ascend: training P50 44.5 days");
    expect(md.split("\n").filter((l) => l.startsWith("| All on") || l.startsWith("| Train on"))).toHaveLength(
      3,
    );
    expect(md).toContain("### Training days\n\n<svg></svg>");
    expect(md).toContain("| h800_count | 2,048 chips | V3 report §3.1 |");
  });

  it("fleetReportMarkdown() says so when no strategy is feasible", () => {
    expect(fleetReportMarkdown({ ...comparisonFixture(), recommended: null })).toContain(
      "no strategy trains by the deadline",
    );
  });
});
