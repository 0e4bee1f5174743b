import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import {
  checkpointAdvisory,
  expertWeightBitsFromText,
  expertWeightBytesPerParam,
} from "./expert-weight-bits.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";

describe("expertWeightBitsFromText()", () => {
  it("expertWeightBitsFromText() reads W4A8 as a word, not inside another name", () => {
    expect(expertWeightBitsFromText("DeepSeek-R1-0528 W4A8 per-channel (modelslim)")).toBe(4);
    expect(expertWeightBitsFromText("checkpoint deepseek-r1-w4a8-mtp")).toBe(4);
    expect(expertWeightBitsFromText("W8A8 INT8 weights and activations")).toBeUndefined();
    expect(expertWeightBitsFromText("aw4a8b")).toBeUndefined();
  });
});

describe("expertWeightBytesPerParam()", () => {
  it("expertWeightBytesPerParam() halves an INT8 expert at 4 bits and never widens a narrower one", () => {
    expect(expertWeightBytesPerParam(1, 4)).toBe(0.5);
    expect(expertWeightBytesPerParam(1, undefined)).toBe(1);
    expect(expertWeightBytesPerParam(0.53125, 4)).toBe(0.5);
    expect(expertWeightBytesPerParam(0.25, 4)).toBe(0.25);
  });
});

describe("serveSetup() with 4-bit experts", () => {
  it("serveSetup() stores DeepSeek-R1's routed experts in half the bytes at W4A8 and leaves the rest at INT8", () => {
    const c910 = builtinChips().find((c) => c.id === "huawei-ascend-910c")!;
    const v3 = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
    const at = (expertWeightBits: 4 | undefined) =>
      serveSetup({
        arch: v3,
        chip: c910,
        config: { tp: 1, dpAttention: 16, ep: 16 },
        precision: "int8",
        efficiency: serveEfficiencyPrior("sglang-ascend", c910.family),
        expertWeightBits,
      });
    const w8 = at(undefined);
    const w4 = at(4);
    expect([w8.expertWeightBits, w4.expertWeightBits]).toEqual([null, 4]);
    expect(w4.expertBytes).toBeCloseTo(w8.expertBytes / 2, 6);
    expect(w4.denseReadBytesPerRank).toBe(w8.denseReadBytesPerRank);
    // ~650B routed-expert parameters over 16 ranks: ~20 GB a rank saved, the difference between no KV cache and one
    const savedGB = (w8.weightBytesPerRank - w4.weightBytesPerRank) / 1e9;
    expect(savedGB).toBeGreaterThan(19);
    expect(savedGB).toBeLessThan(21.5);
    expect(w4.kvPoolBytesPerRank).toBeGreaterThan(w8.kvPoolBytesPerRank + 19e9);
  });
});

describe("checkpointAdvisory()", () => {
  const gptOss = importModel(findBuiltinModel("gpt-oss-120b")!.config).arch;

  it("checkpointAdvisory() says gpt-oss's MXFP4 experts where a plan prices other weights, and names the flags that price them", () => {
    expect(gptOss.checkpointQuant).toBe("mxfp4");
    const advice = checkpointAdvisory(gptOss, "fp8", undefined);
    expect(advice?.code).toBe("checkpoint_precision");
    expect(advice?.message).toMatch(/declares an MXFP4 checkpoint .* this prices FP8 weights throughout$/);
    expect(advice?.hint).toMatch(/--precision bf16 --expert-weight-bits 4/);
    // the published checkpoint priced: 4-bit experts, or FP4 throughout
    expect(checkpointAdvisory(gptOss, "bf16", 4)).toBeNull();
    expect(checkpointAdvisory(gptOss, "fp4", undefined)).toBeNull();
  });

  it("checkpointAdvisory() is silent for a config that declares no MXFP4 checkpoint", () => {
    const deepseek = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
    expect(deepseek.checkpointQuant).toBe("fp8");
    expect(checkpointAdvisory(deepseek, "bf16", undefined)).toBeNull();
    const llama = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    expect(llama.checkpointQuant).toBeNull();
    expect(checkpointAdvisory(llama, "fp8", undefined)).toBeNull();
  });
});
