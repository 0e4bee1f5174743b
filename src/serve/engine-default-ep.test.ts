import { describe, expect, it } from "vitest";
import { engineDefaultEp } from "./engine-default-ep.ts";

describe("engineDefaultEp()", () => {
  it("engineDefaultEp() reads vLLM's tensor-parallel experts unless the case names expert parallelism", () => {
    const none = { ep: null, dpAttention: null };
    expect(engineDefaultEp("vllm", "vllm serve deepseek-ai/DeepSeek-R1 --tp 8", none)).toBe(1);
    expect(
      engineDefaultEp("vllm-ascend", "expert_tensor_parallel_size 16, rather than expert-parallel", none),
    ).toBe(1);
    expect(engineDefaultEp("rocm-vllm", "vLLM 0.7 ROCm", none)).toBe(1);
    // named: the flag, a degree, DeepEP, "large-scale EP"
    expect(engineDefaultEp("vllm", "vllm serve ... --enable-expert-parallel", none)).toBeNull();
    expect(engineDefaultEp("vllm", "EP16 over two nodes", none)).toBeNull();
    expect(engineDefaultEp("vllm", "all2all backend deepep_low_latency", none)).toBeNull();
    expect(engineDefaultEp("vllm-ascend", "Huawei large-scale EP inference", none)).toBeNull();
    // said off (review 23)
    for (const text of [
      "(expert parallelism not enabled)",
      "--enable-expert-parallel was not set",
      "no EP",
      "EP=1",
    ])
      expect(engineDefaultEp("vllm", text, none)).toBe(1);
    expect(engineDefaultEp("vllm", "EP 16", none)).toBeNull();
    // stated degrees, data-parallel attention, other engines: not this reading's
    expect(engineDefaultEp("vllm", "", { ep: 8, dpAttention: null })).toBeNull();
    expect(engineDefaultEp("vllm", "", { ep: null, dpAttention: 8 })).toBeNull();
    expect(engineDefaultEp("vllm", "", { ep: null, dpAttention: 1 })).toBe(1);
    expect(engineDefaultEp("sglang", "", none)).toBeNull();
    expect(engineDefaultEp("tensorrt-llm", "", none)).toBeNull();
    expect(engineDefaultEp(undefined, "", none)).toBeNull();
  });
});
