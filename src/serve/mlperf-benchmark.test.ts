import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import {
  MLPERF_LIMITS,
  MLPERF_MEAN_INPUT_TOKENS,
  MLPERF_MEAN_OUTPUT_TOKENS,
  mlperfBenchmarkOf,
} from "./mlperf-benchmark.ts";

const arch = (name: string) => {
  const m = findBuiltinModel(name);
  if (m === undefined) throw new Error(`model ${name} missing`);
  return importModel(m.config, m.displayName).arch;
};

describe("mlperfBenchmarkOf()", () => {
  it("mlperfBenchmarkOf() recognises the MLPerf LLM models and nothing else", () => {
    expect(mlperfBenchmarkOf(arch("llama-2-70b"))).toBe("llama2-70b");
    expect(mlperfBenchmarkOf(arch("llama-3.1-405b"))).toBe("llama3.1-405b");
    expect(mlperfBenchmarkOf(arch("llama-3.1-8b"))).toBe("llama3.1-8b");
    expect(mlperfBenchmarkOf(arch("mixtral-8x7b"))).toBe("mixtral-8x7b");
    expect(mlperfBenchmarkOf(arch("deepseek-r1"))).toBe("deepseek-r1");
    // Llama-3-8B has Llama-3.1-8B's shape: only cases with an MLPerf `scenario` are looked up
    expect(mlperfBenchmarkOf(arch("llama-3-70b"))).toBeNull();
    expect(mlperfBenchmarkOf(arch("kimi-k2"))).toBeNull();
  });

  it("MLPERF_LIMITS interactive limits are tighter than server ones", () => {
    for (const limits of Object.values(MLPERF_LIMITS)) {
      if (limits.server && limits.interactive) {
        expect(limits.interactive.tpotMs).toBeLessThan(limits.server.tpotMs);
        expect(limits.interactive.ttftMs).toBeLessThan(limits.server.ttftMs);
      }
    }
  });

  it("MLPERF_MEAN_INPUT_TOKENS holds only sourced means, each present and positive", () => {
    // 405B: 9,400 input vs 680 output tokens (MLCommons v5.0 LLM blog); Llama 2 70B, Mixtral and Llama 3.1 8B from
    // per-sample token counts of the datasets (mlperf-benchmark.ts)
    expect(Object.keys(MLPERF_MEAN_INPUT_TOKENS).sort()).toEqual([
      "deepseek-r1",
      "llama2-70b",
      "llama3.1-405b",
      "llama3.1-8b",
      "mixtral-8x7b",
    ]);
    for (const tokens of Object.values(MLPERF_MEAN_INPUT_TOKENS)) {
      expect(Number.isFinite(tokens) && tokens > 0).toBe(true);
    }
    expect(MLPERF_MEAN_INPUT_TOKENS["llama3.1-405b"]).toBe(9400);
    // DeepSeek-R1's prompts are short beside its reasoning answers (803.79 vs 3,886 tokens)
    expect(MLPERF_MEAN_INPUT_TOKENS["deepseek-r1"]).toBeLessThan(
      (MLPERF_MEAN_OUTPUT_TOKENS["deepseek-r1"] ?? 0) / 4,
    );
    expect(MLPERF_MEAN_INPUT_TOKENS["llama3.1-405b"]).toBeGreaterThan(
      MLPERF_MEAN_OUTPUT_TOKENS["llama3.1-405b"] ?? Number.POSITIVE_INFINITY,
    );
  });

  it("MLPERF_MEAN_OUTPUT_TOKENS holds the reference runs' published tokens per sample, each positive", () => {
    // mlcommons/inference language/*/README.md accuracy targets; 405B from the MLCommons v5.0 LLM blog; 8B the
    // reference SUT's 128-token cap, which submitted runs' tokens/s over samples/s reach (128.0)
    expect(MLPERF_MEAN_OUTPUT_TOKENS).toEqual({
      "llama2-70b": 294.45,
      "llama3.1-405b": 680,
      "mixtral-8x7b": 144.84,
      "deepseek-r1": 3886.23,
      "llama3.1-8b": 128,
    });
    for (const tokens of Object.values(MLPERF_MEAN_OUTPUT_TOKENS)) {
      expect(Number.isFinite(tokens) && tokens > 0).toBe(true);
    }
    // a reasoning benchmark generates an order of magnitude more than the chat ones (DeepSeek-R1 README)
    expect(MLPERF_MEAN_OUTPUT_TOKENS["deepseek-r1"]).toBeGreaterThan(
      10 * (MLPERF_MEAN_OUTPUT_TOKENS["llama2-70b"] ?? Number.POSITIVE_INFINITY),
    );
  });
});
