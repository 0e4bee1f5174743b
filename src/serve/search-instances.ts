import type { ModelArch } from "../arch/index.ts";
import type { Chip } from "../catalog/chips/index.ts";
import { DEPLOYED_MAX_BATCH, engineBatchLimit } from "./engine-batch-limit.ts";
import type { GraphMode } from "./graph-mode.ts";
import { chipsForWeights, instanceMemory, maxBatch } from "./memory.ts";
import type { OverlapMode } from "./overlap-mode.ts";
import {
  colocatedBudgetBatch,
  colocatedPerformance,
  DEFAULT_PREFILL_CHUNK_TOKENS,
  decodePerformance,
  prefillPerformance,
  promptWork,
} from "./performance.ts";
import type { ServeEfficiency } from "./serve-efficiency.ts";
import {
  type InstanceConfig,
  type ServePrecision,
  type ServeSetup,
  serveSetup,
  unpricedLayout,
} from "./serve-setup.ts";
import { kvContextTokens, type StepBreakdown } from "./step-time.ts";

export type ServePhase = "prefill" | "decode" | "both";

/** What to search over and under which limits. Lengths in tokens, limits in milliseconds (means). */
export interface InstanceSearch {
  arch: ModelArch;
  chip: Chip;
  precision: ServePrecision;
  /** KV-cache format; default the engine's own (kv-precision.ts). */
  kvPrecision?: "bf16" | "fp8" | undefined;
  efficiency: ServeEfficiency;
  phase: ServePhase;
  inputTokens: number;
  outputTokens: number;
  /** Mean context per decode step for `phase: decode`; default input + output/2. */
  kvLen?: number | undefined;
  cacheHitRate?: number | undefined;
  specDecodeAccept?: number | undefined;
  /** Routed experts stored in 4 bits under wider GEMMs (W4A8; expert-weight-bits.ts). */
  expertWeightBits?: 4 | undefined;
  ttftMs?: number | null | undefined;
  tpotMs?: number | null | undefined;
  /** Ranks available (chips x ranks per chip); instances must divide it when `divideRanks` is set. */
  maxRanks: number;
  divideRanks?: boolean | undefined;
  /** Degrees the caller fixes; the rest are searched. `dpAttention: true` = some degree > 1. */
  fixed?:
    | { tp?: number | null; ep?: number | null; dpAttention?: number | boolean | null; pp?: number | null }
    | undefined;
  /** Sequences per chip, when fixed (prefill: prompts per chip per step); otherwise the largest that fits. */
  batchPerChip?: number | undefined;
  /** Requests in flight over all `maxRanks` ranks (closed-loop clients), when that is what is fixed. */
  concurrency?: number | undefined;
  /** Prompt tokens per step and attention replica. */
  chunkTokens?: number | undefined;
  /** Largest batch per attention replica the engine schedules; default the engine's own cap (engine-batch-limit.ts). */
  maxBatch?: number | undefined;
  /** Serving stack id (catalog/stacks), whose default batch cap applies when `maxBatch` is not given. */
  engine?: string | undefined;
  /** How the engine hides communication (overlap-mode.ts); default `defaultOverlapMode`. */
  overlap?: OverlapMode | undefined;
  /** The engine's host work overlaps the device's (host-overlap.ts); default the engine's current builds. */
  /** Tokens a colocated step may carry, where the run sets it; default the engine's (engineStepTokens). */
  stepTokens?: number | undefined;
  hostOverlap?: boolean | undefined;
  /** How the engine launches a step's kernels (graph-mode.ts); default its current builds'. */
  graphMode?: GraphMode | undefined;
  /** The engine streams one prompt's chunks through the pipeline stages; default its current builds (chunked-pipeline.ts). */
  chunkPipeline?: boolean | undefined;
}

/** One evaluated layout. Throughput is per chip of the measured phase; times are means in milliseconds. */
export interface InstanceCandidate {
  config: InstanceConfig;
  chipsPerInstance: number;
  /** Sequences per attention replica (prefill: prompts per chunk). */
  batch: number;
  tokensPerSPerChip: number;
  requestsPerSPerChip: number;
  ttftMs: number;
  tpotMs: number;
  kvCapacityTokens: number;
  feasible: boolean;
  /** Why it is not feasible: memory, ttft, tpot. */
  violates: ("memory" | "ttft" | "tpot")[];
  setup: ServeSetup;
  /** Where the time of the engine step these figures come from goes. */
  step: StepBreakdown;
}

/** The batch cap assumed for engines whose default is unknown (engine-batch-limit.ts). */
export const DEFAULT_MAX_BATCH = DEPLOYED_MAX_BATCH;

/**
 * Every layout worth trying for the request: TP a power of two within one scale-up domain that divides the
 * heads; attention-DP replicas (MoE only: dense models gain nothing from DP inside one instance); experts over
 * one rank or all of them; none whose links the catalog cannot price (`unpricedLayout`). Each is given the
 * largest batch that fits memory and meets the TTFT/TPOT limits.
 * Sorted best first: feasible, then those whose weights fit (else the nearest to fitting), then by tokens/s per
 * chip.
 */
export function searchInstances(req: InstanceSearch): InstanceCandidate[] {
  const out: InstanceCandidate[] = [];
  for (const config of layouts(req)) {
    const candidate = evaluate(req, config);
    if (candidate !== null) out.push(candidate);
  }
  const fitsMemory = (c: InstanceCandidate) => Number(!c.violates.includes("memory"));
  // among layouts that do not fit memory, the least weight per rank over usable memory first, not the fastest: a
  // one-chip layout of a model 12x its memory is no answer (blind-25: Kimi K2 on 16 H20 was priced on one)
  const overfill = (c: InstanceCandidate) =>
    fitsMemory(c) === 1 ? 0 : c.setup.weightBytesPerRank / Math.max(1, c.setup.usableHbmBytes);
  out.sort(
    (a, b) =>
      Number(b.feasible) - Number(a.feasible) ||
      fitsMemory(b) - fitsMemory(a) ||
      overfill(a) - overfill(b) ||
      b.tokensPerSPerChip - a.tokensPerSPerChip,
  );
  return out;
}

/** Evaluates one layout at its best batch; null when the weights do not fit at all. */
export function evaluate(req: InstanceSearch, config: InstanceConfig): InstanceCandidate | null {
  const setup = serveSetup({
    arch: req.arch,
    chip: req.chip,
    config,
    precision: req.precision,
    kvPrecision: req.kvPrecision,
    engine: req.engine,
    efficiency: req.efficiency,
    specDecodeAccept: req.specDecodeAccept,
    expertWeightBits: req.expertWeightBits,
    overlap: req.overlap,
    hostOverlap: req.hostOverlap,
    graphMode: req.graphMode,
    chunkPipeline: req.chunkPipeline,
    stepTokens: req.stepTokens,
  });
  const memory = instanceMemory(setup);
  const input = req.inputTokens;
  const output = req.outputTokens;
  // Where the layout search chooses the batch, the deployment cap holds (engine-batch-limit.ts); clients that keep
  // more requests in flight than that meet the engine's own default instead, as a benchmark that leaves the engine's
  // settings alone runs it (a tool that sets its own cap, trtllm-bench, passes it as `maxBatch`)
  const limit = engineBatchLimit(req.engine, setup, req.phase);
  const cap =
    req.maxBatch ??
    (req.concurrency !== undefined && req.batchPerChip === undefined
      ? (limit.engineMax ?? limit.maxBatch)
      : limit.maxBatch);
  const ttftLimitS = req.ttftMs == null ? Number.POSITIVE_INFINITY : req.ttftMs / 1000;
  const tpotLimitS = req.tpotMs == null ? Number.POSITIVE_INFINITY : req.tpotMs / 1000;

  const replicaChips = setup.chipsPerInstance / config.dpAttention;
  // sequences per attention replica the stated load gives: fewer than one leaves replicas idle (one sequence on
  // four DP replicas keeps three of them empty), so the layout's throughput counts only the busy share
  const statedBatch =
    req.batchPerChip !== undefined
      ? req.batchPerChip * replicaChips
      : req.concurrency !== undefined
        ? req.concurrency / (req.maxRanks / (config.tp * (config.pp ?? 1)))
        : undefined;
  const busyShare = statedBatch !== undefined && statedBatch < 1 ? statedBatch : 1;
  const fixedBatch =
    statedBatch === undefined || req.batchPerChip !== undefined ? statedBatch : Math.max(1, statedBatch);

  if (req.phase === "prefill") {
    // the prompts of one step stay resident until they are done: an engine's default chunk shrinks to what its KV
    // pool holds, down to one whole prompt (review 17: a TP1 Llama 3.1 70B prefill row ran 16,384-token steps on a
    // pool of 4,413 tokens); a pool that cannot hold one prompt misses memory anyway and keeps the default. The
    // chunk counts computed tokens: with prefix-cache hits its prompts hold chunk / (1 - hit) tokens of KV
    const onePrompt = kvContextTokens(req.arch, input, setup);
    const hit = req.cacheHitRate ?? 0;
    const computedShare = 1 - hit;
    const defaultChunk =
      memory.kvCapacityTokens >= onePrompt
        ? Math.min(DEFAULT_PREFILL_CHUNK_TOKENS, memory.kvCapacityTokens * computedShare)
        : DEFAULT_PREFILL_CHUNK_TOKENS;
    // a stated batch is prompts per step: their computed tokens (review of stop 17: the batch had been read as
    // whole prompts of computed tokens, so with cache hits the export ran (1 - hit) of the planned prompts)
    const computedPerPrompt = promptWork(input, hit).computed;
    const chunk =
      fixedBatch !== undefined ? fixedBatch * computedPerPrompt : (req.chunkTokens ?? defaultChunk);
    const p = prefillPerformance(setup, { inputTokens: input, chunkTokens: chunk, cacheHitRate: hit });
    const violates: InstanceCandidate["violates"] = [];
    // a prompt stays resident until it is done: its whole KV; and the step's tokens where the caller fixed them
    // (an engine shrinks its default chunk to what fits)
    const stepTokens = fixedBatch !== undefined || req.chunkTokens !== undefined ? chunk / computedShare : 0;
    if (memory.kvCapacityTokens < Math.max(stepTokens, onePrompt)) violates.push("memory");
    if (p.ttftS > ttftLimitS) violates.push("ttft");
    return candidate(
      setup,
      config,
      // prompts per step
      chunk / computedPerPrompt,
      // fewer prompts in flight than attention replicas leave the others idle, as in decode (stop 31: one 256K
      // prompt on eight attention-DP replicas was counted as eight)
      p.tokensPerSPerChip * busyShare,
      (p.tokensPerSPerChip * busyShare) / input,
      p.ttftS,
      0,
      memory.kvCapacityTokens,
      violates,
      p.step,
    );
  }

  const context = req.phase === "decode" ? (req.kvLen ?? input + output / 2) : input + output / 2;
  const colocatedChunk = req.chunkTokens ?? setup.stepTokens;
  // a colocated batch is also bounded by what the step budget can refill (colocatedBudgetBatch)
  const budgetMax =
    req.phase === "both"
      ? colocatedBudgetBatch(setup, {
          inputTokens: input,
          outputTokens: output,
          chunkTokens: colocatedChunk,
          cacheHitRate: req.cacheHitRate ?? 0,
        })
      : Number.POSITIVE_INFINITY;
  // an engine that reserves each request's whole answer at admission (engine-admission.ts: TensorRT-LLM's
  // GUARANTEED_NO_EVICT) holds prompt + answer per sequence, not the mean context
  const reserved = setup.kvAdmission === "reserve-max" ? context + output / 2 : context;
  const memoryMax = Math.min(cap, maxBatch(setup, reserved));
  // the searched batch also keeps within what the step budget refills; a fixed one (closed-loop clients, a
  // simulated burst that models the budget itself) is only bounded by the cap and memory
  const searchMax = Math.min(memoryMax, budgetMax);
  const perf = (b: number) => {
    if (req.phase === "decode") {
      const d = decodePerformance(setup, { batch: b, kvLen: context });
      return {
        tps: d.tokensPerSPerChip,
        rps: d.tokensPerSPerChip / output,
        ttftS: 0,
        tpotS: d.tpotS,
        step: d.step,
      };
    }
    const c = colocatedPerformance(setup, {
      batch: b,
      inputTokens: input,
      outputTokens: output,
      chunkTokens: colocatedChunk,
      cacheHitRate: req.cacheHitRate ?? 0,
    });
    return {
      tps: c.outputTokensPerSPerChip,
      rps: c.requestsPerSPerChip,
      ttftS: c.ttftS,
      tpotS: c.tpotS,
      step: c.step,
    };
  };
  const ok = (b: number) => {
    const r = perf(b);
    return r.tpotS <= tpotLimitS && r.ttftS <= ttftLimitS;
  };

  let batch: number;
  if (req.batchPerChip !== undefined && fixedBatch !== undefined) batch = Math.max(1, fixedBatch);
  else if (fixedBatch !== undefined) {
    // closed-loop clients: the engine runs at most its batch cap and what memory holds; the rest wait in queue
    batch = Math.max(1, Math.min(fixedBatch, cap, Math.max(1, memoryMax)));
  } else if (searchMax < 1) batch = 1;
  else if (ok(searchMax)) batch = searchMax;
  else if (!ok(1)) batch = 1;
  else {
    // the largest batch meeting the limits: step time grows with the batch, so bisect
    let lo = 1;
    let hi = searchMax;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (ok(mid)) lo = mid;
      else hi = mid;
    }
    batch = lo;
  }
  const r0 = perf(batch);
  const r = { ...r0, tps: r0.tps * busyShare, rps: r0.rps * busyShare };
  const violates: InstanceCandidate["violates"] = [];
  // a sequence must fit whole by its last token (the simulator refuses one that cannot)
  const whole = kvContextTokens(req.arch, Math.max(context, input + output), setup);
  if (!memory.fits || memoryMax < Math.min(batch, cap) || memory.kvCapacityTokens < whole)
    violates.push("memory");
  if (r.ttftS > ttftLimitS) violates.push("ttft");
  if (r.tpotS > tpotLimitS) violates.push("tpot");
  return candidate(
    setup,
    config,
    batch,
    r.tps,
    r.rps,
    r.ttftS,
    r.tpotS,
    memory.kvCapacityTokens,
    violates,
    r.step,
  );
}

// --- internal ---

function candidate(
  setup: ServeSetup,
  config: InstanceConfig,
  batch: number,
  tps: number,
  rps: number,
  ttftS: number,
  tpotS: number,
  kvCapacityTokens: number,
  violates: InstanceCandidate["violates"],
  step: StepBreakdown,
): InstanceCandidate {
  return {
    config,
    chipsPerInstance: setup.chipsPerInstance,
    batch,
    tokensPerSPerChip: tps,
    requestsPerSPerChip: rps,
    ttftMs: ttftS * 1000,
    tpotMs: tpotS * 1000,
    kvCapacityTokens,
    feasible: violates.length === 0,
    violates,
    setup,
    step,
  };
}

function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let v = 1; v <= max; v *= 2) out.push(v);
  return out;
}

/** Routed experts plus redundant copies a searched expert-parallel group may span, over the routed experts: CloudMatrix-Infer's 320 dies for 256 (arXiv 2506.12708). */
const MAX_REDUNDANT_EXPERT_SHARE = 1.25;

function* layouts(req: InstanceSearch): Generator<InstanceConfig> {
  const fixed = req.fixed ?? {};
  const isMoe = req.arch.moe !== null;
  const domainRanks = req.chip.scaleUp.domainSize * req.chip.ranksPerChip;
  const heads = req.arch.numHeads;
  const tps =
    fixed.tp != null
      ? [fixed.tp]
      : powersOfTwo(Math.min(req.maxRanks, domainRanks)).filter((t) => heads % t === 0);
  const seen = new Set<string>();
  // Pipeline stages: the caller's (a published case), else 1, and for a model whose weights one scale-up domain
  // cannot hold, 2, 4, ... stages of one domain each, the alternative to tensor parallelism over the network. A
  // mixture of experts too (vLLM's distributed-serving docs: tensor parallel within a node, pipeline parallel
  // across nodes, for a model one node cannot hold), the search weighing it against wide EP with attention DP.
  const weights = chipsForWeights(req.arch, req.chip, req.precision, req.engine, req.expertWeightBits);
  const pps =
    fixed.pp != null
      ? [fixed.pp]
      : weights.weightGB < weights.usableGB * req.chip.scaleUp.domainSize
        ? [1]
        : powersOfTwo(
            Math.max(1, Math.min(req.arch.numLayers, Math.floor(req.maxRanks / Math.max(1, domainRanks)))),
          );
  for (const pp of pps) {
    for (const tp of tps) {
      let dps: number[];
      if (typeof fixed.dpAttention === "number") dps = [fixed.dpAttention];
      else if (!isMoe) dps = [1];
      else {
        const candidates = new Set(powersOfTwo(Math.floor(req.maxRanks / (tp * pp))));
        // and, for a prefill or decode pool of a disaggregated deployment, one instance over every rank given,
        // whatever their number: such pools run one wide-EP instance (DeepSeek's EP144 decode unit, 18 servers;
        // CloudMatrix-Infer's 160 decode NPUs; SGLang's EP72 decode on 9 H100 servers), rarely a power of two;
        // colocated deployments replicate smaller instances (MLPerf's 72-GPU GB200 rows)
        if (req.phase !== "both" && req.maxRanks % (tp * pp) === 0) candidates.add(req.maxRanks / (tp * pp));
        if (fixed.ep != null && fixed.ep % tp === 0) candidates.add(fixed.ep / tp);
        dps = [...candidates].filter((d) =>
          fixed.dpAttention === true ? d > 1 : fixed.dpAttention === false ? d === 1 : true,
        );
      }
      for (const dp of dps) {
        const ranks = tp * dp;
        if (ranks * pp > req.maxRanks) continue;
        // searched stages each fill one scale-up domain: a stage smaller than a domain is better served by TP; and a
        // searched stage of a mixture of experts is one TP group (the layout vLLM's distributed-serving docs give for
        // a model wider than a node: TP within it, PP across), never attention DP with EP inside pipeline stages,
        // which no source shows an engine running (review 25)
        if (fixed.pp == null && pp > 1 && (ranks !== domainRanks || dp > 1)) continue;
        // ranks whose NIC or scale-up bandwidth the catalog lacks cannot be priced
        if (unpricedLayout(req.chip, ranks * pp) !== null) continue;
        if (req.divideRanks && req.maxRanks % (ranks * pp) !== 0) continue;
        // attention-DP replicas meet again in the MoE layers: experts must then span all ranks (EP = ranks)
        const eps =
          fixed.ep != null ? [fixed.ep] : !isMoe ? [1] : dp > 1 ? [ranks] : [...new Set([1, ranks])];
        for (const ep of eps) {
          if (ranks % ep !== 0 || (dp > 1 && ep !== ranks)) continue;
          // a searched expert-parallel group is no wider than the routed experts and the redundant copies large-EP
          // deployments add: CloudMatrix-Infer spreads 256 routed experts over 320 dies, one a die (arXiv
          // 2506.12708), a quarter more (DeepSeek's EP144 decode adds 32 redundant to 256, an eighth, on fewer ranks
          // than experts: Day-6 inference system overview). A group wider than the experts is priced at its mean
          // expert share a rank (288 over 256: 0.89 of one; review 23, left); a stated one may be wider still
          if (fixed.ep == null && isMoe && ep > MAX_REDUNDANT_EXPERT_SHARE * (req.arch.moe?.numExperts ?? ep))
            continue;
          const key = `${tp}/${dp}/${ep}/${pp}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield pp > 1 ? { tp, dpAttention: dp, ep, pp } : { tp, dpAttention: dp, ep };
        }
      }
    }
  }
}
