// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { comparisonFixture } from "../lib/test-fixtures.ts";
import { StrategyTable } from "./StrategyTable.tsx";

afterEach(cleanup);

describe("StrategyTable", () => {
  it("StrategyTable shows one row per strategy with days, P(deadline), coverage and cost", () => {
    const c = comparisonFixture();
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    const row = container.querySelector('tr[data-strategy="all-ascend"]');
    expect(row?.querySelector('[data-field="p50_days"]')?.textContent).toBe("165");
    expect(row?.textContent).toContain("0 %");
    expect(row?.textContent).toContain("$7.75M");
    expect(screen.getAllByRole("row")).toHaveLength(4);
  });

  it("StrategyTable marks the recommended strategy and says 'cannot train' when training fails", () => {
    const c = comparisonFixture(Number.NaN);
    c.strategies[1]!.training!.failure = "no plan fits on 1024 chips";
    const { container } = render(
      <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={60} />,
    );
    expect(container.querySelector("tr.recommended")?.getAttribute("data-strategy")).toBe(
      "train-nvidia-serve-ascend",
    );
    expect(
      container.querySelector('tr[data-strategy="all-ascend"] [data-field="p50_days"]')?.textContent,
    ).toBe("cannot train");
  });
});
