// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { PolicyCostTable } from "./PolicyCostTable.tsx";

afterEach(cleanup);

describe("PolicyCostTable", () => {
  it("PolicyCostTable shows the table open when a constraint costs something, closed when none does", () => {
    // review 19 B8: the CLI's "What each constraint costs" was missing from the view
    const c = comparisonFixture();
    const { container, rerender } = render(<PolicyCostTable c={c} />);
    const details = () => container.querySelector("details.policy-costs") as HTMLDetailsElement;
    expect(details().open).toBe(true);
    expect(details().querySelectorAll("tbody tr")).toHaveLength(4);
    const free = c.policy_costs!.map((p) => ({
      ...p,
      delta_p50_days: 0,
      delta_p_deadline: 0,
      delta_window_usd: 0,
    }));
    rerender(<PolicyCostTable c={{ ...c, policy_costs: free }} />);
    expect(details().open).toBe(false);
    expect(details().querySelector("summary")?.textContent).toBe(
      "What the constraints cost: nothing here, the best split under each is the unconstrained best.",
    );
  });

  it("PolicyCostTable shows nothing for an answer without policy_costs", () => {
    const { container } = render(<PolicyCostTable c={{ ...comparisonFixture(), policy_costs: [] }} />);
    expect(container.innerHTML).toBe("");
  });
});
