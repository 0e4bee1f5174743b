import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importModel, paramCounts } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { decodePerformance } from "./performance.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { stepBreakdown, stepTimeS } from "./step-time.ts";

const chip = (id: string): Chip => builtinChips().find((c) => c.id === id)!;
const model = (name: string) => importModel(findBuiltinModel(name)!.config).arch;
const h100 = chip("nvidia-h100-sxm");
const llama8b = model("llama-3.1-8b");
const setupFor = (c: Chip, hbmScale = 1) =>
  serveSetup({
    arch: llama8b,
    chip: { ...c, hbmTBps: (c.hbmTBps ?? 1) * hbmScale },
    config: { tp: 1, dpAttention: 1, ep: 1 },
    precision: "bf16",
    efficiency: serveEfficiencyPrior("vllm", c.family),
  });

describe("stepTimeS()", () => {
  it("decode time falls as HBM bandwidth rises", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 16, max: 8192 }), (batch, kv) => {
        const load = { decodeSeqs: batch, kvTokens: batch * kv, prefillTokens: 0, prefillKeys: 0 };
        expect(stepTimeS(setupFor(h100, 2), load)).toBeLessThanOrEqual(stepTimeS(setupFor(h100, 1), load));
      }),
      { numRuns: 50 },
    );
  });

  it("decode time rises with the KV length", () => {
    const s = setupFor(h100);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 16, max: 8192 }), (batch, kv) => {
        const at = (k: number) =>
          stepTimeS(s, { decodeSeqs: batch, kvTokens: batch * k, prefillTokens: 0, prefillKeys: 0 });
        expect(at(kv * 2)).toBeGreaterThan(at(kv));
      }),
      { numRuns: 50 },
    );
  });

  it("decode at batch 1 is bound by reading the weights", () => {
    const s = setupFor(h100);
    const b = stepBreakdown(s, { decodeSeqs: 1, kvTokens: 1, prefillTokens: 0, prefillKeys: 0 });
    // 8B BF16 weights (~16 GB) over 3.35 TB/s x 0.7 (stack prior) is ~6.9 ms
    expect(b.denseS).toBeCloseTo(s.denseReadBytesPerRank / s.hbmBps, 6);
    expect(b.denseS * 1000).toBeGreaterThan(5);
    expect(b.denseS * 1000).toBeLessThan(9);
  });
});

describe("decodePerformance() roofline", () => {
  it("per-chip throughput never exceeds the compute or bandwidth roofline", () => {
    const s = setupFor(h100);
    const flopsPerToken = 2 * paramCounts(llama8b).activeMatmul;
    const peak = (h100.peakTflops.bf16 ?? 0) * 1e12;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1024 }), fc.integer({ min: 1, max: 4096 }), (batch, kv) => {
        const tps = decodePerformance(s, { batch, kvLen: kv }).tokensPerSPerChip;
        expect(tps * flopsPerToken).toBeLessThanOrEqual(peak);
        // every step reads the weights once: batch tokens per weight pass at full HBM bandwidth at most
        const bytesBound = (batch * (h100.hbmTBps ?? 0) * 1e12) / s.denseReadBytesPerRank;
        expect(tps).toBeLessThanOrEqual(bytesBound);
      }),
      { numRuns: 100 },
    );
  });
});
