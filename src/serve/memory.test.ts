import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { chipsForWeights, instanceMemory, maxBatch } from "./memory.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const setup = (name: string, tp: number) =>
  serveSetup({
    arch: importModel(findBuiltinModel(name)!.config).arch,
    chip: h100,
    config: { tp, dpAttention: 1, ep: 1 },
    precision: "bf16",
    efficiency: serveEfficiencyPrior("vllm", h100.family),
  });

describe("instanceMemory()", () => {
  it("leaves Llama-3-70B in BF16 no KV room on one H100 and room on eight", () => {
    expect(instanceMemory(setup("llama-3-70b", 1)).fits).toBe(false);
    const eight = instanceMemory(setup("llama-3-70b", 8));
    expect(eight.fits).toBe(true);
    // 80 GB x 0.9 minus ~141/8 GB of weights, over 80 layers x 2 x 1 KV head x 128 x 2 bytes per rank
    expect(eight.kvCapacityTokens).toBeGreaterThan(1_000_000);
  });
});

describe("maxBatch()", () => {
  it("halves when the context doubles", () => {
    const s = setup("llama-3.1-8b", 1);
    expect(maxBatch(s, 2048)).toBe(Math.floor(instanceMemory(s).kvCapacityTokens / 2048));
    expect(maxBatch(s, 4096)).toBeLessThanOrEqual(maxBatch(s, 2048) / 2);
  });

  it("holds nearly twice the long sequences of gpt-oss, whose windowed layers stop growing at 128 tokens", () => {
    const s = setup("gpt-oss-120b", 4);
    const capacity = instanceMemory(s).kvCapacityTokens;
    // 18 of 36 layers keep at most 128 tokens: a 32K-token sequence costs (32,768 + 128) / 2 full-layer tokens
    expect(maxBatch(s, 32_768)).toBe(Math.floor(capacity / ((32_768 + 128) / 2)));
    expect(maxBatch(s, 32_768)).toBeGreaterThan(1.9 * Math.floor(capacity / 32_768));
  });
});

describe("chipsForWeights()", () => {
  it("lets TensorRT-LLM's weights fill the whole chip and vLLM's 0.9 of it", () => {
    // DeepSeek-R1 in FP8 (~671 GB) on 4 B200 (180 GB): 168 GB a chip, past vLLM's 162 GB, within TensorRT-LLM's 180
    const b200 = builtinChips().find((c) => c.id === "nvidia-b200-hgx")!;
    const arch = importModel(findBuiltinModel("deepseek-r1")!.config).arch;
    const vllm = chipsForWeights(arch, b200, "fp8", "vllm");
    const trt = chipsForWeights(arch, b200, "fp8", "tensorrt-llm");
    expect(vllm.usableGB).toBeCloseTo(0.9 * 180, 6);
    expect(trt.usableGB).toBeCloseTo(180, 6);
    expect(vllm.weightGB).toBe(trt.weightGB);
    expect(vllm.weightGB / 4).toBeGreaterThan(vllm.usableGB);
    expect(trt.weightGB / 4).toBeLessThan(trt.usableGB);
    // no engine named: vLLM's rule
    expect(chipsForWeights(arch, b200, "fp8").usableGB).toBe(vllm.usableGB);
  });
});
