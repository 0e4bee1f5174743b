// Bytes per element of the routed copies' intermediate activations: BF16 (assumption: engines keep the
// gate-up and down outputs in the activation dtype; FP8 paths quantise only the down GEMM's input, which this
// leaves at BF16, an upper bound on that one term).
const ACTIVATION_BYTES = 2;

/**
 * HBM bytes one rank moves for one routed (token, expert) copy in one MoE layer, beside the expert weights its
 * GEMMs read. A routed MoE layer materialises per copy: the gate-up output (written by the first GEMM, read by
 * the activation), the activation output (written, then read by the down GEMM), and the down output (written,
 * then read by the weighted sum over the top-k); and it gathers the copy's input row. vLLM's fused MoE lays these
 * out as intermediate_cache1 (M, top-k, 2N), intermediate_cache2 (M x top-k, N) and intermediate_cache3
 * (M, top-k, K) before moe_sum (vllm/model_executor/layers/fused_moe/fused_moe.py, fused_experts_impl);
 * DeepEP-based paths hold the same buffers per received copy. The expert width N is split over the experts'
 * tensor-parallel ranks (moeTp = ranks / EP); the hidden width K is not: each rank writes a full-width partial
 * down output, summed later by the all-reduce.
 *
 * Per copy: 2 x (intermediate outputs of the expert's matrices: expertLinear / hidden) / moeTp elements written and
 * read, 2 x hidden for the down output, 1 x hidden for the gathered input.
 * @param hiddenSize model width K
 * @param expertLinear one expert's weight count (matrices x hidden x expert width)
 * @param moeTp ranks one expert is split over (1 under full expert parallelism)
 */
export function expertActivationBytesPerCopy(
  hiddenSize: number,
  expertLinear: number,
  moeTp: number,
): number {
  const intermediate = expertLinear / hiddenSize / moeTp;
  return ACTIVATION_BYTES * (2 * intermediate + 3 * hiddenSize);
}
