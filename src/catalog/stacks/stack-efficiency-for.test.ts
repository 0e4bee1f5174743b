import { describe, expect, it } from "vitest";
import { findStack } from "./find-stack.ts";
import { mergeEfficiency, stackEfficiencyFor } from "./stack-efficiency-for.ts";

describe("stackEfficiencyFor()", () => {
  it("gives the research GEMM fractions per family", () => {
    // research/hardware.md §6: Hopper BF16 0.80, Ampere 0.87, 910B 0.85, CDNA3 0.55
    expect(stackEfficiencyFor(findStack("megatron"), "nvidia-hopper").matmulFraction.bf16?.value).toBe(0.8);
    expect(stackEfficiencyFor(findStack("megatron"), "nvidia-ampere").matmulFraction.bf16?.value).toBe(0.87);
    expect(stackEfficiencyFor(findStack("mindspeed"), "ascend-910b").matmulFraction.bf16?.value).toBe(0.85);
    expect(stackEfficiencyFor(findStack("rocm-megatron"), "amd-cdna3").matmulFraction.bf16?.value).toBe(0.55);
  });

  it("gives the research collective and NIC fractions per family", () => {
    // research/hardware.md §6: ring busbw / link 0.82 H100, 0.64 910B, 0.70 MI300X; NIC 0.97
    expect(stackEfficiencyFor(findStack("megatron"), "nvidia-hopper").intraBusBwFraction.value).toBe(0.82);
    expect(stackEfficiencyFor(findStack("mindspeed"), "ascend-910b").intraBusBwFraction.value).toBe(0.64);
    expect(stackEfficiencyFor(findStack("rocm-megatron"), "amd-cdna3").intraBusBwFraction.value).toBe(0.7);
    expect(stackEfficiencyFor(findStack("megatron"), "nvidia-hopper").interBusBwFraction).toMatchObject({
      value: 0.97,
      uncertain: false,
    });
  });

  it("flags placeholders where the research has no measurement", () => {
    const blackwell = stackEfficiencyFor(findStack("megatron"), "nvidia-blackwell");
    expect(blackwell.matmulFraction.bf16).toMatchObject({ value: 0.8, uncertain: true });
    expect(stackEfficiencyFor(findStack("mindspeed"), "ascend-910c").intraBusBwFraction.uncertain).toBe(true);
    expect(stackEfficiencyFor(findStack("vllm"), "nvidia-hopper").decodeHbmFraction.source).toMatch(
      /^assumption/,
    );
  });

  it("does not let one family's FP8 figure leak into a family without one", () => {
    expect(stackEfficiencyFor(findStack("megatron"), "nvidia-ampere").matmulFraction.fp8).toBeUndefined();
  });

  it("applies a stack's own per-family prior over the hardware one", () => {
    // research/hardware.md §5.1: DeepGEMM ~1550 of 1979 FP8 on H800 -> 0.78, vs cuBLAS 0.71
    expect(stackEfficiencyFor(findStack("hai-llm"), "nvidia-hopper").matmulFraction.fp8?.value).toBe(0.78);
    expect(stackEfficiencyFor(findStack("hai-llm"), "nvidia-hopper").overlapFraction.value).toBe(0.95);
  });

  it("returns the default for a family the stack has no entry for", () => {
    const vllm = findStack("vllm");
    expect(stackEfficiencyFor(vllm, "google-tpu")).toEqual(vllm.efficiency);
  });
});

describe("mergeEfficiency()", () => {
  it("merges GEMM fractions per precision and replaces other fields", () => {
    const base = findStack("megatron").efficiency;
    const patched = mergeEfficiency(base, {
      matmulFraction: { bf16: { value: 0.5, source: "test", uncertain: true } },
      stepOverheadS: { value: 1, source: "test", uncertain: true },
    });
    expect(patched.matmulFraction.bf16?.value).toBe(0.5);
    expect(patched.matmulFraction.fp8).toEqual(base.matmulFraction.fp8);
    expect(patched.stepOverheadS.value).toBe(1);
    expect(base.matmulFraction.bf16?.value).toBe(0.8);
  });
});
