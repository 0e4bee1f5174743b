import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { decodePerformance } from "./performance.ts";
import { builtinServeProfile, profileEfficiency } from "./serve-profile.ts";
import { serveSetup } from "./serve-setup.ts";

// A published figure that is NOT in the calibration set (cases/serve.json): DeepSeek's own decode profile
// (github.com/deepseek-ai/profile-data: EP128, TP1, 4K prompts, 128 sequences per GPU in two micro-batches of
// 64), 2,324 output tokens/s per H800, as InferSim's README (alibaba/InferSim, "Simulation Result") reports it.
const OBSERVED_TOKENS_PER_S_PER_GPU = 2324;

describe("decodePerformance() against DeepSeek's decode profile", () => {
  it("predicts the H800 EP128 decode rate within 15 %", () => {
    const h800 = builtinChips().find((c) => c.id === "nvidia-h800-sxm")!;
    const v3 = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
    const { efficiency } = profileEfficiency(builtinServeProfile(), h800.family, "deepseek-infer");
    const setup = serveSetup({
      arch: v3,
      chip: h800,
      config: { tp: 1, dpAttention: 128, ep: 128 },
      precision: "fp8",
      efficiency,
    });
    const p = decodePerformance(setup, { batch: 128, kvLen: 4096 });
    expect(p.tokensPerSPerChip / OBSERVED_TOKENS_PER_S_PER_GPU - 1).toBeGreaterThan(-0.15);
    expect(p.tokensPerSPerChip / OBSERVED_TOKENS_PER_S_PER_GPU - 1).toBeLessThan(0.15);
  });
});
