import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { engineKvPrecision, kvPrecisionFromText } from "./kv-precision.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;

describe("engineKvPrecision()", () => {
  it("keeps vLLM and SGLang at the model's BF16 and gives TensorRT-LLM's FP8/FP4 checkpoints an FP8 cache", () => {
    expect(engineKvPrecision("vllm", "fp8", chip("nvidia-h100-sxm"))).toBe("bf16");
    expect(engineKvPrecision("sglang", "fp8", chip("nvidia-h20"))).toBe("bf16");
    expect(engineKvPrecision("tensorrt-llm", "fp4", chip("nvidia-b200-hgx"))).toBe("fp8");
    expect(engineKvPrecision("tensorrt-llm", "bf16", chip("nvidia-b200-hgx"))).toBe("bf16");
    // no FP8 on Ascend
    expect(engineKvPrecision("tensorrt-llm", "fp8", chip("huawei-ascend-910c"))).toBe("bf16");
  });
});

describe("kvPrecisionFromText()", () => {
  it("reads the KV format the calibration cases state", () => {
    // cases/serve.json software and notes texts
    expect(kvPrecisionFromText("NVFP4 MoE weights, FP8 KV cache and attention, FP4 all-gather")).toBe("fp8");
    expect(kvPrecisionFromText("SGLang v0.5.2 + DeepEP low-latency, FlashMLA-FP8, DeepGEMM swapAB")).toBe(
      "fp8",
    );
    expect(kvPrecisionFromText("Whole model on one MI300X (TP1), vLLM ROCm, FP8 + FP8 KV.")).toBe("fp8");
    expect(kvPrecisionFromText("Precision: FP8 GEMMs and dispatch, BF16 core MLA and combine.")).toBe("bf16");
    expect(kvPrecisionFromText("SGLang (DeepEP low-latency, DeepGEMM masked, CUDA graph, EPLB)")).toBeNull();
  });
});

describe("kvPrecisionFromText() on checkpoints", () => {
  it("reads a publisher's own FP8 checkpoint as a model-type (BF16) KV cache, NVIDIA's ModelOpt ones not", () => {
    expect(
      kvPrecisionFromText("tensorrt-llm 1.2.0rc1: trtllm-serve Qwen/Qwen3-32B-FP8 --max_seq_len=40960"),
    ).toBe("bf16");
    expect(kvPrecisionFromText("trtllm-serve nvidia/Llama-3.3-70B-Instruct-FP8")).toBeNull();
    expect(kvPrecisionFromText("vllm serve Qwen/Qwen3-235B-A22B-Instruct-2507-FP8 -tp 8")).toBe("bf16");
    expect(kvPrecisionFromText("python3 -m sglang.launch_server --model-path Qwen/Qwen3-32B-FP8")).toBe(
      "bf16",
    );
    // a stated FP8 KV cache wins over the checkpoint
    expect(kvPrecisionFromText("vllm serve Qwen/Qwen3-32B-FP8 --kv_cache_dtype fp8")).toBe("fp8");
    // not a checkpoint a command serves
    expect(kvPrecisionFromText("DeepSeek-R1-FP8 weights")).toBeNull();
    expect(kvPrecisionFromText("H100/H200-FP8 results, TP8/EP8-FP8")).toBeNull();
    expect(kvPrecisionFromText("closed/Llama2-70B-FP8 submission")).toBeNull();
  });
});
