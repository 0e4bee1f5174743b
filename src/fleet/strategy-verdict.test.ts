import { describe, expect, it } from "vitest";
import type { StrategyResult } from "./strategy-result.ts";
import { strategyVerdict } from "./strategy-verdict.ts";

/** The fields the verdict reads, the rest left out. */
function row(feasible: boolean, latencyOk: boolean, atLoad: object | null = {}): StrategyResult {
  return {
    feasible,
    serving: { parts: [{ atLoad }], latencyOk },
  } as unknown as StrategyResult;
}

describe("strategyVerdict()", () => {
  it("strategyVerdict() says yes only for a feasible row that meets its latency limits at load", () => {
    expect(strategyVerdict(row(true, true))).toBe("yes");
    expect(strategyVerdict(row(true, false))).toBe("throughput only");
    expect(strategyVerdict(row(false, true))).toBe("no");
    expect(strategyVerdict(row(false, false))).toBe("no");
  });

  it("strategyVerdict() keeps yes for a feasible row whose latency could not be checked", () => {
    expect(strategyVerdict(row(true, true, null))).toBe("yes");
  });
});
