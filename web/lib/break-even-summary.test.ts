import { describe, expect, it } from "vitest";
import type { SensitivityJson } from "./api-types.ts";
import { breakEvenSummary, factorText } from "./break-even-summary.ts";

function row(factor: string, multiplier: number | null, p50: number, status: string): SensitivityJson {
  return {
    pool: "ascend-910c",
    chips: 768,
    factor,
    break_even_multiplier: multiplier,
    status,
    p50_days_at_break_even: p50,
    baseline_p50_days: 214,
  };
}

describe("breakEvenSummary()", () => {
  it("breakEvenSummary() says when no improvement meets the deadline, with the best P50 reached", () => {
    const rows = [
      row("failure_rate", null, 211, "beyond-range"),
      row("scale_up_bandwidth+stack_efficiency", null, 111, "beyond-range"),
      row("all", null, 109, "beyond-range"),
    ];
    expect(breakEvenSummary(rows, 60)).toBe(
      "What 768 chips of ascend-910c training alone would need: none of the 3 improvements searched meets the 60-day deadline (best: all four together, P50 109 days)",
    );
    expect(breakEvenSummary([], 60)).toBeNull();
  });

  it("breakEvenSummary() names the smallest improvement that meets it, one factor before a pair", () => {
    const rows = [
      row("failure_rate", null, 211, "beyond-range"),
      row("stack_efficiency", 2.5, 59, "needed"),
      row("scale_up_bandwidth+stack_efficiency", 1.6, 58, "needed"),
    ];
    expect(breakEvenSummary(rows, 60)).toBe(
      "What 768 chips of ascend-910c training alone would need: 2 of 3 improvements meet the 60-day deadline; the smallest: stack efficiency ×2.5 (P50 59 days)",
    );
    expect(factorText("scale_up_bandwidth+stack_efficiency")).toBe("scale up bandwidth + stack efficiency");
  });
});
