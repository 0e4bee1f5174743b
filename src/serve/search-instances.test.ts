import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { maxBatch } from "./memory.ts";
import { searchInstances } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";

/** Layouts of a built-in model in FP8 on `ranks` H100 under vLLM's defaults (experts tensor-parallel), 1k/1k. */
function vllmFp8OnH100(model: string, ranks: number) {
  const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
  return searchInstances({
    arch: importModel(findBuiltinModel(model)!.config).arch,
    chip,
    precision: "fp8",
    efficiency: serveEfficiencyPrior("vllm", chip.family),
    engine: "vllm",
    phase: "both",
    inputTokens: 1000,
    outputTokens: 1000,
    maxRanks: ranks,
    divideRanks: true,
    fixed: { ep: 1 },
  });
}

describe("searchInstances()", () => {
  it("spans two nodes with pipeline stages for a mixture of experts one node cannot hold and the engine keeps experts tensor-parallel", () => {
    // DeepSeek-V3 in FP8 (~690 GB) on 16 H100 with vLLM's default EP 1: TP 8 holds ~86 GB a rank, past 0.9 x 80 GB;
    // vLLM's distributed-serving docs give two nodes of 8 as TP 8 x PP 2
    const [best] = vllmFp8OnH100("deepseek-v3", 16);
    expect(best?.feasible).toBe(true);
    expect([best?.config.tp, best?.config.pp]).toEqual([8, 2]);
  });

  it("when no layout holds the weights, leads with the one nearest to holding them, not the fastest (one chip)", () => {
    // Kimi K2 in FP8 (~1 TB) on 8 H100 (blind-25: on 16 H20 a one-chip layout 12x its memory was priced)
    const candidates = vllmFp8OnH100("kimi-k2", 8);
    expect(candidates.every((c) => c.violates.includes("memory"))).toBe(true);
    const overfill = (c: (typeof candidates)[number]) => c.setup.weightBytesPerRank / c.setup.usableHbmBytes;
    expect(candidates[0]?.chipsPerInstance).toBe(8);
    for (const c of candidates) expect(overfill(candidates[0]!)).toBeLessThanOrEqual(overfill(c));
  });

  it("spans a fixed EP degree over the whole instance when attention runs data-parallel", () => {
    const chip = builtinChips().find((c) => c.id === "huawei-ascend-910c")!;
    const candidates = searchInstances({
      arch: importModel(findBuiltinModel("deepseek-v3")!.config).arch,
      chip,
      precision: "int8",
      efficiency: serveEfficiencyPrior("cloudmatrix-infer", chip.family),
      phase: "prefill",
      inputTokens: 4096,
      outputTokens: 1,
      maxRanks: 192,
      divideRanks: true,
      fixed: { ep: 32 },
    });
    const withDp = candidates.filter((c) => c.config.dpAttention > 1);
    expect(withDp.length).toBeGreaterThan(0);
    for (const c of withDp) expect(c.config.tp * c.config.dpAttention).toBe(32);
    for (const c of candidates) expect(c.config.ep).toBe(32);
  });

  it("searches no expert-parallel group wider than the routed experts and a quarter more; a stated one may be (redundant copies)", () => {
    // Qwen3-235B-A22B has 128 routed experts: 256 dies of 910C would otherwise be searched as EP 256 (half an expert each)
    const chip = builtinChips().find((c) => c.id === "huawei-ascend-910c")!;
    const search = (fixed: { ep?: number }) =>
      searchInstances({
        arch: importModel(findBuiltinModel("qwen3-235b-a22b")!.config).arch,
        chip,
        precision: "int8",
        efficiency: serveEfficiencyPrior("vllm-ascend", chip.family),
        phase: "decode",
        inputTokens: 2048,
        outputTokens: 500,
        maxRanks: 256,
        divideRanks: true,
        fixed,
      });
    const searched = search({});
    expect(searched.length).toBeGreaterThan(0);
    expect(Math.max(...searched.map((c) => c.config.ep))).toBe(128);
    expect(search({ ep: 256 }).every((c) => c.config.ep === 256)).toBe(true);
  });

  it("tries a disaggregated pool of any size as one wide-EP instance, a colocated deployment only in powers of two", () => {
    // DeepSeek-V3 on 144 910C (288 dies), as a decode pool: one instance of 288 ranks (256 routed experts and 32
    // redundant, DeepSeek's EP144 unit's share) is tried; before, only powers of two dividing 288 (at most 32 ranks)
    const chip = builtinChips().find((c) => c.id === "huawei-ascend-910c")!;
    const search = (phase: "decode" | "both") =>
      searchInstances({
        arch: importModel(findBuiltinModel("deepseek-v3")!.config).arch,
        chip,
        precision: "int8",
        efficiency: serveEfficiencyPrior("vllm-ascend", chip.family),
        phase,
        inputTokens: 2048,
        outputTokens: 500,
        tpotMs: 50,
        maxRanks: 288,
        divideRanks: true,
      });
    const pool = search("decode");
    expect(pool.some((c) => c.config.ep === 288 && c.config.tp * c.config.dpAttention === 288)).toBe(true);
    // the wide instance is the one that meets 50 ms with the most tokens a chip: 32-rank ones read 21 GB of experts a die
    expect(pool[0]!.config.ep).toBe(288);
    const colocated = search("both");
    expect(colocated.every((c) => c.config.tp * c.config.dpAttention <= 32)).toBe(true);
  });

  it("holds a TensorRT-LLM batch to what memory holds with every answer reserved whole, vLLM's to the mean context", () => {
    // Llama 3.1 70B on one H200 at FP8, 1,000 in / 1,000 out, no latency limit: memory binds (TensorRT-LLM's
    // GUARANTEED_NO_EVICT admits a request only when prompt + answer fit: engine-admission.ts)
    const chip = builtinChips().find((c) => c.id === "nvidia-h200-sxm")!;
    const best = (engine: string) =>
      searchInstances({
        arch: importModel(findBuiltinModel("llama-3.1-70b")!.config).arch,
        chip,
        precision: "fp8",
        kvPrecision: "fp8",
        efficiency: serveEfficiencyPrior(engine, chip.family),
        phase: "both",
        inputTokens: 1000,
        outputTokens: 1000,
        chunkTokens: 1_000_000,
        maxRanks: 1,
        divideRanks: true,
        fixed: { tp: 1, ep: 1, dpAttention: 1 },
        engine,
      })[0]!;
    const trt = best("tensorrt-llm");
    const vllm = best("vllm");
    expect(trt.batch).toBe(maxBatch(trt.setup, 2000));
    expect(vllm.batch).toBe(maxBatch(vllm.setup, 1500));
    expect(trt.batch).toBeLessThan(vllm.batch);
  });

  it("shrinks a prefill step to what the KV pool holds, down to one prompt (Llama 3.1 70B FP8 on one H100)", () => {
    const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const c = searchInstances({
      arch: importModel(findBuiltinModel("llama-3.1-70b")!.config).arch,
      chip,
      precision: "fp8",
      efficiency: serveEfficiencyPrior("vllm", chip.family),
      phase: "prefill",
      inputTokens: 2000,
      outputTokens: 1,
      maxRanks: 1,
      divideRanks: true,
      fixed: { tp: 1, ep: 1, dpAttention: 1 },
    })[0]!;
    // ~4,400 tokens of KV on one H100 after 70 GB of weights: not the default 16,384-token step
    expect(c.kvCapacityTokens).toBeLessThan(16_384);
    expect(c.batch * 2000).toBeLessThanOrEqual(c.kvCapacityTokens + 1e-9);
    expect(c.batch).toBeGreaterThanOrEqual(1);
    expect(c.violates).not.toContain("memory");
  });

  it("counts only the busy replicas when the stated load is under one sequence a replica (batch 1 on 4 chips)", () => {
    // Pangu Pro MoE-like load: one sequence on four chips. Attention DP 4 gets one replica busy, not four
    const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const search = (load: { batchPerChip?: number; concurrency?: number }, fixed = {}) =>
      searchInstances({
        arch: importModel(findBuiltinModel("qwen3-30b-a3b")!.config).arch,
        chip,
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", chip.family),
        phase: "decode",
        inputTokens: 2048,
        outputTokens: 1,
        kvLen: 2048,
        maxRanks: 4,
        divideRanks: true,
        fixed: { tp: 1, dpAttention: 4, ep: 4, ...fixed },
        ...load,
      })[0]!;
    const oneSequence = search({ batchPerChip: 0.25 });
    const fourSequences = search({ batchPerChip: 1 });
    // same step (one sequence per busy replica), a quarter of the tokens
    expect(oneSequence.tpotMs).toBeCloseTo(fourSequences.tpotMs, 9);
    expect(oneSequence.tokensPerSPerChip).toBeCloseTo(fourSequences.tokensPerSPerChip / 4, 9);
    // a closed loop of one client reads the same
    expect(search({ concurrency: 1 }).tokensPerSPerChip).toBeCloseTo(oneSequence.tokensPerSPerChip, 9);
  });

  it("counts only the busy replicas in prefill too: one prompt on attention DP 4 is a quarter of four, and TP wins", () => {
    // stop 31 (blind-31b): one 256K prompt on eight attention-DP replicas had been counted as eight prompts
    const chip = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    const search = (concurrency: number, fixed: { tp?: number; dpAttention?: number } = {}) =>
      searchInstances({
        arch: importModel(findBuiltinModel("qwen3-30b-a3b")!.config).arch,
        chip,
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", chip.family),
        phase: "prefill",
        inputTokens: 32_768,
        outputTokens: 1,
        maxRanks: 4,
        divideRanks: true,
        fixed: { ep: 4, ...fixed },
        concurrency,
      })[0]!;
    const one = search(1, { tp: 1, dpAttention: 4 });
    const four = search(4, { tp: 1, dpAttention: 4 });
    expect(one.ttftMs).toBeCloseTo(four.ttftMs, 9);
    expect(one.tokensPerSPerChip).toBeCloseTo(four.tokensPerSPerChip / 4, 9);
    // left to choose for a lone prompt, the search spreads it over every rank
    expect(search(1).config.dpAttention).toBe(1);
    expect(search(1).config.tp).toBe(4);
  });

  it("runs clients beyond the deployment cap up to the engine's own default (TensorRT-LLM 2,048), the search at 1,024", () => {
    // Llama 3.1 8B FP8 on one B200, 200 in / 200 out: memory holds thousands of sequences, so the caps bind
    const chip = builtinChips().find((c) => c.id === "nvidia-b200-hgx")!;
    const search = (engine: string, load: { concurrency?: number }) =>
      searchInstances({
        arch: importModel(findBuiltinModel("llama-3.1-8b")!.config).arch,
        chip,
        precision: "fp8",
        kvPrecision: "fp8",
        efficiency: serveEfficiencyPrior(engine, chip.family),
        phase: "both",
        inputTokens: 200,
        outputTokens: 200,
        maxRanks: 1,
        divideRanks: true,
        fixed: { tp: 1 },
        engine,
        ...load,
      })[0]!;
    expect(search("tensorrt-llm", { concurrency: 3000 }).batch).toBe(2048);
    // vLLM's own default on a large device is the deployment cap itself
    expect(search("vllm", { concurrency: 3000 }).batch).toBe(1024);
    // a stated concurrency under the caps is the batch
    expect(search("tensorrt-llm", { concurrency: 500 }).batch).toBe(500);
    // the search itself keeps the deployment cap where memory would allow more (review 21)
    expect(search("tensorrt-llm", {}).batch).toBe(1024);
  });

  it("searches pipeline stages of one scale-up domain each for a dense model one domain cannot hold", () => {
    const h20 = builtinChips().find((c) => c.id === "nvidia-h20")!;
    const withNic: Chip = { ...h20, scaleOut: { ...h20.scaleOut, chipGbps: 400 } };
    const search = (name: string, precision: "bf16" | "fp8", maxRanks: number, chip: Chip = withNic) =>
      searchInstances({
        arch: importModel(findBuiltinModel(name)!.config).arch,
        chip,
        precision,
        efficiency: serveEfficiencyPrior("vllm", chip.family),
        phase: "both",
        inputTokens: 1000,
        outputTokens: 200,
        maxRanks,
        divideRanks: true,
      });
    const staged = (cs: ReturnType<typeof search>) => cs.filter((c) => (c.config.pp ?? 1) > 1);
    // Llama 3.1 405B in BF16 (810 GB) against one 8 x H20 server (691 GB usable): two servers as TP 8 x PP 2
    expect(staged(search("llama-3.1-405b", "bf16", 16)).map((c) => c.config)).toEqual([
      { tp: 8, dpAttention: 1, ep: 1, pp: 2 },
    ]);
    // without the H20's NIC figure nothing spans the two servers
    expect(staged(search("llama-3.1-405b", "bf16", 16, h20))).toEqual([]);
    // Llama 3.1 70B in FP8 fits one server: no stages searched; one chip alone still has its layout
    expect(staged(search("llama-3.1-70b", "fp8", 16))).toEqual([]);
    expect(search("llama-3.1-70b", "fp8", 1).map((c) => c.config)).toEqual([
      { tp: 1, dpAttention: 1, ep: 1 },
    ]);
  });
});
