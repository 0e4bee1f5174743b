import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { MLPERF_LIMITS, MLPERF_MEAN_INPUT_TOKENS, mlperfBenchmarkOf } from "./mlperf-benchmark.ts";

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

  it("MLPERF_MEAN_INPUT_TOKENS holds only published means, longer than the benchmark's output mean", () => {
    // 405B: 9,400 input vs 680 output tokens (MLCommons v5.0 LLM blog); the others are not published (null)
    expect(MLPERF_MEAN_INPUT_TOKENS["llama3.1-405b"]).toBe(9400);
    expect(MLPERF_MEAN_INPUT_TOKENS["llama2-70b"]).toBeUndefined();
    expect(MLPERF_MEAN_INPUT_TOKENS["mixtral-8x7b"]).toBeUndefined();
  });
});
