import { describe, expect, it } from "vitest";
import { overlapModeFromText } from "./overlap-mode.ts";

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
