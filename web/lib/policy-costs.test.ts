import { describe, expect, it } from "vitest";
import { policyCostRows, policyCostSummary } from "./policy-costs.ts";
import { comparisonFixture } from "./test-fixtures.ts";

describe("policyCostRows()", () => {
  it("policyCostRows() puts the unconstrained best first, then each constraint with its differences", () => {
    const rows = policyCostRows(comparisonFixture());
    expect(rows.map((r) => r.constraint)).toEqual([
      "none (unconstrained best)",
      "only chips obtainable in china",
      "at least 30 % of the work on domestic chips",
      "every constraint of the scenario",
    ]);
    expect(rows[0]).toMatchObject({ unconstrained: true, feasible: null, deltaDays: "" });
    expect(rows[1]).toMatchObject({ deltaDays: "0", deltaPDeadline: "0 pts", deltaUsd: "$0" });
    expect(rows[2]).toMatchObject({
      split: "train 1,024 h800 + 1,024 ascend-910c; serve 2,000 ascend-910c",
      p50Days: "56.9",
      deltaDays: "+12.4",
      deltaPDeadline: "−35 pts",
      deltaUsd: "+$1.2M",
    });
  });

  it("policyCostRows() gives no rows for an answer without policy_costs", () => {
    expect(policyCostRows({ ...comparisonFixture(), policy_costs: [] })).toEqual([]);
  });
});

describe("policyCostSummary()", () => {
  it("policyCostSummary() reads the 'all' row, and says when the constraints cost nothing", () => {
    const c = comparisonFixture();
    expect(policyCostSummary(c)).toBe(
      "What the constraints cost: all together +12.4 days P50, −35 pts P(deadline) and +$1.2M over the window against the unconstrained best.",
    );
    const free = c.policy_costs!.map((p) => ({
      ...p,
      delta_p50_days: 0,
      delta_p_deadline: 0,
      delta_window_usd: 0,
    }));
    expect(policyCostSummary({ ...c, policy_costs: free })).toBe(
      "What the constraints cost: nothing here, the best split under each is the unconstrained best.",
    );
    expect(policyCostSummary({ ...c, policy_costs: [] })).toBeNull();
  });
});
