import { describe, expect, it } from "vitest";
import type { StrategyJson } from "./api-types.ts";
import { verdictOf } from "./verdict-of.ts";

describe("verdictOf()", () => {
  it("verdictOf() takes the API's verdict and falls back to feasible for older answers", () => {
    const row = (feasible: boolean, verdict?: StrategyJson["verdict"]) =>
      ({ feasible, ...(verdict ? { verdict } : {}) }) as StrategyJson;
    expect(verdictOf(row(true, "throughput only"))).toBe("throughput only");
    expect(verdictOf(row(true))).toBe("yes");
    expect(verdictOf(row(false))).toBe("no");
  });
});
