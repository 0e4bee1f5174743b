import { indexerKeyShare, linearStateTokens, type ModelArch, windowedLayerTokens } from "../arch/index.ts";
import { collectiveTimeS, moeAllToAllS } from "../hw/index.ts";
import { runsNormalDispatch } from "./dispatch-kernels.ts";
import type { ServeSetup } from "./serve-setup.ts";

/** The work of one engine step on one attention-DP replica (every replica is assumed to carry the same). */
export interface StepLoad {
  /** Sequences in decode this step. */
  decodeSeqs: number;
  /** Context tokens those sequences attend to, summed over them (KV read this step). */
  kvTokens: number;
  /** Prompt tokens prefilled this step (chunked prefill shares the step with decode). */
  prefillTokens: number;
  /** Keys the prefilled tokens attend to, summed over them (causal: ~ tokens x (context + tokens/2)). */
  prefillKeys: number;
  /**
   * Prompts those prefill tokens belong to (default 1): a pipeline can run them as separate micro-batches, a lone
   * prompt's chunk crosses the stages whole.
   */
  prefillPrompts?: number;
}

/** Where one step's time goes, seconds. */
export interface StepBreakdown {
  /** Non-expert weights and GEMMs (attention projections, dense MLPs, shared experts, head). */
  denseS: number;
  /** Routed experts: the touched experts' weights and their GEMMs on the busiest rank. */
  expertS: number;
  /** Attention core: KV read and score FLOPs. */
  attentionS: number;
  /**
   * Fixed latency of the kernels launched (per kernel, whatever its size), and the device's wait for a host that
   * launches them one by one slower than it runs them (piecewise graphs, eager: graph-mode.ts).
   */
  kernelS: number;
  /** TP all-reduce and EP dispatch/combine time not hidden behind compute. */
  commS: number;
  /** 2 when the step runs as two overlapped micro-batches (faster despite reading the weights twice). */
  microBatches: 1 | 2;
  /**
   * The engine's host work (scheduling, sampling, output processing) the device waits for: in an engine with an
   * overlap scheduler only the host time beyond the device's (`hostExposedS`), in one without all of it
   * (host-overlap.ts).
   */
  overheadS: number;
  totalS: number;
}

/**
 * Time of one engine step, seconds, on a roofline per part (Williams et al. 2009, "Roofline"), smoothed at the
 * ridge (`roofS`): each part is bound by its HBM bytes over the achieved bandwidth and its FLOPs over the achieved
 * peak, and every kernel adds a fixed latency. Decode at small batch is bound by weights and KV (bytes), prefill
 * by GEMMs (FLOPs). Routed experts touched per step follow
 * E·(1 - (1 - k/E)^T) for T tokens each picking k of E experts uniformly (expected distinct experts); their
 * copies' intermediate activations add memory-bound traffic beside the GEMMs (expert-activation-bytes.ts). TP needs
 * one all-reduce after attention and after each dense (or tensor-parallel MoE) MLP (Shoeybi et al. 2019 §3);
 * EP needs one dispatch (1 byte per element in FP8/INT8/FP4, DeepEP) and one BF16 combine per MoE layer.
 * How communication hides depends on the engine's overlap mode (overlap-mode.ts): `none`, not at all;
 * `single-batch`, behind the routed experts, up to `overlapFraction` of their time; `two-batch` (DeepSeek Day 6,
 * SGLang TBO), behind the compute of the other micro-batch, up to `overlapFraction` of it, each micro-batch
 * reading the weights and launching the kernels again, taken only when faster than one batch. Checked against
 * DeepSeek's own decode profile (data/holdout/serve.json: 2,324 tok/s per H800 at EP128, 128 sequences per GPU):
 * within 5 % since this structure (the plain max roofline without re-read or kernel latency gave +48 %).
 */
export function stepBreakdown(setup: ServeSetup, load: StepLoad): StepBreakdown {
  if (setup.stages > 1) return pipelinedStep(setup, load);
  return stageStep(setup, load);
}

/**
 * A pipelined instance's step (vLLM keeps up to pp micro-batches in flight, its "virtual engines"): the load splits
 * into m = min(pp, sequences + prompts) micro-batches, each crossing the pp stages in turn, so in steady state every
 * micro-batch advances once in pp stage times of 1/m of the load, plus the activation it hands on at each of the
 * pp - 1 stage boundaries (hidden x BF16 per token, one peer, over the scale-up links when the next stage shares the
 * domain, else the NIC). A lone prompt (m = 1) crosses the stages whole: no faster than one stage holding every
 * layer. The engine's host work, once per micro-batch (m a period), overlaps the other micro-batches' device time
 * (vLLM schedules the next micro-batch while the others compute); the pipeline's fill and drain are left out.
 */
function pipelinedStep(setup: ServeSetup, load: StepLoad): StepBreakdown {
  const pp = setup.stages;
  const units = load.decodeSeqs + (load.prefillTokens > 0 ? Math.max(1, load.prefillPrompts ?? 1) : 0);
  const m = Math.max(1, Math.min(pp, units));
  const part: StepLoad = {
    decodeSeqs: load.decodeSeqs / m,
    kvTokens: load.kvTokens / m,
    prefillTokens: load.prefillTokens / m,
    prefillKeys: load.prefillKeys / m,
  };
  const st = stageStep(setup, part);
  const tokens = part.decodeSeqs * setup.tokensPerDecodeStep + part.prefillTokens;
  const stageRanks = setup.ranks;
  const sameDomain = 2 * stageRanks <= setup.domainRanks;
  const handOffS =
    tokens > 0
      ? collectiveTimeS(
          "sendRecv",
          (tokens * setup.arch.hiddenSize * BF16_BYTES) / setup.config.tp,
          { size: 2, ranksPerDomain: sameDomain ? 2 : 1 },
          setup.fabric,
        )
      : 0;
  const times = (x: number) => pp * x;
  const commS = times(st.commS) + (pp - 1) * handOffS;
  const computeS = times(st.denseS + st.expertS + st.attentionS + st.kernelS);
  // each of the m micro-batches in flight is scheduled once a period, one while the others compute (vLLM's virtual
  // engines); an engine without an overlap scheduler still waits for one host time a period, which no other
  // micro-batch covers when m = 1 (review 26b): max(m x host, device) with overlap, max(m x host, host + device) without
  const hostS = setup.eff.stepOverheadMs / 1000;
  const deviceS = computeS + commS;
  const overheadS = setup.hostOverlap
    ? hostExposedS(m * hostS, deviceS)
    : Math.max(m * hostS, hostS + deviceS) - deviceS;
  return {
    denseS: times(st.denseS),
    expertS: times(st.expertS),
    attentionS: times(st.attentionS),
    kernelS: times(st.kernelS),
    commS,
    overheadS,
    microBatches: st.microBatches,
    totalS: computeS + commS + overheadS,
  };
}

/** One stage's step over `load` (the whole instance when there is no pipeline). */
function stageStep(setup: ServeSetup, load: StepLoad): StepBreakdown {
  const s = setup;
  const dp = s.config.dpAttention;
  const decodeTokens = load.decodeSeqs * s.tokensPerDecodeStep;
  const tokens = decodeTokens + load.prefillTokens;
  const instanceTokens = tokens * dp;
  const draft = load.decodeSeqs > 0 ? 1 + s.draftShare : 1;

  // sliding-window layers read and score at most `window` keys per sequence (windowedLoad)
  const { kvTokens, prefillKeys } = windowedLoad(s.arch, load);
  // a hybrid model's recurrent state (as KV tokens of its bytes) is read and written once a step, never scored
  const stateTokens = load.decodeSeqs * s.linearStateTokens;
  const attnFlops =
    kvTokens * s.tokensPerDecodeStep * s.decodeAttnFlopsPerKey + prefillKeys * s.prefillAttnFlopsPerKey;
  // DSA's indexer reads its key of every held token and scores every key, decode and prefill alike
  const indexerKeys = load.kvTokens * s.tokensPerDecodeStep + load.prefillKeys;
  const attentionS = roofS(
    ((kvTokens + 2 * stateTokens) * s.kvBytesPerTokenPerRank +
      load.kvTokens * s.indexerBytesPerTokenPerRank) /
      s.hbmBps,
    (attnFlops + indexerKeys * s.indexerFlopsPerKey) / s.attentionFlops,
  );
  // the engine's choice of dispatch kernels for this step (dispatch-kernels.ts; communicationS)
  const normal = runsNormalDispatch(s.dispatchSwitch, load);
  const commRawS = tokens > 0 ? communicationS(s, tokens, normal) : 0;
  const hostS = s.eff.stepOverheadMs / 1000;

  // where the host launches the kernels (piecewise graphs, eager), the device waits for the launches it outruns:
  // the device's time is no shorter than the host's dispatch of each pass (graph-mode.ts), the wait counted with
  // the kernels' latency; each micro-batch and each draft pass is launched again
  const dispatchOnceS = draft * (load.prefillTokens > 0 ? s.promptHostDispatchS : s.hostDispatchS);
  // One batch: communication waits for compute. Two micro-batches (TBO): each re-reads the weights and
  // launches the kernels again, and the communication of one hides behind the compute of the other.
  const kernelOnceS = draft * s.kernelsPerPass * KERNEL_LATENCY_S;
  let denseS = denseGemmS(s, tokens, decodeTokens, draft);
  let expertS = expertGemmS(s, instanceTokens, draft);
  let kernelS = kernelOnceS;
  let commS =
    s.overlap === "single-batch" ? Math.max(0, commRawS - s.eff.overlapFraction * expertS) : commRawS;
  let microBatches: 1 | 2 = 1;
  if (s.overlap === "two-batch" && commRawS > 0 && s.eff.overlapFraction > 0 && tokens >= 2) {
    const dense2 = 2 * denseGemmS(s, tokens / 2, decodeTokens / 2, draft);
    const expert2 = 2 * expertGemmS(s, instanceTokens / 2, draft);
    const compute2 = dense2 + expert2 + attentionS + 2 * kernelOnceS;
    // each micro-batch runs its own collectives: their fixed latencies are paid twice
    const comm2 = Math.max(0, 2 * communicationS(s, tokens / 2, normal) - s.eff.overlapFraction * compute2);
    // compared as the device runs them, under the host's launches (review 38 M6)
    const one = Math.max(denseS + expertS + attentionS + kernelOnceS + commS, dispatchOnceS);
    if (Math.max(compute2 + comm2, 2 * dispatchOnceS) < one) {
      denseS = dense2;
      expertS = expert2;
      kernelS = 2 * kernelOnceS;
      commS = comm2;
      microBatches = 2;
    }
  }
  const deviceS = denseS + expertS + attentionS + kernelS + commS;
  const dispatchS = microBatches * dispatchOnceS;
  kernelS += Math.max(0, dispatchS - deviceS);
  const computeS = denseS + expertS + attentionS + kernelS;
  // an engine without an overlap scheduler waits for its host work before each step (host-overlap.ts); with one, the
  // host's step work and its launches run on the same thread, in series, beside the device's work (review 38 M5)
  const overheadS = s.hostOverlap
    ? Math.max(deviceS, dispatchS + hostS) - Math.max(deviceS, dispatchS)
    : hostS;
  return {
    denseS,
    expertS,
    attentionS,
    kernelS,
    commS,
    overheadS,
    microBatches,
    totalS: computeS + commS + overheadS,
  };
}

/** Total of `stepBreakdown`, seconds. */
export function stepTimeS(setup: ServeSetup, load: StepLoad): number {
  return stepBreakdown(setup, load).totalS;
}

/**
 * A step's KV tokens and prefill keys in full-layer equivalents: the per-token KV bytes and per-key FLOPs count every
 * layer, while a sliding-window layer (gpt-oss: every other layer at 128 tokens; Mistral 7B) keeps and scores at
 * most `window` keys per sequence (as arch/flops.ts and arch/memory-per-token.ts count them for training). Capping
 * the sums (all decoding sequences' contexts at seqs x window, the prompt keys at tokens x window) is exact when every
 * context passes the window and an upper bound otherwise.
 */
export function windowedLoad(
  arch: ModelArch,
  load: Pick<StepLoad, "decodeSeqs" | "kvTokens" | "prefillTokens" | "prefillKeys">,
): { kvTokens: number; prefillKeys: number } {
  const window = arch.slidingWindow;
  const linear = Math.min(1, (arch.linearAttention?.layers ?? 0) / arch.numLayers);
  const dsa = arch.sparseAttention;
  if ((window === null || arch.slidingWindowLayers <= 0) && linear === 0 && !dsa) {
    return { kvTokens: load.kvTokens, prefillKeys: load.prefillKeys };
  }
  const share = window === null ? 0 : Math.min(1 - linear, arch.slidingWindowLayers / arch.numLayers);
  const cap = window ?? 0;
  // linear-attention layers hold no keys (their recurrent state is the setup's: stageStep; its FLOPs left out)
  const held = (1 - share - linear) * load.kvTokens + share * Math.min(load.kvTokens, load.decodeSeqs * cap);
  const scored =
    (1 - share - linear) * load.prefillKeys + share * Math.min(load.prefillKeys, load.prefillTokens * cap);
  if (!dsa) return { kvTokens: held, prefillKeys: scored };
  // DeepSeek Sparse Attention: the main attention reads and scores at most top-k keys a query (capped over the
  // step's sums: exact when every context passes top-k, an upper bound otherwise); its indexer's keys and scores
  // are the setup's (stageStep)
  return {
    kvTokens: Math.min(held, load.decodeSeqs * dsa.topK),
    prefillKeys: Math.min(scored, load.prefillTokens * dsa.topK),
  };
}

/** A setup's per-rank figures the KV counts need (serve-setup.ts); `archExtras` gives them at 16-bit KV over all heads. */
export type PerRankExtras = Pick<ServeSetup, "linearStateTokens" | "indexerKeyShare">;

/** The per-rank extras of a model without a setup: its linear state and indexer keys at a 16-bit KV cache, TP 1. */
export function archExtras(arch: ModelArch): PerRankExtras {
  return { linearStateTokens: linearStateTokens(arch), indexerKeyShare: indexerKeyShare(arch) };
}

/**
 * KV-cache tokens of one sequence of `contextTokens` in full-layer equivalents (sliding-window layers capped,
 * linear-attention layers holding their recurrent state instead, DeepSeek Sparse Attention's indexer keys beside
 * the cache), with a setup's per-rank figures where there is one.
 */
export function kvContextTokens(
  arch: ModelArch,
  contextTokens: number,
  perRank: PerRankExtras = archExtras(arch),
): number {
  return (
    (windowedLayerTokens(arch, contextTokens) / arch.numLayers) * (1 + perRank.indexerKeyShare) +
    perRank.linearStateTokens
  );
}

// --- internal ---

/** Non-expert GEMM time of one pass over `tokens` per attention replica, `logitTokens` of them through the head. */
function denseGemmS(s: ServeSetup, tokens: number, logitTokens: number, draft: number): number {
  const flops = tokens * s.denseFlopsPerToken + logitTokens * s.headFlopsPerToken;
  return draft * roofS(s.denseReadBytesPerRank / s.hbmBps, flops / s.gemmFlops);
}

// Per-setup memos of the step parts that depend on a step's token count alone (the experts' GEMMs, the
// communication): a simulation's decode steps repeat a few batch sizes hundreds of thousands of times (QA 30: a
// Kimi-K2 plan under tight limits spent 15 of 27 s in them). Keys are exact token counts (with the draft factor or
// the dispatch kind); a memo past MEMO_LIMIT entries starts over, so steps of ever-new counts cost one lookup more.
const MEMO_LIMIT = 4096;
const expertMemo = new WeakMap<ServeSetup, Map<number, number>>();
const commMemo = new WeakMap<ServeSetup, Map<number, number>>();

function memoized(
  memos: WeakMap<ServeSetup, Map<number, number>>,
  s: ServeSetup,
  key: number,
  compute: () => number,
): number {
  let memo = memos.get(s);
  if (memo === undefined) {
    memo = new Map();
    memos.set(s, memo);
  }
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** Routed-expert grouped-GEMM time of one pass over `instanceTokens` on the busiest rank (0 for dense models). */
function expertGemmS(s: ServeSetup, instanceTokens: number, draft: number): number {
  if (s.moeLayers === 0 || instanceTokens <= 0) return 0;
  // draft is 1, or 1 + a draft share below 1: the key keeps the two apart
  return memoized(expertMemo, s, draft === 1 ? instanceTokens : -instanceTokens, () =>
    expertGemmUncachedS(s, instanceTokens, draft),
  );
}

function expertGemmUncachedS(s: ServeSetup, instanceTokens: number, draft: number): number {
  const e = s.numExperts;
  const touched = e * (1 - (1 - s.topK / e) ** instanceTokens);
  // each rank reads its share of the touched experts; an EP group wider than the experts (redundant copies:
  // CloudMatrix-Infer's 320 dies for 256) holds one whole expert a rank, read when touched (review 23: priced as
  // 256/320 of one)
  const holders = s.config.ep > e ? e : s.ranks;
  const bytes = (s.moeLayers * touched * s.expertBytes) / holders;
  const flops = (instanceTokens * s.topK * s.expertFlopsPerToken * s.moeLayers * s.moeImbalance) / s.ranks;
  const moe = s.eff.moeGemmFraction;
  // the copies' intermediate activations, moved by memory-bound kernels between the GEMMs (expert-activation-bytes.ts):
  // every rank of a TP-split expert sees all copies, an EP rank its share
  const copies = (instanceTokens * s.topK * s.moeImbalance) / s.config.ep;
  const activationS = (s.moeLayers * copies * s.expertActivationBytesPerCopy) / s.hbmBps;
  return draft * (roofS(bytes / (s.hbmBps * moe), flops / (s.gemmFlops * moe)) + activationS);
}

/**
 * The part of the engine's per-step host work (`stepOverheadMs`: scheduling, sampling, output processing) that the
 * device waits for, in an engine that prepares step n + 1 on the host while the device runs step n (an overlap or
 * asynchronous scheduler; which engines and builds do: host-overlap.ts): the step takes the longer of the two, and
 * only the host time beyond the device's shows. An engine without one adds its host work to the step (stageStep).
 * Chosen on 2026-12-01 over adding the two for every engine: calibration leave-one-out 12.8 % -> 12.0 %,
 * publication-out 16.4 % -> 14.7 %; 289 held-out serving runs 27.0 % -> 24.1 % (177 -> 189 within 35 %);
 * docs/serving-model.md "Host work overlaps the device's".
 */
export function hostExposedS(hostS: number, deviceS: number): number {
  return Math.max(0, hostS - deviceS);
}

// A kernel near the ridge point reaches neither its bandwidth nor its peak, and every kernel pays a fixed
// latency (launch, prologue, tail) whatever its size. Fitted on DeepGEMM's FP8 GEMM timings on H800 (InferSim
// bench_data/gemm/h800/data.csv, 51 timings of 7 weight shapes with m = 64..16,384):
// t = ((bytes/(f_b BW))^p + (flops/(f_c peak))^p)^(1/p) + L gives p = 2, L = 6 us (f_b 0.84, f_c 0.72) with a
// log-RMS error of 0.098, against 0.119 for the plain max (its best L, 8 us) and 0.220 for p = 2 with no
// latency. Other chips: the same shape and latency (assumption).
const KERNEL_LATENCY_S = 6e-6;

/** Time of a part bound by both its bytes and its FLOPs: the p-norm of the two (p = 2), always >= their max. */
export function roofS(memoryS: number, computeS: number): number {
  return Math.sqrt(memoryS * memoryS + computeS * computeS);
}

const BF16_BYTES = 2;

function communicationS(s: ServeSetup, tokens: number, normalDispatch: boolean): number {
  return memoized(commMemo, s, normalDispatch ? tokens : -tokens, () =>
    communicationUncachedS(s, tokens, normalDispatch),
  );
}

function communicationUncachedS(s: ServeSetup, tokens: number, normalDispatch: boolean): number {
  const { tp, ep } = s.config;
  const hidden = s.arch.hiddenSize;
  // the busiest pipeline stage's layers (moeLayers is already per stage)
  const layers = s.stageLayers;
  let t = 0;
  if (tp > 1) {
    const denseLayers = layers - s.moeLayers;
    const calls = layers + denseLayers + (ep === 1 ? s.moeLayers : 0);
    const group = { size: tp, ranksPerDomain: Math.min(tp, s.domainRanks) };
    t += calls * collectiveTimeS("allReduce", tokens * hidden * BF16_BYTES, group, s.fabric);
  }
  if (ep > 1 && s.moeLayers > 0) {
    const tokensPerRank = (tokens * s.config.dpAttention) / s.ranks;
    const dispatchBytes = s.precision === "bf16" ? 2 : 1;
    const group = { size: ep, ranksPerDomain: Math.min(ep, s.domainRanks) };
    if (normalDispatch) {
      // DeepEP's normal (high-throughput) kernels, as training's all-to-all (moeAllToAllS): one copy per distinct
      // remote node over RDMA, fanned out over NVLink; DeepEP's own internode test counts its RDMA bytes so
      // (tests/test_internode.py, num_rdma_token_sent)
      t +=
        s.moeLayers *
        (moeAllToAllS(tokensPerRank, hidden, dispatchBytes, s.topK, ep, group.ranksPerDomain, s.fabric) +
          moeAllToAllS(tokensPerRank, hidden, BF16_BYTES, s.topK, ep, group.ranksPerDomain, s.fabric));
    } else {
      // the low-latency kernels: every (token, expert) copy sent on its own (DeepEP README, "Low-latency kernels with
      // pure RDMA"; src/hw/deepep-low-latency.test.ts)
      const perToken = s.topK * hidden;
      t +=
        s.moeLayers *
        (collectiveTimeS("allToAll", tokensPerRank * perToken * dispatchBytes, group, s.fabric) +
          collectiveTimeS("allToAll", tokensPerRank * perToken * BF16_BYTES, group, s.fabric));
    }
  }
  return t;
}
