// Test fixtures shared by the benchmark-run readings' tests (closed bursts and loops, open loops).
import { importModel } from "../arch/index.ts";
import { builtinCasePaths, readCaseFiles, type ServeCase } from "../cases/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { type InstanceCandidate, searchInstances } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";

/** The calibration set's serving cases (data/cases/serve.json). */
export const calibrationServeCases: readonly ServeCase[] = readCaseFiles(builtinCasePaths()).filter(
  (c): c is ServeCase => c.kind === "serve",
);

/** GPUStack's closed burst of Qwen3-8B on one 910B with MindIE (the calibration case). */
export const gpustackBurstCase: ServeCase = calibrationServeCases.find(
  (c) => c.id === "gpustack-910b-qwen3-8b-mindie-w8a8",
)!;

/** The best one-H100 layout of Llama 3.1 8B in FP8 under vLLM's priors, 1,000 / 200 tokens. */
export function llama8bOnH100(): InstanceCandidate {
  const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
  return searchInstances({
    arch: importModel(findBuiltinModel("llama-3.1-8b")!.config).arch,
    chip: h100,
    precision: "fp8",
    efficiency: serveEfficiencyPrior("vllm", h100.family),
    phase: "both",
    inputTokens: 1000,
    outputTokens: 200,
    maxRanks: 1,
    engine: "vllm",
  })[0]!;
}
