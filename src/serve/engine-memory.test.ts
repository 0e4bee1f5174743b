import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { engineMemoryBudget, kvPoolBytes } from "./engine-memory.ts";
import { instanceMemory } from "./memory.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";

describe("kvPoolBytes()", () => {
  it("takes a fraction of the whole less the weights under `total`, a fraction of what the weights leave under `free`", () => {
    const total = { basis: "total", fraction: 0.9 } as const;
    const free = { basis: "free", fraction: 0.9 } as const;
    // 80 GB with 70 GB of weights: vLLM keeps 72 - 70 = 2 GB, TensorRT-LLM 0.9 x 10 = 9 GB
    expect(kvPoolBytes(total, 80e9, 70e9)).toBeCloseTo(2e9, -3);
    expect(kvPoolBytes(free, 80e9, 70e9)).toBeCloseTo(9e9, -3);
    // 75 GB of weights fit only under `free` (TensorRT-LLM); weights equal to the rank's memory fit under neither
    expect(kvPoolBytes(total, 80e9, 75e9)).toBe(0);
    expect(kvPoolBytes(free, 80e9, 75e9)).toBeCloseTo(4.5e9, -3);
    expect(kvPoolBytes(free, 80e9, 81e9)).toBe(0);
    expect(kvPoolBytes(free, 80e9, 80e9)).toBe(0);
    expect(kvPoolBytes(total, 80e9, 72e9)).toBe(0);
  });
});

describe("engineMemoryBudget()", () => {
  it("sizes TensorRT-LLM's pool on free memory and every other engine's on the whole", () => {
    expect(engineMemoryBudget("tensorrt-llm").basis).toBe("free");
    for (const e of ["vllm", "sglang", "vllm-ascend", "mindie", undefined]) {
      expect(engineMemoryBudget(e)).toEqual({ basis: "total", fraction: 0.9 });
    }
  });

  it("gives Llama 3.1 70B in FP8 on one H100 a larger KV pool under TensorRT-LLM than under vLLM", () => {
    const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const arch = importModel(findBuiltinModel("llama-3.1-70b")!.config).arch;
    const at = (engine: "vllm" | "tensorrt-llm") =>
      instanceMemory(
        serveSetup({
          arch,
          chip,
          config: { tp: 1, dpAttention: 1, ep: 1 },
          precision: "fp8",
          kvPrecision: "bf16",
          engine,
          efficiency: serveEfficiencyPrior(engine, chip.family),
        }),
      );
    const [vllm, trt] = [at("vllm"), at("tensorrt-llm")];
    expect(vllm.weightBytes).toBe(trt.weightBytes);
    // ~70.6 GB of weights on 80 GB: 0.9 x 80 - 70.6 against 0.9 x (80 - 70.6)
    expect(vllm.kvBytes).toBeCloseTo(0.9 * 80e9 - vllm.weightBytes, -3);
    expect(trt.kvBytes).toBeCloseTo(0.9 * (80e9 - trt.weightBytes), -3);
    expect(trt.kvBytes / vllm.kvBytes).toBeGreaterThan(4);
  });
});
