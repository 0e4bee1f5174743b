import { describe, expect, it } from "vitest";
import { failureRateCounts } from "./assumption.ts";
import { failureRateSet } from "./failure-rate-set.ts";
import { parseReliabilityInput } from "./reliability-input.ts";
import { resolveReliabilityPlan } from "./resolve-reliability-plan.ts";

const planOf = (chipFamily: string, cluster: "dedicated" | "shared" = "dedicated") =>
  resolveReliabilityPlan(parseReliabilityInput({ chipFamily, chipCount: 1024, trainDays: 10, cluster }));

describe("failureRateCounts()", () => {
  it("failureRateCounts() counts the rates of a plan and those that are assumptions, not the method inputs", () => {
    // H100: Llama 3's eight Table 5 rows, all sourced
    expect(failureRateCounts(planOf("nvidia-hopper").assumptions)).toEqual({ rates: 8, assumed: 0 });
    // A100 dedicated: r_f sourced, Llama 3's software and NCCL rows borrowed; shared adds its fitted, sourced term
    expect(failureRateCounts(planOf("nvidia-ampere").assumptions)).toEqual({ rates: 3, assumed: 2 });
    expect(failureRateCounts(planOf("nvidia-ampere", "shared").assumptions)).toEqual({
      rates: 4,
      assumed: 2,
    });
    const ascend = failureRateSet("ascend-910c").components.length;
    expect(failureRateCounts(planOf("ascend-910c").assumptions)).toEqual({ rates: ascend, assumed: ascend });
  });
});
