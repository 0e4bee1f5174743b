import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { colocatedPerformance } from "./performance.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { simulateServing } from "./simulate-serving.ts";
import { stepTimeS } from "./step-time.ts";

const chip = (id: string): Chip => builtinChips().find((c) => c.id === id)!;
const h100 = chip("nvidia-h100-sxm");
const setupOf = (name: string) =>
  serveSetup({
    arch: importModel(findBuiltinModel(name)!.config).arch,
    chip: h100,
    config: { tp: 1, dpAttention: 1, ep: 1 },
    precision: "bf16",
    efficiency: serveEfficiencyPrior("vllm", h100.family),
  });

/** The simulator's mean TPOT with `batch` sequences always running (a closed burst capped at the batch). */
function simulatedTpotMs(name: string, batch: number, input: number, output: number, chunk: number) {
  const r = simulateServing(
    setupOf(name),
    { arrivals: "burst", requests: 20 * batch, inputTokens: input, outputTokens: output },
    { seed: 1, maxBatch: batch, chunkTokens: chunk },
  );
  return r.tpotMs.mean;
}

describe("colocatedPerformance()", () => {
  // Qwen3-30B-A3B at 10 sequences (vLLM PR #23151's run shape: 2,048 in, 1,024 out, 10 in flight): the steady
  // state and the discrete-event simulator step the same engine, so their TPOTs agree. Spreading each prompt's
  // 2,048 tokens over every step (20 a step) read ~110 of 128 experts a step instead of ~61: 38 ms against 25 ms.
  it.each([
    ["qwen3-30b-a3b", 10, 2048, 1024],
    ["llama-3.1-8b", 32, 2048, 256],
  ] as const)(
    "colocatedPerformance() agrees with the simulator's TPOT for %s at batch %i",
    (name, batch, input, output) => {
      const steady = colocatedPerformance(setupOf(name), {
        batch,
        inputTokens: input,
        outputTokens: output,
        chunkTokens: 2048,
      });
      const simulated = simulatedTpotMs(name, batch, input, output, 2048);
      expect(steady.tpotS * 1000).toBeGreaterThan(simulated * 0.93);
      expect(steady.tpotS * 1000).toBeLessThan(simulated * 1.07);
    },
  );

  it("colocatedPerformance() costs a mixture of experts less with prompts lumped than spread over every step", () => {
    const s = setupOf("qwen3-30b-a3b");
    const b = 10;
    const kvTokens = b * (2048 + 512);
    const spreadS = stepTimeS(s, {
      decodeSeqs: b,
      kvTokens,
      prefillTokens: (b * 2048) / 1024,
      prefillKeys: ((b * 2048) / 1024) * 1024,
    });
    const steady = colocatedPerformance(s, {
      batch: b,
      inputTokens: 2048,
      outputTokens: 1024,
      chunkTokens: 2048,
    });
    expect(steady.stepS).toBeLessThan(spreadS * 0.8);
  });

  it("colocatedPerformance() spreads the prompts over every step when each step needs more than one prompt", () => {
    const s = setupOf("llama-3.1-8b");
    const b = 256;
    // 256 x 1,000 / 200 = 1,280 prompt tokens a step, more than one 1,000-token prompt: every step carries them
    const prefillTokens = (b * 1000) / 200;
    const spreadS = stepTimeS(s, {
      decodeSeqs: b,
      kvTokens: b * (1000 + 100),
      prefillTokens,
      prefillKeys: prefillTokens * 500,
    });
    const steady = colocatedPerformance(s, {
      batch: b,
      inputTokens: 1000,
      outputTokens: 200,
      chunkTokens: 8192,
    });
    expect(steady.stepS).toBeCloseTo(spreadS, 6);
  });
  it("colocatedPerformance() charges every step what refilling the batch takes when that is more than the budget", () => {
    // one 16,000-token prompt a one-token answer, with an 8,192-token budget: each step must prefill 16,000 tokens,
    // not the budget (review 18: charged one budget a step, 2x the throughput a chip's FLOPs allow)
    const s = setupOf("llama-3.1-8b");
    const steady = colocatedPerformance(s, {
      batch: 1,
      inputTokens: 16_000,
      outputTokens: 1,
      chunkTokens: 8192,
    });
    const spreadS = stepTimeS(s, {
      decodeSeqs: 1,
      kvTokens: 16_000.5,
      prefillTokens: 16_000,
      prefillKeys: 16_000 * 8000,
    });
    expect(steady.stepS).toBeCloseTo(spreadS, 6);
    // and the prompt's FLOPs bound the rate: 2 x 8B x 16,000 tokens at the H100's dense FP8 peak at most
    const floorS = (2 * 8e9 * 16_000) / (s.chip.peakTflops.fp8! * 1e12);
    expect(steady.stepS).toBeGreaterThan(floorS);
  });
});
