import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Plan } from "./plan.ts";
import { stepTime } from "./step-time.ts";
import { fixtureContext, hybridContexts } from "./test-fixtures.ts";

const basePlan: Plan = {
  tp: 8,
  pp: 4,
  dp: 4,
  cp: 1,
  ep: 1,
  vpp: 1,
  microBatch: 1,
  recompute: "none",
  zero: 1,
  sequenceParallel: true,
  schedule: "1f1b",
};

const PARTS = [
  "attentionLinearS",
  "attentionScoresS",
  "mlpS",
  "expertsS",
  "headS",
  "elementwiseS",
  "kernelOverheadS",
  "recomputeS",
  "bubbleS",
  "tpExposedS",
  "cpExposedS",
  "epExposedS",
  "ppExposedS",
  "dpExposedS",
  "optimizerS",
  "overheadS",
] as const;

describe("stepTime()", () => {
  const ctx = fixtureContext({ model: "llama-3.1-70b", chip: "nvidia-h100-sxm", count: 128 });

  it("has a breakdown that sums to the step time", () => {
    const s = stepTime(ctx, basePlan);
    const sum = PARTS.reduce((acc, k) => acc + s[k], 0);
    expect(sum).toBeCloseTo(s.stepTimeS, 9);
  });

  it("sums to the step time for any valid dense plan (property)", () => {
    const plans = fc.record({
      tp: fc.constantFrom(1, 2, 4, 8),
      pp: fc.constantFrom(1, 2, 4),
      microBatch: fc.constantFrom(1, 2),
      recompute: fc.constantFrom("none", "selective", "full" as const),
      zero: fc.constantFrom(0, 1, 3 as const),
      schedule: fc.constantFrom("1f1b", "interleaved", "dualpipe" as const),
    });
    fc.assert(
      fc.property(plans, (p) => {
        const dp = 128 / (p.tp * p.pp);
        const plan: Plan = { ...basePlan, ...p, dp, vpp: p.schedule === "interleaved" ? 2 : 1 };
        const s = stepTime(ctx, plan);
        const sum = PARTS.reduce((acc, k) => acc + s[k], 0);
        return Math.abs(sum - s.stepTimeS) < 1e-9 * s.stepTimeS && s.stepTimeS > 0;
      }),
    );
  });

  it("is never slower with more peak compute or more bandwidth (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.constantFrom("peak", "hbm", "scaleup", "nic"),
        (factor, what) => {
          const faster = fixtureContext({
            model: "llama-3.1-70b",
            chip: "nvidia-h100-sxm",
            count: 128,
            chipPatch: (chip) => ({
              ...chip,
              peakTflops:
                what === "peak"
                  ? { ...chip.peakTflops, bf16: chip.peakTflops.bf16! * factor }
                  : chip.peakTflops,
              hbmTBps: what === "hbm" ? chip.hbmTBps! * factor : chip.hbmTBps,
              scaleUp:
                what === "scaleup"
                  ? {
                      ...chip.scaleUp,
                      chipGBpsUnidir: chip.scaleUp.chipGBpsUnidir! * factor,
                      peerGBpsUnidir: chip.scaleUp.peerGBpsUnidir! * factor,
                    }
                  : chip.scaleUp,
              scaleOut:
                what === "nic"
                  ? { ...chip.scaleOut, chipGbps: chip.scaleOut.chipGbps! * factor }
                  : chip.scaleOut,
            }),
          });
          return stepTime(faster, basePlan).stepTimeS <= stepTime(ctx, basePlan).stepTimeS * (1 + 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("prices a pipeline longer than a scale-up domain's stages on the scale-out network (QA 30)", () => {
    // TP1 CP2 DP2 puts two stages on each 8-GPU node: PP16 crosses the network at every second boundary
    const plan: Plan = { ...basePlan, tp: 1, cp: 2, dp: 2, pp: 16, vpp: 2, sequenceParallel: false };
    // Llama 3.1 8B on `count` H100 whose NIC carries `gbps` a chip
    const on = (count: number, gbps: number) =>
      fixtureContext({
        model: "llama-3.1-8b",
        chip: "nvidia-h100-sxm",
        count,
        seqLen: 8192,
        chipPatch: (chip) => ({ ...chip, scaleOut: { ...chip.scaleOut, chipGbps: gbps } }),
      });
    const at = (gbps: number) => stepTime(on(64, gbps), plan);
    expect(at(1).ppExposedS).toBeGreaterThan(50 * at(400).ppExposedS);
    expect(at(1).stepTimeS).toBeGreaterThan(at(400).stepTimeS);
    // on 8 GPUs the same layout's two stages share one node: NVLink prices them, whatever the NIC
    const two = (gbps: number) => stepTime(on(8, gbps), { ...plan, pp: 2, vpp: 1 }).ppExposedS;
    expect(two(1)).toBeGreaterThan(0);
    expect(two(1)).toBe(two(400));
  });

  it("charges a 1F1B bubble of (pp-1) micro-batch times and less when interleaved (Narayanan et al. 2021 §2.2)", () => {
    const oneF = stepTime(ctx, basePlan);
    const inter = stepTime(ctx, { ...basePlan, schedule: "interleaved", vpp: 4 });
    const perMicroBatch =
      (oneF.stepTimeS - oneF.bubbleS - oneF.dpExposedS - oneF.optimizerS - oneF.overheadS) /
      oneF.microBatches;
    expect(oneF.bubbleS).toBeCloseTo(3 * perMicroBatch, 6);
    expect(inter.bubbleS).toBeLessThan(oneF.bubbleS / 2);
  });

  it("makes full recomputation cost about one more forward pass", () => {
    const none = stepTime(ctx, basePlan);
    const full = stepTime(ctx, { ...basePlan, recompute: "full" });
    const compute = none.attentionLinearS + none.mlpS + none.attentionScoresS;
    expect(full.recomputeS / compute).toBeGreaterThan(0.25);
    expect(full.recomputeS / compute).toBeLessThan(0.45);
  });

  it("exposes MoE all-to-all, and hides most of it under DualPipe", () => {
    const moe = fixtureContext({
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      count: 2048,
      globalBatchTokens: 4096 * 15360,
    });
    const plan: Plan = { ...basePlan, tp: 1, pp: 16, dp: 128, ep: 64, recompute: "selective" };
    const oneF = stepTime(moe, plan);
    const dual = stepTime(moe, { ...plan, schedule: "dualpipe" });
    expect(oneF.comm.ep.totalS).toBeGreaterThan(0);
    expect(dual.epExposedS).toBeLessThan(0.1 * dual.comm.ep.totalS);
  });
});

describe("stepTime() expert GEMMs bounded by the weights they move", () => {
  const qwen = (hbmPatch = 1) =>
    fixtureContext({
      model: "qwen3-235b-a22b",
      chip: "nvidia-h100-sxm",
      count: 256,
      globalBatchTokens: 4096 * 2048,
      chipPatch: (c) => ({ ...c, hbmTBps: (c.hbmTBps ?? 0) * hbmPatch }),
    });
  const plan: Plan = { ...basePlan, tp: 4, pp: 8, dp: 8, ep: 8, vpp: 1, microBatch: 1 };

  it("reads 16 local experts' weights per micro-batch when each gets ~512 tokens (TP4 EP8 on 128 experts)", () => {
    // ~512 tokens per expert: the weight-gradient pass accumulating into FP32 (8 bytes a parameter) moves more
    // than it computes at the H100's rates, so memory bandwidth now moves the expert time
    const base = stepTime(qwen(), plan).expertsS;
    expect(stepTime(qwen(0.5), plan).expertsS).toBeGreaterThan(1.2 * base);
    expect(stepTime(qwen(4), plan).expertsS).toBeLessThan(base);
  });

  it("leaves compute-bound experts to their FLOPs (TP2 EP32: ~4,096 tokens each)", () => {
    const wide: Plan = { ...plan, tp: 2, dp: 16, ep: 32 };
    expect(stepTime(qwen(0.5), wide).expertsS).toBeCloseTo(stepTime(qwen(4), wide).expertsS, 9);
  });
});

describe("stepTime() context parallelism on a hybrid linear-attention model", () => {
  it("passes K/V around the ring only for the full-attention layers", () => {
    const { hybrid, allFull } = hybridContexts(32768);
    const plan: Plan = { ...basePlan, tp: 1, pp: 1, cp: 4, dp: 16, ep: 1, vpp: 1, microBatch: 1 };
    const ring = (ctx: typeof hybrid) => stepTime(ctx, plan).comm.cp.totalS;
    // 12 of 48 layers attend with K/V: a quarter of the ring traffic
    expect(ring(hybrid)).toBeCloseTo(ring(allFull) / 4, 9);
  });
});

describe("stepTime() data-parallel groups and the optimizer (review, 2026-11-30)", () => {
  const mixtral = fixtureContext({
    model: "mixtral-8x7b",
    chip: "nvidia-h100-sxm",
    count: 64,
    globalBatchTokens: 4096 * 512,
  });
  const plan: Plan = { ...basePlan, tp: 1, pp: 1, dp: 64, ep: 8, cp: 1, vpp: 1, microBatch: 1 };

  it("reduces expert gradients over the network when EP fills the server", () => {
    // EP 8 on 8-GPU servers: the ranks holding the same experts are 8 apart, one per server; priced as if they
    // shared NVLink the reduction came out ~10x too cheap
    const fast = fixtureContext({
      model: "mixtral-8x7b",
      chip: "nvidia-h100-sxm",
      count: 64,
      globalBatchTokens: 4096 * 512,
      chipPatch: (c) => ({ ...c, scaleOut: { ...c.scaleOut, chipGbps: 100_000 } }),
    });
    const slowNet = stepTime(mixtral, { ...plan, zero: 1 }).comm.dp.totalS;
    const fastNet = stepTime(fast, { ...plan, zero: 1 }).comm.dp.totalS;
    expect(slowNet).toBeGreaterThan(2 * fastNet);
  });

  it("updates every parameter a rank holds under ZeRO-0, and its shard under ZeRO-1", () => {
    const z0 = stepTime(mixtral, { ...plan, zero: 0 }).optimizerS;
    const z1 = stepTime(mixtral, { ...plan, zero: 1 }).optimizerS;
    // ZeRO-0: dense + expert/ep per rank; ZeRO-1: that over the DP degrees; never more than the rank holds
    expect(z0).toBeGreaterThan(z1);
    expect(z0).toBeLessThan(z1 * 64);
    const tp2 = stepTime(mixtral, { ...plan, tp: 2, dp: 32, zero: 0 }).optimizerS;
    expect(tp2).toBeLessThan(z0);
  });
});
