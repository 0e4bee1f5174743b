/**
 * How an engine hides its TP/EP communication behind compute:
 * - `none`: every collective waits for the compute before it;
 * - `single-batch`: inside one batch, dispatch overlaps the shared expert and combine overlaps the down GEMM
 *   (SGLang single-batch overlap, sgl-project/DeepGEMM PR 14 and sglang PR 9660, built for H20 where two-batch
 *   overlap "is suboptimal ... on low-compute-power cards"), so up to the routed-expert compute is hidden;
 * - `two-batch`: the batch is split in two micro-batches whose compute and communication interleave (DeepSeek
 *   Day 6 "dual micro-batch overlap", SGLang TBO), at the price of reading the weights and launching the kernels
 *   twice, when that is faster than not splitting (SGLang skips TBO for batches too small to gain from it).
 * The default (`defaultOverlapMode`) is `two-batch` for a MoE layout with EP > 1 beside attention DP > 1, `none`
 * otherwise.
 */
export type OverlapMode = "none" | "single-batch" | "two-batch";

/**
 * The overlap an engine runs unless told otherwise: two micro-batches only where there is expert-parallel
 * all-to-all to hide beside data-parallel attention (a MoE model with EP > 1 and DP attention > 1). vLLM's Dual
 * Batch Overlap exists "to overlap the sparse all-to-all communication in the MoE layer with the surrounding
 * computation" and "currently only targets DP+EP deployments" (docs.vllm.ai/en/stable/design/dbo); SGLang's
 * two-batch overlap and DeepSeek's dual micro-batch overlap (Day 6 inference system overview) are likewise built
 * around the EP dispatch and combine of DP-attention deployments. No engine splits a dense model's batch to hide its
 * tensor-parallel all-reduces: `none` (a review of stop 17 found the planner's old default, two-batch everywhere,
 * hiding a dense Llama 3.1 70B's TP8 all-reduces: +35 % throughput).
 */
export function defaultOverlapMode(moe: boolean, ep: number, dpAttention = 1): OverlapMode {
  return moe && ep > 1 && dpAttention > 1 ? "two-batch" : "none";
}

// Phrases of engine descriptions (cases' `software` and `notes`). Single-batch patterns come first: a text may
// name two-batch overlap only to say it was not used ("instead of two-batch overlap").
const SINGLE_BATCH = [/single[- ]batch overlap/i, /\bSBO\b/, /combine\/down[- ]GEMM overlap/i];
const TWO_BATCH = [/two[- ]batch overlap/i, /\bTBO\b/, /dual micro[- ]batch/i, /micro[- ]batch overlap/i];

/** The overlap mode a free-text engine description states, null when it states none. */
export function overlapModeFromText(text: string): OverlapMode | null {
  if (SINGLE_BATCH.some((p) => p.test(text))) return "single-batch";
  if (TWO_BATCH.some((p) => p.test(text))) return "two-batch";
  return null;
}
