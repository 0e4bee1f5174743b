import { describe, expect, it } from "vitest";
import type { ChipFamily } from "../chips/index.ts";
import { defaultStackFor } from "./default-stack-for.ts";
import { findStack } from "./find-stack.ts";

describe("defaultStackFor()", () => {
  it("picks the vendor's usual stack", () => {
    expect(defaultStackFor("nvidia-hopper", "train")).toBe("megatron");
    expect(defaultStackFor("nvidia-blackwell", "serve")).toBe("vllm");
    expect(defaultStackFor("ascend-910b", "train")).toBe("mindspeed");
    expect(defaultStackFor("ascend-910c", "serve")).toBe("vllm-ascend");
    // vLLM-Ascend's A5 device type is the Ascend 950 (builtin-stacks.ts)
    expect(defaultStackFor("ascend-950", "serve")).toBe("vllm-ascend");
    expect(defaultStackFor("amd-cdna3", "train")).toBe("rocm-megatron");
    expect(defaultStackFor("amd-cdna3", "serve")).toBe("rocm-vllm");
  });

  it("returns a stack of the right role that runs on the family", () => {
    const families: ChipFamily[] = [
      "nvidia-ampere",
      "nvidia-ada",
      "nvidia-hopper",
      "nvidia-blackwell",
      "ascend-910b",
      "ascend-910c",
      "ascend-950",
      "amd-cdna3",
      "amd-cdna4",
    ];
    for (const family of families) {
      for (const role of ["train", "serve"] as const) {
        const stack = findStack(defaultStackFor(family, role));
        expect([family, role, stack.role, stack.runsOn.includes(family)]).toEqual([family, role, role, true]);
      }
    }
  });

  it("falls back to a generic stack for families without one", () => {
    expect(defaultStackFor("google-tpu", "train")).toBe("megatron");
    expect(defaultStackFor("other", "serve")).toBe("vllm");
  });
});
