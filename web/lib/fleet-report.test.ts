import { describe, expect, it } from "vitest";
import { FEASIBLE_LABEL } from "../../src/charts/index.ts";
import { fleetReportMarkdown } from "./fleet-report.ts";
import { comparisonFixture } from "./test-fixtures.ts";

describe("fleetReportMarkdown()", () => {
  it("fleetReportMarkdown() gives the answer, one table row per strategy, the charts and the sources", () => {
    const md = fleetReportMarkdown(comparisonFixture(), { "Training days": "<svg></svg>" });
    expect(md).toContain(`**Answer:** ${comparisonFixture().answer}`);
    expect(md.split("\n").filter((l) => l.startsWith("| All on") || l.startsWith("| Train on"))).toHaveLength(
      3,
    );
    expect(md).toContain("### Training days\n\n<svg></svg>");
    expect(md).toContain("| h800_count | 2,048 chips | V3 report §3.1 |");
  });

  it("fleetReportMarkdown() has what the CLI prints: Ascend alone, energy and idle chips, what each constraint costs", () => {
    // review 19 B8: the report had none of policy_costs, unconstrained, idle_chips or energy
    const md = fleetReportMarkdown(comparisonFixture());
    expect(md).toContain(`**Can Ascend do it all?** ${comparisonFixture().ascend_alone}`);
    const header = md.split("\n").find((l) => l.startsWith("| strategy |")) ?? "";
    expect(header).toContain("| energy (window), MWh | idle chips |");
    // the table's and the chart's name for feasible (review 19 B6)
    expect(header).toContain(`| ${FEASIBLE_LABEL} |`);
    expect(md).toContain("| $7.75M | 5,090 | 1,024 |");
    expect(md).toContain("## What each constraint costs against the unconstrained best");
    expect(md).toContain(
      "| none (unconstrained best) | train 2,048 h800; serve 2,000 ascend-910c | 44.5 | 99 % | $7.75M |  |  |  |",
    );
    expect(md).toContain(
      "| at least 30 % of the work on domestic chips | train 1,024 h800 + 1,024 ascend-910c; serve 2,000 ascend-910c | 56.9 | 64 % | $8.95M | +12.4 | −35 pts | +$1.2M |",
    );
    expect(md).toContain(
      "What the constraints cost: all together +12.4 days P50, −35 pts P(deadline) and +$1.2M",
    );
  });

  it("fleetReportMarkdown() leaves the constraint costs out for an answer without them", () => {
    const { policy_costs: _p, unconstrained: _u, ...older } = comparisonFixture();
    expect(fleetReportMarkdown(older)).not.toContain("What each constraint costs");
  });
});
