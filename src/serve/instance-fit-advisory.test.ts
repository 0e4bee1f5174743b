import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { instanceFitAdvisory } from "./instance-fit-advisory.ts";

const arch = (name: string) => importModel(findBuiltinModel(name)!.config, name).arch;
const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
const dense = (tp: number) => ({ tp, dpAttention: 1, ep: 1 });

describe("instanceFitAdvisory()", () => {
  it("instanceFitAdvisory() refuses weights over a rank's HBM and is silent where they fit with KV room", () => {
    const over = instanceFitAdvisory(arch("llama-3.1-405b"), h100, dense(1), "bf16", "vllm");
    expect(over?.code).toBe("instance_does_not_fit");
    expect(over?.message).toMatch(
      /^llama-3\.1-405b's BF16 weights take 8\d\d GB a rank at TP 1 on nvidia-h100-sxm, more than the/,
    );
    expect(instanceFitAdvisory(arch("llama-3.1-405b"), h100, dense(8), "fp8", "vllm")).toBeNull();
    expect(instanceFitAdvisory(arch("llama-3.1-8b"), h100, dense(1), "bf16", "vllm")).toBeNull();
  });

  it("instanceFitAdvisory() says when the weights fit the HBM but leave no KV room under the engine's fraction", () => {
    // ~71 GB of FP8 weights on a 74 GB part: within the HBM, past vLLM's 0.9 of it
    const small = { ...h100, hbmGB: 74 };
    expect(instanceFitAdvisory(arch("llama-3.1-70b"), small, dense(1), "fp8", "vllm")?.code).toBe(
      "instance_no_kv_room",
    );
    expect(instanceFitAdvisory(arch("llama-3.1-70b"), small, dense(2), "fp8", "vllm")).toBeNull();
  });
});
