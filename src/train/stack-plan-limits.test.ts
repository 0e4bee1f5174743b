import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { resolveModel } from "../catalog/models/index.ts";
import { planTraining } from "./plan-training.ts";
import { stackPlanLimits } from "./stack-plan-limits.ts";

/** The plans the search ranks for Llama 3.1 70B on 512 H100 at 8K with a stack (16M-token batches). */
function plansWith(stackId: string) {
  return planTraining(
    {
      model: resolveModel("llama-3.1-70b").arch,
      chip: builtinChips().find((c) => c.id === "nvidia-h100-sxm")!,
      count: 512,
      seqLen: 8192,
      globalBatchTokens: 16 * 2 ** 20,
      precision: "bf16",
      stackId,
      top: 20,
      profile: builtinProfile().train,
    },
    { fewerChips: false },
  ).plans.map((p) => p.plan);
}

describe("stackPlanLimits()", () => {
  it("stackPlanLimits() keeps llm-foundry to FSDP without pipeline or context parallelism (expert review 36)", () => {
    expect(stackPlanLimits("llm-foundry")).toMatchObject({ zeroStages: [3], maxPp: 1, maxCp: 1 });
    const plans = plansWith("llm-foundry");
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect([p.pp, p.cp, p.zero]).toEqual([1, 1, 3]);
  });

  it("stackPlanLimits() gives torchtitan FSDP2's sharding only, and still its pipeline and context parallelism", () => {
    const plans = plansWith("torchtitan");
    expect(plans.every((p) => p.zero === 3)).toBe(true);
    // megatron, unrestricted, ranks ZeRO-1 plans among the same job's best
    expect(plansWith("megatron").some((p) => p.zero === 1)).toBe(true);
    expect(stackPlanLimits("torchtitan").maxPp).toBeUndefined();
  });
});
