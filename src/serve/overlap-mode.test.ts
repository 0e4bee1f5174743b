import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { defaultOverlapMode, overlapModeFromText } from "./overlap-mode.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { stepBreakdown } from "./step-time.ts";

describe("overlapModeFromText()", () => {
  it("reads the overlap the engine descriptions of the calibration cases state", () => {
    // cases/serve.json software and notes texts
    expect(
      overlapModeFromText("SGLang (PD disaggregation, DeepEP normal mode, DeepGEMM contiguous, TBO, EPLB)"),
    ).toBe("two-batch");
    expect(overlapModeFromText("MLA + shared expert DP32 (tp 1), dual micro-batch overlap.")).toBe(
      "two-batch",
    );
    expect(
      overlapModeFromText("SGLang v0.5.2 + DeepEP low-latency, FlashMLA-FP8, single-batch overlap"),
    ).toBe("single-batch");
    expect(overlapModeFromText("Fine-grained combine/down-GEMM overlap instead of two-batch overlap.")).toBe(
      "single-batch",
    );
    expect(
      overlapModeFromText("TensorRT-LLM PyTorch flow (CUDA graph, overlap scheduler, attention DP)"),
    ).toBeNull();
  });
});

describe("defaultOverlapMode()", () => {
  it("defaultOverlapMode() splits the batch only where expert-parallel all-to-all is there to hide", () => {
    expect(defaultOverlapMode(true, 8, 8)).toBe("two-batch");
    // EP over TP-sharded attention: no engine's overlap targets it (vLLM's DBO needs DP + EP)
    expect(defaultOverlapMode(true, 8)).toBe("none");
    expect(defaultOverlapMode(true, 1)).toBe("none");
    expect(defaultOverlapMode(false, 1)).toBe("none");
  });

  it("defaultOverlapMode() leaves a dense model's TP all-reduces exposed in the step (Llama 3.1 70B, TP 8 on H100)", () => {
    const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const arch = importModel(findBuiltinModel("llama-3.1-70b")!.config).arch;
    const setup = (overlap?: "two-batch") =>
      serveSetup({
        arch,
        chip: h100,
        config: { tp: 8, dpAttention: 1, ep: 1 },
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", h100.family),
        ...(overlap ? { overlap } : {}),
      });
    const load = { decodeSeqs: 64, kvTokens: 64 * 2000, prefillTokens: 0, prefillKeys: 0, prefillPrompts: 0 };
    const plain = stepBreakdown(setup(), load);
    expect(setup().overlap).toBe("none");
    expect(plain.commS).toBeGreaterThan(0);
    expect(plain.microBatches).toBe(1);
    // asked for, two micro-batches hide it where the compute is large enough (a prefill step of 8,192 tokens)
    const prefill = {
      decodeSeqs: 0,
      kvTokens: 0,
      prefillTokens: 8192,
      prefillKeys: 8192 * 4096,
      prefillPrompts: 4,
    };
    const exposed = stepBreakdown(setup(), prefill);
    const hidden = stepBreakdown(setup("two-batch"), prefill);
    expect(hidden.microBatches).toBe(2);
    expect(hidden.commS).toBeLessThan(exposed.commS);
    expect(hidden.totalS).toBeLessThan(exposed.totalS);
  });
});
