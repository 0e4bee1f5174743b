import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importModel, paramCounts } from "../arch/index.ts";
import { DEEPSEEK_V32_CONFIG, QWEN3_NEXT_80B_CONFIG } from "../arch/test-fixtures.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { collectiveTimeS, moeAllToAllS } from "../hw/index.ts";
import { colocatedBudgetBatch, decodePerformance, prefillPerformance } from "./performance.ts";
import { type ServeEfficiency, serveEfficiencyPrior } from "./serve-efficiency.ts";
import { serveSetup } from "./serve-setup.ts";
import { hostExposedS, kvContextTokens, roofS, stepBreakdown, stepTimeS, windowedLoad } from "./step-time.ts";

const chip = (id: string): Chip => builtinChips().find((c) => c.id === id)!;
const model = (name: string) => importModel(findBuiltinModel(name)!.config).arch;
const h100 = chip("nvidia-h100-sxm");
const llama8b = model("llama-3.1-8b");
const setupFor = (c: Chip, hbmScale = 1, host?: { stepOverheadMs: number; hostOverlap?: boolean }) =>
  serveSetup({
    arch: llama8b,
    chip: { ...c, hbmTBps: (c.hbmTBps ?? 1) * hbmScale },
    config: { tp: 1, dpAttention: 1, ep: 1 },
    precision: "bf16",
    efficiency: {
      ...serveEfficiencyPrior("vllm", c.family),
      ...(host ? { stepOverheadMs: host.stepOverheadMs } : {}),
    },
    hostOverlap: host?.hostOverlap,
  });

describe("stepBreakdown()", () => {
  it("stepBreakdown() runs prompt tokens past the output head: only tokens that need logits pay for it", () => {
    const s = setupFor(h100);
    const n = 8192;
    const prefill = stepBreakdown(s, { decodeSeqs: 0, kvTokens: 0, prefillTokens: n, prefillKeys: 0 });
    const decode = stepBreakdown(s, { decodeSeqs: n, kvTokens: 0, prefillTokens: 0, prefillKeys: 0 });
    // 8,192 tokens are compute-bound on an H100: the head is ~6.5 % of Llama 3.1 8B's matmul FLOPs
    const headShare = s.headFlopsPerToken / (s.denseFlopsPerToken + s.headFlopsPerToken);
    expect(headShare).toBeGreaterThan(0.06);
    expect(prefill.denseS).toBeLessThan(decode.denseS * (1 - headShare / 2));
  });
});

describe("hostExposedS()", () => {
  it("hostExposedS() shows only the host's work beyond the device's", () => {
    expect(hostExposedS(0.002, 0.0005)).toBeCloseTo(0.0015, 12);
    expect(hostExposedS(0.002, 0.05)).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (h, d) => {
          const x = hostExposedS(h, d);
          // the step (device + exposed host) is the longer of the two
          expect(d + x).toBeCloseTo(Math.max(h, d), 12);
        },
      ),
    );
  });

  it("stepBreakdown() overlaps the engine's host work with the device's: a step takes the longer of the two", () => {
    const host = 20;
    const s = setupFor(h100, 1, { stepOverheadMs: host });
    const parts = (b: ReturnType<typeof stepBreakdown>) =>
      b.denseS + b.expertS + b.attentionS + b.kernelS + b.commS;
    // one sequence: the device's ~8 ms of weight reads wait for the host's 20 ms
    const small = stepBreakdown(s, { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 0, prefillKeys: 0 });
    expect(parts(small)).toBeLessThan(host / 1000);
    expect(small.totalS).toBeCloseTo(host / 1000, 12);
    expect(small.overheadS).toBeCloseTo(host / 1000 - parts(small), 12);
    // 8,192 prompt tokens: the device's step is longer, the host's work is hidden
    const large = stepBreakdown(s, {
      decodeSeqs: 0,
      kvTokens: 0,
      prefillTokens: 8192,
      prefillKeys: 8192 * 4096,
    });
    expect(parts(large)).toBeGreaterThan(host / 1000);
    expect(large.overheadS).toBe(0);
    expect(large.totalS).toBeCloseTo(parts(large), 12);
    // an engine without an overlap scheduler (MindIE by default, vLLM before 0.14) adds its host work to the step
    const sync = setupFor(h100, 1, { stepOverheadMs: host, hostOverlap: false });
    const load = { decodeSeqs: 0, kvTokens: 0, prefillTokens: 8192, prefillKeys: 8192 * 4096 };
    expect(stepBreakdown(sync, load).totalS).toBeCloseTo(parts(large) + host / 1000, 12);
  });

  it("stepBreakdown() schedules each of a pipeline's micro-batches on the host, beside the stages' device time", () => {
    const host = 30;
    const setupInput = {
      arch: model("llama-3.1-70b"),
      chip: h100,
      config: { tp: 4, dpAttention: 1, ep: 1, pp: 2 },
      precision: "fp8" as const,
      efficiency: { ...serveEfficiencyPrior("vllm", h100.family), stepOverheadMs: host },
      hostOverlap: false,
    };
    const s = serveSetup(setupInput);
    // two sequences: two micro-batches in flight, each scheduled once a period (2 x 30 ms of host work), one while
    // the other computes
    const b = stepBreakdown(s, { decodeSeqs: 2, kvTokens: 2000, prefillTokens: 0, prefillKeys: 0 });
    const device = b.denseS + b.expertS + b.attentionS + b.kernelS + b.commS;
    expect(device).toBeLessThan(host / 1000);
    expect(b.totalS).toBeCloseTo((2 * host) / 1000, 12);
    // one sequence: nothing to overlap with, so an engine without an overlap scheduler adds its host time
    const one = stepBreakdown(s, { decodeSeqs: 1, kvTokens: 1000, prefillTokens: 0, prefillKeys: 0 });
    const oneDevice = one.denseS + one.expertS + one.attentionS + one.kernelS + one.commS;
    expect(one.totalS).toBeCloseTo(host / 1000 + oneDevice, 12);
    // with an overlap scheduler the one host time hides behind nothing longer than itself
    const overlapped = stepBreakdown(serveSetup({ ...setupInput, hostOverlap: true }), {
      decodeSeqs: 1,
      kvTokens: 1000,
      prefillTokens: 0,
      prefillKeys: 0,
    });
    expect(overlapped.totalS).toBeCloseTo(Math.max(host / 1000, oneDevice), 12);
  });
});

describe("stepBreakdown() with pipeline stages", () => {
  const llama70b = model("llama-3.1-70b");
  const at = (tp: number, pp: number) =>
    serveSetup({
      arch: llama70b,
      chip: h100,
      config: { tp, dpAttention: 1, ep: 1, pp },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("vllm", h100.family),
    });
  const decode = (b: number) => ({ decodeSeqs: b, kvTokens: b * 2000, prefillTokens: 0, prefillKeys: 0 });

  it("serveSetup() gives each stage its share of the layers, with the head or the embedding", () => {
    const one = at(4, 1);
    const two = at(4, 2);
    expect(two.chipsPerInstance).toBe(2 * one.chipsPerInstance);
    // 80 layers in two stages of 40; Llama 3.1 70B's untied embedding on the first, its equal head on the last
    expect(two.kvBytesPerTokenPerRank).toBeCloseTo(one.kvBytesPerTokenPerRank / 2, 6);
    expect(two.weightBytesPerRank).toBeCloseTo(one.weightBytesPerRank / 2, -3);
    // three stages: the busiest holds ceil(80 / 3) = 27 layers
    expect(at(4, 3).kvBytesPerTokenPerRank).toBeCloseTo((one.kvBytesPerTokenPerRank * 27) / 80, 6);
    expect(() => at(4, 81)).toThrow(/PP 81 makes more pipeline stages than/);
  });

  it("stepBreakdown() runs pp micro-batches in flight: about the same tokens per chip, a TPOT that crosses every stage", () => {
    const one = at(4, 1);
    const two = at(4, 2);
    // 64 sequences on TP4 x PP2 (8 GPUs) against 32 on TP4 (4 GPUs): per GPU, about the same tokens
    const perChip = (s: typeof one, b: number) => b / stepTimeS(s, decode(b)) / s.chipsPerInstance;
    const ratio = perChip(two, 64) / perChip(one, 32);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
    // a sequence's token waits for both stages: the TPOT of 64 on TP4 x PP2 is that of 32 on TP4, not half of it
    expect(stepTimeS(two, decode(64)) / stepTimeS(one, decode(32))).toBeGreaterThan(0.8);
  });

  it("colocatedBudgetBatch() gives each batch in flight its token budget", () => {
    const opts = { inputTokens: 1000, outputTokens: 200, chunkTokens: 8192 };
    const one = colocatedBudgetBatch(at(4, 1), opts);
    expect(colocatedBudgetBatch(at(4, 2), opts)).toBeGreaterThanOrEqual(2 * one);
    expect(colocatedBudgetBatch(at(4, 2), opts)).toBeLessThanOrEqual(2 * one + 1);
  });

  it("stepBreakdown() hands each micro-batch's activation on at every stage boundary", () => {
    // TP 1 has no collective of its own: what a pipeline adds is the hand-off
    expect(stepBreakdown(at(1, 1), decode(8)).commS).toBe(0);
    expect(stepBreakdown(at(1, 2), decode(8)).commS).toBeGreaterThan(0);
  });

  it("prefillPerformance() gives a lone prompt no faster first token on stages than on one stage's ranks", () => {
    const ttft = (s: ReturnType<typeof at>) =>
      prefillPerformance(s, { inputTokens: 2000, chunkTokens: 8192 }).ttftS;
    // the prompt crosses the two stages whole: at least TP 4's time on all layers (minus nothing)
    expect(ttft(at(4, 2))).toBeGreaterThanOrEqual(ttft(at(4, 1)) * 0.95);
    // while prompts of a full chunk split into micro-batches keep the pipeline's throughput
    const rate = (s: ReturnType<typeof at>) =>
      prefillPerformance(s, { inputTokens: 2000, chunkTokens: 16000 }).tokensPerSPerChip;
    expect(rate(at(4, 2)) / rate(at(4, 1))).toBeGreaterThan(0.7);
  });
});

describe("windowedLoad()", () => {
  // Hugging Face openai/gpt-oss-120b config.json: 36 layers, every other one a 128-token sliding window
  const gptOss = model("gpt-oss-120b");

  it("caps the sliding-window layers' keys at the window and leaves full-attention models alone", () => {
    expect(gptOss.slidingWindowLayers).toBe(18);
    expect(gptOss.slidingWindow).toBe(128);
    const load = { decodeSeqs: 10, kvTokens: 10 * 4096, prefillTokens: 1000, prefillKeys: 1000 * 2048 };
    const w = windowedLoad(gptOss, load);
    // half the layers see 4,096 keys per sequence, half 128
    expect(w.kvTokens).toBeCloseTo((10 * (4096 + 128)) / 2, 9);
    expect(w.prefillKeys).toBeCloseTo((1000 * (2048 + 128)) / 2, 9);
    expect(windowedLoad(llama8b, load)).toEqual({ kvTokens: load.kvTokens, prefillKeys: load.prefillKeys });
    // below the window nothing is capped
    expect(kvContextTokens(gptOss, 100)).toBe(100);
  });

  it("makes a long-context gpt-oss decode step cheaper than the same model with full attention", () => {
    const setup = (arch: typeof gptOss) =>
      serveSetup({
        arch,
        chip: h100,
        config: { tp: 1, dpAttention: 1, ep: 1 },
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", h100.family),
      });
    const load = { decodeSeqs: 64, kvTokens: 64 * 16_384, prefillTokens: 0, prefillKeys: 0 };
    const windowed = stepBreakdown(setup(gptOss), load);
    const full = stepBreakdown(setup({ ...gptOss, slidingWindowLayers: 0, slidingWindow: null }), load);
    expect(windowed.attentionS).toBeLessThan(0.6 * full.attentionS);
  });
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

describe("roofS()", () => {
  it("lies between the larger of its two bounds and their sum", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (m, c) => {
          const t = roofS(m, c);
          expect(t).toBeGreaterThanOrEqual(Math.max(m, c) - 1e-12);
          expect(t).toBeLessThanOrEqual(m + c + 1e-12);
        },
      ),
    );
  });

  it("costs sqrt(2) of either bound at the ridge point", () => {
    expect(roofS(1, 1)).toBeCloseTo(Math.SQRT2, 12);
  });
});

describe("stepBreakdown() with expert parallelism", () => {
  const h800 = chip("nvidia-h800-sxm");
  const v3 = model("deepseek-v3");
  /** DeepSeek-V3 in FP8 on H800 at a layout, with the engine's other settings given. */
  const layout = (
    tp: number,
    dp: number,
    epDegree: number,
    extra: Partial<Parameters<typeof serveSetup>[0]> = {},
  ) =>
    serveSetup({
      arch: v3,
      chip: h800,
      config: { tp, dpAttention: dp, ep: epDegree },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("deepseek-infer", h800.family),
      ...extra,
    });
  const ep = (eff: Partial<ServeEfficiency> = {}) =>
    layout(1, 128, 128, { efficiency: { ...serveEfficiencyPrior("deepseek-infer", h800.family), ...eff } });
  /** One layer's normal-kernel dispatch (FP8) and combine (BF16) of `tokens` per rank over EP32 on 8-GPU nodes. */
  const normalLayerS = (tokens: number, fabric: ReturnType<typeof layout>["fabric"]) =>
    moeAllToAllS(tokens, v3.hiddenSize, 1, 8, 32, 8, fabric) +
    moeAllToAllS(tokens, v3.hiddenSize, 2, 8, 32, 8, fabric);
  const decode = (batch: number, kv = 4096) => ({
    decodeSeqs: batch,
    kvTokens: batch * kv,
    prefillTokens: 0,
    prefillKeys: 0,
  });

  it("splits into two micro-batches only when that is faster than exposing the communication", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 64, max: 8192 }), (batch, kv) => {
        const s = ep();
        const b = stepBreakdown(s, decode(batch, kv));
        const serial = stepBreakdown(ep({ overlapFraction: 0 }), decode(batch, kv));
        expect(serial.microBatches).toBe(1);
        expect(b.totalS).toBeLessThanOrEqual(serial.totalS + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps one batch when splitting would cost more than the communication it hides", () => {
    // EP8 inside one NVLink node at a small batch: little to hide, a second weight pass to pay
    const s = serveSetup({
      arch: v3,
      chip: h800,
      config: { tp: 1, dpAttention: 8, ep: 8 },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("deepseek-infer", h800.family),
    });
    const load = decode(4);
    const b = stepBreakdown(s, load);
    expect(b.microBatches).toBe(1);
    expect(b.totalS).toBeCloseTo(stepBreakdown({ ...s, overlap: "none" }, load).totalS, 12);
  });

  it("reads the weights and launches the kernels twice when split", () => {
    const s = ep();
    const b = stepBreakdown(s, decode(128));
    expect(b.microBatches).toBe(2);
    expect(b.kernelS).toBeCloseTo(2 * s.kernelsPerPass * 6e-6, 9);
    // memory-bound non-expert GEMMs: two passes over the weights cost at least twice one pass's bytes
    expect(b.denseS).toBeGreaterThanOrEqual((2 * s.denseReadBytesPerRank) / s.hbmBps);
  });

  it("hides communication behind the routed experts in single-batch overlap, without a second weight pass", () => {
    const at = (overlap: "none" | "single-batch") =>
      stepBreakdown(
        serveSetup({
          arch: v3,
          chip: h800,
          config: { tp: 1, dpAttention: 128, ep: 128 },
          precision: "fp8",
          efficiency: serveEfficiencyPrior("deepseek-infer", h800.family),
          overlap,
        }),
        decode(64),
      );
    const none = at("none");
    const sbo = at("single-batch");
    expect(sbo.microBatches).toBe(1);
    expect(sbo.denseS).toBeCloseTo(none.denseS, 12);
    expect(sbo.commS).toBeLessThan(none.commS);
    expect(none.commS - sbo.commS).toBeLessThanOrEqual(
      serveEfficiencyPrior("deepseek-infer", h800.family).overlapFraction * sbo.expertS + 1e-12,
    );
  });

  it("sends a prompt-only step's tokens once per remote node, a decoding step's once per expert copy", () => {
    // EP32 over four 8-GPU nodes, nothing hidden: DeepEP's normal kernels (prefill) cross the network once per
    // distinct remote node a token's 8 experts sit on (3 x (1 - (3/4)^8) = 2.7 on average), where the
    // low-latency kernels (decode) send each of the 8 copies, 6 of them to other nodes
    const s = layout(1, 32, 32, { overlap: "none" });
    const tokens = 4096;
    const prompt = stepBreakdown(s, { decodeSeqs: 0, kvTokens: 0, prefillTokens: tokens, prefillKeys: 0 });
    const decoding = stepBreakdown(s, decode(tokens, 1));
    expect(prompt.commS).toBeCloseTo(s.moeLayers * normalLayerS(tokens, s.fabric), 9);
    const remoteNodes = 3 * (1 - (3 / 4) ** 8);
    // network-bound: the ratio of the copies that cross it, within the fixed latencies
    expect(prompt.commS / decoding.commS).toBeGreaterThan(0.9 * (remoteNodes / 6));
    expect(prompt.commS / decoding.commS).toBeLessThan(1.1 * (remoteNodes / 6));
  });

  it("prices a step's dispatch per rank's tokens (TP shares them) and lets the engine pick the kernels of a mixed step", () => {
    const at = (tp: number, engine: string) => layout(tp, 32 / tp, 32, { overlap: "none", engine });
    const tokens = 4096;
    const prompt = { decodeSeqs: 0, kvTokens: 0, prefillTokens: tokens, prefillKeys: 0 };
    const one = at(1, "sglang");
    const two = at(2, "sglang");
    expect(stepBreakdown(one, prompt).commS).toBeCloseTo(one.moeLayers * normalLayerS(tokens, one.fabric), 9);
    // TP 2 x DP 16: each rank dispatches its replica's tokens over its TP share, tokens / 2; what is left is the
    // step's TP all-reduces, after attention in each of the 61 layers and after the 3 dense MLPs
    const allReduce = stepBreakdown(two, prompt).commS - two.moeLayers * normalLayerS(tokens / 2, two.fabric);
    const reduce = collectiveTimeS(
      "allReduce",
      tokens * v3.hiddenSize * 2,
      { size: 2, ranksPerDomain: 2 },
      two.fabric,
    );
    expect(allReduce).toBeCloseTo(64 * reduce, 9);
    // a step mixing a prompt with decoding sequences: SGLang takes the normal kernels, vLLM keeps its low-latency backend
    const mixed = { decodeSeqs: 64, kvTokens: 64 * 2048, prefillTokens: tokens, prefillKeys: 0 };
    expect(stepBreakdown(one, mixed).commS).toBeLessThan(0.6 * stepBreakdown(at(1, "vllm"), mixed).commS);
    // prompts alone: both run the normal kernels
    expect(stepBreakdown(at(1, "vllm"), prompt).commS).toBeCloseTo(stepBreakdown(one, prompt).commS, 12);
  });

  it("stepBreakdown() prices the routed copies' activations: a TP-split expert's rank moves every copy, an EP rank its share", () => {
    // one 8-rank instance prefilling 8,192 tokens, experts split over TP (EP 1) or whole on each rank (EP 8)
    const prompt = { decodeSeqs: 0, kvTokens: 0, prefillTokens: 8192, prefillKeys: 0 };
    const tp8 = layout(8, 1, 1);
    const ep8 = layout(1, 8, 8);
    const without = (s: ReturnType<typeof layout>) => ({ ...s, expertActivationBytesPerCopy: 0 });
    const extra = (s: ReturnType<typeof layout>, tokens: number) =>
      stepBreakdown(s, { ...prompt, prefillTokens: tokens }).expertS -
      stepBreakdown(without(s), { ...prompt, prefillTokens: tokens }).expertS;
    // exactly the bytes over the rank's bandwidth: all 8,192 x 8 copies on a TP rank
    const tpBytes = tp8.moeLayers * 8192 * 8 * tp8.expertActivationBytesPerCopy;
    expect(extra(tp8, 8192)).toBeCloseTo(tpBytes / tp8.hbmBps, 9);
    // 8,192 tokens on each of 8 attention replicas: an EP rank holds 1/8 of the instance's copies (times the
    // busiest rank's imbalance) at the full expert width
    const epBytes = (ep8.moeLayers * 8 * 8192 * 8 * ep8.moeImbalance * ep8.expertActivationBytesPerCopy) / 8;
    expect(extra(ep8, 8192)).toBeCloseTo(epBytes / ep8.hbmBps, 9);
    expect(tp8.expertActivationBytesPerCopy).toBeLessThan(ep8.expertActivationBytesPerCopy);
  });

  it("slows the routed experts as the grouped-GEMM fraction falls", () => {
    const fast = stepBreakdown(ep({ moeGemmFraction: 1 }), decode(128));
    const slow = stepBreakdown(ep({ moeGemmFraction: 0.5 }), decode(128));
    expect(slow.expertS).toBeGreaterThan(fast.expertS);
    expect(slow.denseS).toBeCloseTo(fast.denseS, 12);
  });
});

describe("stepBreakdown() with an expert-parallel group wider than the experts", () => {
  it("reads one whole expert a rank when the group holds redundant copies (CloudMatrix-Infer's 320 dies for 256)", () => {
    const c910 = chip("huawei-ascend-910c");
    const v3 = model("deepseek-v3");
    const at = (ranks: number) =>
      serveSetup({
        arch: v3,
        chip: c910,
        config: { tp: 1, dpAttention: ranks, ep: ranks },
        precision: "int8",
        efficiency: serveEfficiencyPrior("cloudmatrix-infer", c910.family),
      });
    // 4 sequences a rank decode: 1,024 tokens x top-8 still touch all 256 experts, and the reads, not the FLOPs, set
    // the time (at 64 a rank the expert GEMMs turn compute-bound and hide the reads: review 24)
    const load = { decodeSeqs: 4, kvTokens: 4 * 2048, prefillTokens: 0, prefillKeys: 0 };
    const e256 = stepBreakdown(at(256), load);
    const e320 = stepBreakdown(at(320), load);
    // one expert a rank in both: the expert reads agree (review 23: 320 ranks read 256/320 of one, a ratio of 0.80
    // at this load)
    expect(e320.expertS / e256.expertS).toBeGreaterThan(0.99);
    expect(e320.expertS / e256.expertS).toBeLessThan(1.01);
  });
});

describe("windowedLoad() and kvContextTokens() with linear-attention layers", () => {
  // Qwen3-Next-80B-A3B (arch/test-fixtures.ts): 36 Gated DeltaNet layers and 12 full-attention ones
  const hybrid = importModel(QWEN3_NEXT_80B_CONFIG).arch;

  it("kvContextTokens() counts a quarter of the context and the fixed state, the same for any context", () => {
    const state = kvContextTokens(hybrid, 4000) - 1000;
    expect(state).toBeGreaterThan(0);
    expect(kvContextTokens(hybrid, 8000)).toBeCloseTo(2000 + state, 6);
    // a setup's per-rank figure wins over the 16-bit, all-heads default
    expect(kvContextTokens(hybrid, 4000, { linearStateTokens: 7, indexerKeyShare: 0 })).toBe(1007);
  });

  it("windowedLoad() reads and scores only the full layers' keys", () => {
    const load = { decodeSeqs: 10, kvTokens: 40_000, prefillTokens: 100, prefillKeys: 5_000 };
    const w = windowedLoad(hybrid, load);
    // a quarter of the layers hold KV
    expect(w.kvTokens).toBeCloseTo(10_000, 6);
    expect(w.prefillKeys).toBeCloseTo(1_250, 6);
  });

  it("stepBreakdown() reads and writes each decoding sequence's state, without scoring it", () => {
    const h100 = chip("nvidia-h100-sxm");
    const setup = serveSetup({
      arch: hybrid,
      chip: h100,
      config: { tp: 1, dpAttention: 1, ep: 1 },
      precision: "fp8",
      efficiency: serveEfficiencyPrior("vllm", h100.family),
    });
    const stateless = { ...setup, linearStateTokens: 0 };
    const load = { decodeSeqs: 64, kvTokens: 64 * 4000, prefillTokens: 0, prefillKeys: 0 };
    const bytesS = (s: typeof setup) =>
      ((load.kvTokens / 4 + 2 * load.decodeSeqs * s.linearStateTokens) * s.kvBytesPerTokenPerRank) / s.hbmBps;
    // decode attention at this batch is bound by bytes: the state adds its read and its write
    expect(stepBreakdown(setup, load).attentionS).toBeGreaterThan(stepBreakdown(stateless, load).attentionS);
    expect(stepBreakdown(setup, load).attentionS).toBeGreaterThanOrEqual(bytesS(setup));
  });
});

describe("DeepSeek Sparse Attention in the serving step", () => {
  const v32 = importModel(DEEPSEEK_V32_CONFIG).arch;
  const v3 = importModel({ ...DEEPSEEK_V32_CONFIG, model_type: "deepseek_v3", index_topk: undefined }).arch;
  const extras = { linearStateTokens: 0, indexerKeyShare: 0.25 };

  it("windowedLoad() reads and scores at most top-k keys a query, short contexts whole", () => {
    // 10 sequences of 32K: the main attention reads 10 x 2,048 latents
    const long = windowedLoad(v32, { decodeSeqs: 10, kvTokens: 327_680, prefillTokens: 0, prefillKeys: 0 });
    expect(long.kvTokens).toBe(20_480);
    const short = windowedLoad(v32, { decodeSeqs: 10, kvTokens: 10_000, prefillTokens: 0, prefillKeys: 0 });
    expect(short.kvTokens).toBe(10_000);
    const prompt = windowedLoad(v32, {
      decodeSeqs: 0,
      kvTokens: 0,
      prefillTokens: 32_768,
      prefillKeys: 32_768 * 16_384,
    });
    expect(prompt.prefillKeys).toBe(32_768 * 2048);
  });

  it("kvContextTokens() holds every token with its indexer key", () => {
    expect(kvContextTokens(v32, 32_768, extras)).toBeCloseTo(32_768 * 1.25, 6);
  });

  it("stepBreakdown() pays the indexer on every key: slower than V3 at short contexts, faster at long ones", () => {
    const h800 = chip("nvidia-h800-sxm");
    const efficiency = serveEfficiencyPrior("sglang", h800.family);
    const on = (arch: typeof v32, tp: number) =>
      serveSetup({
        arch,
        chip: h800,
        config: { tp, dpAttention: 8 / tp, ep: 8 },
        precision: "fp8",
        efficiency,
      });
    const decode = (arch: typeof v32, context: number, tp = 1) =>
      stepBreakdown(on(arch, tp), { decodeSeqs: 8, kvTokens: 8 * context, prefillTokens: 0, prefillKeys: 0 })
        .attentionS;
    expect(decode(v32, 1000)).toBeGreaterThan(decode(v3, 1000));
    expect(decode(v32, 65_536)).toBeLessThan(decode(v3, 65_536) / 3);
    // the indexer is replicated over TP: its weights are not split, so TP 8 holds more than an eighth of TP 1's
    const params = (arch: typeof v32, tp: number) => on(arch, tp).weightBytesPerRank;
    expect(params(v32, 8) - params(v3, 8)).toBeGreaterThan(0.8 * (params(v32, 1) - params(v3, 1)));
  });
});

describe("stepBreakdown() memo of token-count parts (QA 30)", () => {
  it("stepBreakdown() gives from its memo exactly what a fresh setup computes, two-batch and speculative steps too", () => {
    const dsv3 = model("deepseek-v3");
    const make = (spec: number) =>
      serveSetup({
        arch: dsv3,
        chip: chip("nvidia-h800-sxm"),
        config: { tp: 1, dpAttention: 16, ep: 16 },
        precision: "fp8",
        efficiency: serveEfficiencyPrior("sglang", "nvidia-hopper"),
        overlap: "two-batch",
        ...(spec > 0 ? { specDecodeAccept: 1.7, specDraftTokens: 1 } : {}),
      });
    for (const spec of [0, 1]) {
      const warm = make(spec);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 300 }),
          fc.integer({ min: 0, max: 5000 }),
          fc.integer({ min: 0, max: 400_000 }),
          (decodeSeqs, prefillTokens, kvTokens) => {
            const load = { decodeSeqs, kvTokens, prefillTokens, prefillKeys: prefillTokens * 100 };
            if (decodeSeqs + prefillTokens === 0) return;
            // twice on the warm setup (the second from the memo), once on an identical setup of its own
            stepBreakdown(warm, load);
            expect(stepBreakdown(warm, load)).toEqual(stepBreakdown({ ...warm }, load));
          },
        ),
        { numRuns: 150 },
      );
    }
  });
});
