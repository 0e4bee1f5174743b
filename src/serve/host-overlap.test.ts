import { describe, expect, it } from "vitest";
import { engineVersion, hostOverlapOf } from "./host-overlap.ts";

describe("engineVersion()", () => {
  it("engineVersion() reads the version written after an engine's name, in the forms the cases use", () => {
    const v = (text: string, names = ["vllm-ascend", "vllm"]) => engineVersion(text.toLowerCase(), names);
    expect(v("vllm v0.11.0: vllm serve Qwen/Qwen3-32B")).toEqual([0, 11]);
    expect(v("vLLM 0.9.0.2.dev108+g71faa1880 (ROCm 6.4.1)")).toEqual([0, 9]);
    expect(v("rocm/vllm:rocm7.0.0_vllm_0.11.1_20251103")).toEqual([0, 11]);
    expect(v("vllm-ascend v0.9.1: vllm serve Qwen/Qwen3-8B")).toEqual([0, 9]);
    expect(v("vLLM-Ascend v0.13.0 (document 'validated ...')")).toEqual([0, 13]);
    // a name without a version after it, or a date-tagged image, says nothing
    expect(v("ROCm vLLM fork in rocm/vllm-dev:20250112")).toBeNull();
    expect(v("vLLM (ROCm)")).toBeNull();
    expect(v("SGLang v0.5.2", ["vllm"])).toBeNull();
  });
});

describe("hostOverlapOf()", () => {
  it("hostOverlapOf() follows each engine's builds: vLLM from 0.14, vLLM-Ascend from 0.20, MindIE when asked", () => {
    expect(hostOverlapOf("vllm", "vLLM v0.10.2 (vllm/vllm-openai:v0.10.2 image)")).toBe(false);
    expect(hostOverlapOf("vllm", "vLLM v0.14.0")).toBe(true);
    expect(hostOverlapOf("vllm", "vLLM 0.11.1 with --async-scheduling")).toBe(true);
    expect(hostOverlapOf("vllm", "vLLM 0.15.0 --no-async-scheduling")).toBe(false);
    expect(hostOverlapOf("rocm-vllm", "vLLM 0.11.1 (ROCm fork)")).toBe(false);
    expect(hostOverlapOf("vllm-ascend", "vllm-ascend v0.9.1: vllm serve Qwen/Qwen3-8B")).toBe(false);
    expect(hostOverlapOf("vllm-ascend", "vLLM-Ascend v0.20.2")).toBe(true);
    expect(hostOverlapOf("vllm-ascend", "vLLM-Ascend (nightly), V1 engine, --async-scheduling")).toBe(true);
    expect(hostOverlapOf("mindie", "MindIE 2.1RC1")).toBe(false);
    expect(hostOverlapOf("mindie", "MindIE 2.1 with MINDIE_ASYNC_SCHEDULING_ENABLE=1")).toBe(true);
    for (const stack of ["sglang", "tensorrt-llm", "sglang-ascend", "deepseek-infer", "cloudmatrix-infer"]) {
      expect(hostOverlapOf(stack, "version 0.1")).toBe(true);
    }
    // SGLang's overlap scheduler is a default from v0.4 (its docstring's rule; the code had let every build overlap)
    expect(hostOverlapOf("sglang", "SGLang v0.3.0 (September 2024)")).toBe(false);
    expect(hostOverlapOf("sglang", "sglang 0.4.1.post3")).toBe(true);
    expect(hostOverlapOf("sglang", "SGLang (release current on 2024-10-02)")).toBe(false);
    // a run that turned it off says so, whatever the build
    expect(hostOverlapOf("sglang", "SGLang v0.5 --disable-overlap-schedule")).toBe(false);
    expect(hostOverlapOf("tensorrt-llm", "trtllm-serve, disable_overlap_scheduler: true")).toBe(false);
    // the words a run uses, and builds dated but not versioned (review 26b)
    expect(hostOverlapOf("sglang", "SGLang (July 2025), no overlap scheduling, no MTP")).toBe(false);
    expect(hostOverlapOf("sglang", "SGLang (July 2025), overlap scheduling on")).toBe(true);
    expect(hostOverlapOf("vllm", "vLLM (release current on 2024-07-23, ~v0.5.3)")).toBe(false);
    expect(hostOverlapOf("vllm", "vLLM main as of 2025-08-19 (version not stated)")).toBe(false);
    expect(hostOverlapOf("vllm", "vLLM at PR #43232 (mid-2026; version not stated)")).toBe(true);
    // a case's text that neither versions nor dates its build takes today's; its notes' dates (when it was
    // collected) are not its build's
    expect(hostOverlapOf("rocm-vllm", "vLLM (ROCm) 'VllmFp8' harness", "collected 2025-03-30")).toBe(true);
    expect(hostOverlapOf("rocm-vllm", "vLLM (ROCm, 2024)", "collected 2026-11-30")).toBe(false);
    expect(hostOverlapOf("vllm", "vLLM 0.9.1", "the run used --async-scheduling")).toBe(true);
    // a plan names no build: today's defaults
    expect(hostOverlapOf("vllm", null)).toBe(true);
    expect(hostOverlapOf("vllm-ascend", null)).toBe(true);
    expect(hostOverlapOf("mindie", null)).toBe(false);
  });
});
