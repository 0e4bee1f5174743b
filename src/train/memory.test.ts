import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationBytesPerToken, memoryPerRank } from "./memory.ts";
import type { Plan } from "./plan.ts";
import { fixtureContext, hybridContexts } from "./test-fixtures.ts";

const plan: Plan = {
  tp: 8,
  pp: 8,
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

describe("activationBytesPerToken()", () => {
  // GPT-3 175B shapes (Brown et al. 2020): plain 4h MLP, MHA; Korthikanti et al. 2022 eq. 2 gives 34·s·b·h bytes per
  // layer without the s² term (FlashAttention), eq. 5 gives 2·s·b·h under full recomputation.
  const ctx = fixtureContext({ model: "gpt-3-175b", chip: "nvidia-a100-sxm-80gb", count: 256, seqLen: 2048 });
  const h = 12288;

  it("reproduces Korthikanti's 34·h bytes per token per layer less the two dropout masks (no recompute)", () => {
    // Korthikanti et al. 2022 Table 2: 34·s·b·h, of which 2·s·b·h are dropout masks (none in current LLMs).
    expect(activationBytesPerToken(ctx, plan, false)).toBe(32 * h);
  });

  it("keeps only the layer input, 2·h, under full recomputation (Korthikanti eq. 5)", () => {
    expect(activationBytesPerToken(ctx, { ...plan, recompute: "full" }, false)).toBe(2 * h);
  });

  it("keeps less under selective recomputation than under none", () => {
    expect(activationBytesPerToken(ctx, { ...plan, recompute: "selective" }, false)).toBeLessThan(
      activationBytesPerToken(ctx, plan, false),
    );
  });
});

describe("memoryPerRank()", () => {
  const ctx = fixtureContext({ model: "llama-3.1-70b", chip: "nvidia-h100-sxm", count: 256 });

  it("adds its parts up to the total", () => {
    const m = memoryPerRank(ctx, plan, 32);
    const sum =
      m.weightsBytes +
      m.gradientsBytes +
      m.optimizerBytes +
      m.activationsBytes +
      m.logitsBytes +
      m.reserveBytes;
    expect(sum).toBeCloseTo(m.totalBytes, 0);
  });

  it("shards optimizer states with ZeRO-1 and weights with FSDP", () => {
    const z0 = memoryPerRank(ctx, { ...plan, zero: 0 }, 32);
    const z1 = memoryPerRank(ctx, plan, 32);
    const z3 = memoryPerRank(ctx, { ...plan, zero: 3 }, 32);
    expect(z1.optimizerBytes).toBeCloseTo(z0.optimizerBytes / 4, 0);
    expect(z3.weightsBytes).toBeLessThan(z1.weightsBytes);
  });

  it("keeps fitting with more memory (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom(1, 2, 4, 8),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (tp, pp, more) => {
          const p: Plan = { ...plan, tp, pp, dp: 256 / (tp * pp) };
          const small = memoryPerRank(ctx, p, 8);
          const bigCtx = { ...ctx, hbmBytes: ctx.hbmBytes * more };
          const big = memoryPerRank(bigCtx, p, 8);
          return !small.fits || big.fits;
        },
      ),
    );
  });

  it("needs more memory per rank with fewer pipeline stages", () => {
    const pp8 = memoryPerRank(ctx, plan, 32);
    const pp2 = memoryPerRank(ctx, { ...plan, pp: 2, dp: 16 }, 8);
    expect(pp2.weightsBytes).toBeGreaterThan(pp8.weightsBytes);
  });
});

describe("memoryPerRank() on DeepSeek-V3's published plan", () => {
  it("fits 2,048 H800 with HAI-LLM's memory features (DeepSeek-V3 §3.2, §3.3.2-3.3.3: it trained on 80 GB)", () => {
    const ctx = fixtureContext({
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      count: 2048,
      globalBatchTokens: 4096 * 15360,
      precision: "fp8",
    });
    const hai = { ...ctx, system: { ...ctx.system, stackId: "hai-llm" } };
    const dsPlan: Plan = {
      ...plan,
      tp: 1,
      pp: 16,
      dp: 128,
      ep: 64,
      recompute: "selective",
      schedule: "dualpipe",
    };
    const withCache = memoryPerRank(hai, dsPlan, 120);
    const without = memoryPerRank(ctx, dsPlan, 120);
    // DualPipe's two stages per rank each hold FP32 gradients (19 GiB here) since 2026-11-30; with Transformer
    // Engine's FP8 weight copy as well the published plan read 82.6 of 80 GiB, the plan DeepSeek ran refused (QA 27);
    // HAI-LLM keeps none (stackMemoryFeatures): 77.8 GiB
    expect(withCache.fits).toBe(true);
    expect(withCache.totalBytes).toBeGreaterThan(0.95 * withCache.capacityBytes);
    // the FP8 weight copy is the difference in the weights: one byte a parameter of each of DualPipe's two copies
    const withCopy = memoryPerRank(ctx, dsPlan, 120);
    expect(withCopy.weightsBytes / withCache.weightsBytes).toBeCloseTo(3 / 2, 6);
    const oneStage = memoryPerRank(hai, { ...dsPlan, schedule: "1f1b" }, 120);
    expect(withCache.gradientsBytes / oneStage.gradientsBytes).toBeCloseTo(2, 6);
    expect(withCache.activationsBytes).toBeLessThan(without.activationsBytes);
    // HAI-LLM's BF16 Adam moments (V3 §3.3.3): 8 bytes of optimizer state per parameter, not 12
    expect(withCache.optimizerBytes / without.optimizerBytes).toBeCloseTo(8 / 12, 6);
  });
});

describe("activationBytesPerToken() for a hybrid linear-attention model", () => {
  const { hybrid, allFull } = hybridContexts(4096);
  const dense: Plan = { ...plan, tp: 1, pp: 1, dp: 64, ep: 1 };

  it("keeps more for a Gated DeltaNet layer than for the softmax layer the config would otherwise read as", () => {
    // per token, BF16: q, k, v before and after the conv (2 x 8,192), z, beta/alpha, the recurrence and norm
    // outputs, against Q, K, V and the output of a 16-head attention of 256
    expect(activationBytesPerToken(hybrid, dense, true)).toBeGreaterThan(
      activationBytesPerToken(allFull, dense, true),
    );
    expect(activationBytesPerToken(hybrid, { ...dense, recompute: "selective" }, true)).toBeLessThan(
      activationBytesPerToken(hybrid, dense, true),
    );
  });
});
