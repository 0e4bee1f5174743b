import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, withScaleOutGbps } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { pipelinesPromptChunks } from "./chunked-pipeline.ts";
import { prefillPerformance } from "./performance.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";

describe("pipelinesPromptChunks()", () => {
  it("pipelinesPromptChunks() streams a prompt's chunks where the engine or the run's text says so", () => {
    expect(pipelinesPromptChunks("sglang")).toBe(true);
    expect(pipelinesPromptChunks("sglang-ascend")).toBe(true);
    for (const engine of ["vllm", "vllm-ascend", "rocm-vllm", "tensorrt-llm", "mindie", undefined]) {
      expect(pipelinesPromptChunks(engine)).toBe(false);
    }
    expect(
      pipelinesPromptChunks("vllm-ascend", "vLLM-Ascend (Dynamic Chunked Pipeline Parallel feature)"),
    ).toBe(true);
    expect(pipelinesPromptChunks("rocm-vllm", "ATOM with CPP on MI355X")).toBe(true);
    // a prompt not cut into chunks has none to stream (blind-26b's "no chunking" runs)
    expect(pipelinesPromptChunks("sglang", "SGLang + Dynamo, 1P/1D, no chunking")).toBe(false);
    expect(pipelinesPromptChunks("sglang", "--chunked-prefill-size -1")).toBe(false);
  });
});

describe("prefillPerformance() with chunk pipelining", () => {
  // H20 with Ant's stated 200 Gb/s per GPU (cases/serve.json ant-h20-*): the catalog has no NIC figure for it
  const h20 = withScaleOutGbps(builtinChips().find((c) => c.id === "nvidia-h20")!, 200);
  const arch = importModel(findBuiltinModel("qwen3-235b-a22b")!.config).arch;
  const setup = (pp: number, chunkPipeline: boolean) =>
    serveSetup({
      arch,
      chip: h20,
      config: { tp: 4, dpAttention: 1, ep: 1, pp },
      precision: "fp8",
      engine: "sglang",
      efficiency: serveEfficiencyPrior("sglang", h20.family),
      chunkPipeline,
    });

  it("prefillPerformance() takes a long prompt's time over the stages, plus the fill, where chunks stream", () => {
    // LMSYS 2026-01-15 measured ~5x for 128K prompts of Qwen3-235B on H20 with dynamic chunks (55.5 s on PP 1,
    // 10.5 s on PP 8); fixed 16K chunks, the last attending to the whole prompt, fill the pipeline more slowly: ~3x
    const lone = { inputTokens: 131_072, chunkTokens: 131_072 };
    const serial = prefillPerformance(setup(8, false), lone);
    const streamed = prefillPerformance(setup(8, true), lone);
    expect(streamed.ttftS).toBeLessThan(serial.ttftS / 2.5);
    expect(streamed.ttftS).toBeGreaterThan(serial.ttftS / 8);
    // a replica's prompts, one after another, at least as fast as one alone
    expect(streamed.tokensPerSPerChip * setup(8, true).chipsPerInstance).toBeGreaterThanOrEqual(
      131_072 / streamed.ttftS - 1e-6,
    );
    // without stages there is nothing to stream
    expect(prefillPerformance(setup(1, true), lone).ttftS).toBeCloseTo(
      prefillPerformance(setup(1, false), lone).ttftS,
      9,
    );
  });

  it("prefillPerformance() never streams a prompt slower than one stage after another, nor faster than 1/pp", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 262_144 }), fc.constantFrom(2, 4, 8), (input, pp) => {
        const lone = { inputTokens: input, chunkTokens: input };
        const serial = prefillPerformance(setup(pp, false), lone).ttftS;
        const streamed = prefillPerformance(setup(pp, true), lone).ttftS;
        return streamed <= serial * (1 + 1e-9) && streamed >= serial / pp - 1e-9;
      }),
      { numRuns: 40 },
    );
  });
});
