import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { instanceMemory, maxBatch } from "./memory.ts";
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
