import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { resolveModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import { planTraining } from "./plan-training.ts";

const llama8b = resolveModel("llama-3.1-8b").arch;

describe("planTraining()", () => {
  it.each(builtinChips().map((c) => [c.id, c] as const))(
    "plans on %s or refuses with a clear error",
    (_id, chip) => {
      try {
        const r = planTraining({
          model: llama8b,
          chip,
          count: 16,
          seqLen: 8192,
          globalBatchTokens: 8192 * 64,
          precision: "bf16",
          top: 1,
          profile: builtinProfile().train,
        });
        const best = r.plans[0];
        if (best) {
          expect(best.metrics!.tokensPerSPerChip).toBeGreaterThan(0);
          expect(best.metrics!.mfu).toBeLessThan(1);
        } else {
          expect(r.advisories.map((a) => a.code)).toContain("no-feasible-plan");
        }
      } catch (error) {
        expect(error).toBeInstanceOf(FleetcastError);
        expect((error as Error).message).toMatch(/^Cannot /);
      }
    },
  );

  it("turns a token budget into failure-free days and days with failures", () => {
    const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const r = planTraining({
      model: llama8b,
      chip,
      count: 64,
      seqLen: 8192,
      globalBatchTokens: 8192 * 256,
      precision: "bf16",
      tokens: 1e12,
      top: 1,
      profile: builtinProfile().train,
      reliability: { seed: 3, replicas: 50 },
    });
    const b = r.budget!;
    expect(b.days).toBeCloseTo(1e12 / (r.plans[0]!.metrics!.tokensPerSPerChip * 64) / 86400, 6);
    expect(b.withFailures!.wallDaysP50).toBeGreaterThanOrEqual(b.days);
    expect(b.daysInterval![0]).toBeLessThan(b.days);
  });
});
