import type { ServeSetup } from "./serve-setup.ts";
import { type StepBreakdown, stepBreakdown, stepTimeS } from "./step-time.ts";

// A prefill step's tokens per device where nothing says otherwise, and the chunk a long prompt is cut into when its
// chunks stream through pipeline stages: SGLang's large-scale EP blog and the CloudMatrix384 paper both prefill
// 16,384 tokens per device (the LMSYS pipeline blog uses 12K dynamic chunks, vLLM-Ascend's CPP starts at 32K).
export const DEFAULT_PREFILL_CHUNK_TOKENS = 16_384;

/** Prefill of one phase-separated pool: tokens per second per chip and the TTFT of a lone request. */
export interface PrefillPerformance {
  /** Prompt tokens per second per chip, cache-hit tokens included (as DeepSeek counts them). */
  tokensPerSPerChip: number;
  stepS: number;
  ttftS: number;
  /** Where the time of one full-chunk step goes. */
  step: StepBreakdown;
}

/** Decode of one pool at a batch: tokens per second per chip and time per output token. */
export interface DecodePerformance {
  tokensPerSPerChip: number;
  tpotS: number;
  stepS: number;
  /** Where the time of one step goes. */
  step: StepBreakdown;
}

/** Colocated serving (prefill chunks and decode in the same steps) in steady state at a batch. */
export interface ColocatedPerformance {
  outputTokensPerSPerChip: number;
  requestsPerSPerChip: number;
  tpotS: number;
  ttftS: number;
  stepS: number;
  /** Where the time of one steady-state step goes. */
  step: StepBreakdown;
}

/**
 * The part of a prompt that is computed and the keys its tokens attend to on average. Cache hits (prefix or
 * on-disk KV) are loaded, not computed: only (1 - hit) of the prompt is run, attending to the whole context.
 * Causal attention: a computed token at position x attends to x keys, so the mean is hit·I + (1 - hit)·I/2.
 */
export function promptWork(inputTokens: number, cacheHitRate = 0): { computed: number; meanKeys: number } {
  const computed = Math.max(1, inputTokens * (1 - cacheHitRate));
  return { computed, meanKeys: cacheHitRate * inputTokens + computed / 2 };
}

/**
 * Prefill throughput with `chunkTokens` prompt tokens per step on each attention replica, the computed part of
 * each prompt run (promptWork) and the rate reported over all prompt tokens.
 */
export function prefillPerformance(
  setup: ServeSetup,
  opts: { inputTokens: number; chunkTokens: number; cacheHitRate?: number },
): PrefillPerformance {
  const hit = opts.cacheHitRate ?? 0;
  const input = opts.inputTokens;
  const { computed, meanKeys } = promptWork(input, hit);
  const chunk = Math.max(1, opts.chunkTokens);
  const step = stepBreakdown(setup, {
    decodeSeqs: 0,
    kvTokens: 0,
    prefillTokens: chunk,
    prefillKeys: chunk * meanKeys,
    prefillPrompts: Math.max(1, chunk / Math.max(1, computed)),
  });
  const stepS = step.totalS;
  const dp = setup.config.dpAttention;
  const alone = Math.min(computed, chunk);
  const chunkPipelined = setup.stages > 1 && setup.chunkPipeline;
  const ttftS = chunkPipelined
    ? chunkPipelinedPromptS(setup, input, hit)
    : Math.ceil(computed / chunk) *
      stepTimeS(setup, { decodeSeqs: 0, kvTokens: 0, prefillTokens: alone, prefillKeys: alone * meanKeys });
  // a step of fewer prompts than stages leaves the pipeline part-empty, unless the engine streams each prompt's
  // chunks through it: a replica then prefills prompt after prompt at least as fast as one alone
  const perReplicaS = chunkPipelined ? Math.max(chunk / stepS, computed / ttftS) : chunk / stepS;
  const computedPerS = (perReplicaS * dp) / setup.chipsPerInstance;
  return { tokensPerSPerChip: computedPerS / (1 - hit), stepS, ttftS, step };
}

/**
 * Prefill time of one prompt alone on an engine that streams its chunks through the pipeline stages
 * (chunked-pipeline.ts): n chunks of the engine's chunk size (DEFAULT_PREFILL_CHUNK_TOKENS) follow one another
 * through the pp stages, each stage busy with a different chunk, so the prompt takes the stage time of every
 * chunk plus the last chunk's way through the other pp - 1 stages: (sum of T_k + (pp - 1) T_last) / pp, T_k one
 * chunk's pass through all stages (later chunks attend to more keys). Mooncake's chunked pipeline parallelism
 * (Qin et al., FAST'25, its multi-node prefill); SGLang's LMSYS blog of 2026-01-15 measures ~5x on PP 8 for 128K
 * prompts on H20.
 */
function chunkPipelinedPromptS(setup: ServeSetup, inputTokens: number, hit: number): number {
  const { computed, meanKeys } = promptWork(inputTokens, hit);
  const n = Math.max(1, Math.ceil(computed / DEFAULT_PREFILL_CHUNK_TOKENS));
  const c = computed / n;
  const pass = (keys: number) =>
    stepTimeS(setup, { decodeSeqs: 0, kvTokens: 0, prefillTokens: c, prefillKeys: c * keys });
  // the last chunk attends to the cached part, every earlier chunk and half of itself
  const lastKeys = hit * inputTokens + computed - c / 2;
  return (n * pass(meanKeys) + (setup.stages - 1) * pass(lastKeys)) / setup.stages;
}

/** Decode throughput with `batch` sequences per attention replica at a mean context of `kvLen` tokens. */
export function decodePerformance(
  setup: ServeSetup,
  opts: { batch: number; kvLen: number },
): DecodePerformance {
  const b = Math.max(1, opts.batch);
  const step = stepBreakdown(setup, {
    decodeSeqs: b,
    kvTokens: b * opts.kvLen,
    prefillTokens: 0,
    prefillKeys: 0,
  });
  const stepS = step.totalS;
  const accepted = setup.acceptedPerStep;
  return {
    tokensPerSPerChip: (b * setup.config.dpAttention * accepted) / stepS / setup.chipsPerInstance,
    tpotS: stepS / accepted,
    stepS,
    step,
  };
}

/**
 * Colocated continuous batching in steady state (Orca, Yu et al. OSDI'22; Sarathi-Serve chunked prefill, Agrawal
 * et al. OSDI'24): `batch` sequences decode each step; to keep the batch full, B·a/O requests finish per step and
 * as many start, so P = B·a·I/O prompt tokens are prefilled per step on average alongside decode. They come in
 * lumps, as the engines schedule them: a waiting prompt takes what the step's token budget leaves after decode
 * (vLLM's max_num_batched_tokens, SGLang's chunked prefill size), so a step carries either no prompt tokens or a
 * lump of x = max(P, min(chunk, I)), in a share P/x of the steps; the mean step is the mix of the two. (Spreading
 * P evenly over every step, as this model did before, costs a mixture of experts too much: the experts a step
 * touches are concave in its tokens, so 20 prompt tokens in every step read far more experts than 2,000 in one
 * step in a hundred. Qwen3-30B-A3B at 10 sequences on H100: 38 ms a step spread, 25 ms lumped, as the
 * discrete-event simulator steps it.) A running sequence is on average half-way through its output, so its
 * context is I + O/2. A new prompt waits half a step and is prefilled in chunks of what the budget leaves.
 */
export function colocatedPerformance(
  setup: ServeSetup,
  opts: {
    batch: number;
    inputTokens: number;
    outputTokens: number;
    chunkTokens: number;
    cacheHitRate?: number;
  },
): ColocatedPerformance {
  const b = Math.max(1, opts.batch);
  const { inputTokens: input, outputTokens: output } = opts;
  const a = setup.acceptedPerStep;
  // each new prompt computes only what the cache misses (promptWork)
  const { computed, meanKeys } = promptWork(input, opts.cacheHitRate);
  const prefillTokens = (b * a * computed) / output;
  // the token budget is per scheduled batch: a pipeline keeps `stages` of them in flight in one step
  const budget = Math.max(1, opts.chunkTokens * setup.stages - b * setup.tokensPerDecodeStep);
  // prompt tokens come in lumps of one prompt's computed tokens up to the budget, or the mean a step needs when that
  // is more (several prompts a step; past the budget, as before, every step pays what refilling the batch takes:
  // review 18 found a batch of 16K-token prompts charged one budget a step while counted as refilled)
  const lump = Math.max(prefillTokens, Math.min(budget, computed));
  const lumpShare = lump > 0 ? Math.min(1, prefillTokens / lump) : 0;
  const kvTokens = b * (input + output / 2);
  const withLump = stepBreakdown(setup, {
    decodeSeqs: b,
    kvTokens,
    prefillTokens: lumpShare > 0 ? lump : 0,
    prefillKeys: lumpShare > 0 ? lump * meanKeys : 0,
  });
  const step =
    lumpShare >= 1
      ? withLump
      : mixSteps(
          withLump,
          stepBreakdown(setup, { decodeSeqs: b, kvTokens, prefillTokens: 0, prefillKeys: 0 }),
          lumpShare,
        );
  const stepS = step.totalS;
  const outputPerS = (b * setup.config.dpAttention * a) / stepS / setup.chipsPerInstance;
  // A new prompt waits half an average step, then runs in chunks of what the budget leaves after decode: each of
  // those steps carries the running batch's decode and one chunk of this prompt (Sarathi-Serve), so the prompt's
  // own prefill time is in its TTFT however small the steady-state share of prefill per step is.
  const chunks = Math.ceil(computed / budget);
  const chunk = computed / chunks;
  const chunkStepS = stepBreakdown(setup, {
    decodeSeqs: b,
    kvTokens: b * (input + output / 2),
    prefillTokens: chunk,
    prefillKeys: chunk * meanKeys,
  }).totalS;
  return {
    outputTokensPerSPerChip: outputPerS,
    requestsPerSPerChip: outputPerS / output,
    // a one-token answer has no time per output token (0 reads as none)
    tpotS: output > 1 ? stepS / a : 0,
    ttftS: 0.5 * stepS + chunks * chunkStepS,
    stepS,
    step,
  };
}

/**
 * The largest colocated batch a step budget of `chunkTokens` sustains: each step decodes `tokensPerDecodeStep` per
 * sequence and must prefill the B·a·(1 - hit)·I/O prompt tokens that keep the batch full (colocatedPerformance),
 * so B·(tokensPerDecodeStep + a·(1 - hit)·I/O) <= chunkTokens (vLLM's max_num_batched_tokens, SGLang's chunked
 * prefill size). A larger batch drains faster than it refills.
 */
export function colocatedBudgetBatch(
  setup: ServeSetup,
  opts: { inputTokens: number; outputTokens: number; chunkTokens: number; cacheHitRate?: number },
): number {
  const { computed } = promptWork(opts.inputTokens, opts.cacheHitRate);
  const perSeq = setup.tokensPerDecodeStep + (setup.acceptedPerStep * computed) / opts.outputTokens;
  // per scheduled batch: a pipeline keeps `stages` of them in flight (vLLM's virtual engines)
  return Math.max(1, Math.floor((opts.chunkTokens * setup.stages) / perSeq));
}

/** The mean of two steps' breakdowns, `share` of the first (a two-batch step counted as such when either is). */
function mixSteps(first: StepBreakdown, second: StepBreakdown, share: number): StepBreakdown {
  const mix = (x: number, y: number) => share * x + (1 - share) * y;
  return {
    denseS: mix(first.denseS, second.denseS),
    expertS: mix(first.expertS, second.expertS),
    attentionS: mix(first.attentionS, second.attentionS),
    kernelS: mix(first.kernelS, second.kernelS),
    commS: mix(first.commS, second.commS),
    microBatches: first.microBatches === 2 || second.microBatches === 2 ? 2 : 1,
    overheadS: mix(first.overheadS, second.overheadS),
    totalS: mix(first.totalS, second.totalS),
  };
}
