/**
 * The few numbers that say how mature a software stack is on a chip family, for training: what fraction of the
 * hardware's peak its kernels reach and how much communication it hides. Starting values come from the stack
 * catalog (research/hardware.md §5–6); `calibrate` fits them on published runs (cases/train.json).
 */
export interface TrainEfficiency {
  /** Achieved fraction of the dense peak on the model's large GEMMs, BF16/FP16 (H100 cuBLAS 0.80, hardware.md §5.1). */
  matmulFraction: number;
  /** Same for FP8 GEMMs (H100 cuBLAS 0.71, DeepGEMM ~0.78 on H800, hardware.md §5.1). */
  matmulFractionFp8: number;
  /** Achieved fraction of the BF16 peak in fused (flash) attention, forward and backward. */
  attentionFraction: number;
  /** Achieved fraction of HBM bandwidth by the memory-bound element-wise kernels (norms, activations, RoPE, adds). */
  elementwiseHbmFraction: number;
  /** Share of data-parallel communication (gradient reduce, parameter gather) hidden behind compute. */
  overlapFraction: number;
  /**
   * Share of tensor-parallel communication hidden behind GEMMs. Megatron's TP all-reduces sit on the critical path
   * unless `--tp-comm-overlap` (Transformer Engine userbuffers, Hopper+) is on (Megatron-LM arguments.py; NeMo
   * performance guide), so 0 is the default.
   */
  tpOverlapFraction: number;
  /** Share of MoE all-to-all hidden behind compute (DualPipe overlaps it fully: DeepSeek-V3 §3.2.1). */
  epOverlapFraction: number;
  /** Fixed time per step outside the model (data loading, logging, launch gaps), seconds. */
  stepOverheadS: number;
  /** Tokens on the busiest expert over the mean (1 = perfectly balanced routing). */
  moeImbalance: number;
  /**
   * Fixed cost of one kernel (launch, synchronisation, tail of a wave), microseconds. It is what makes small
   * layers and MoE layers (many small kernels: router, top-k, permute, grouped GEMMs) slower than their FLOPs say.
   */
  kernelOverheadUs: number;
}

/**
 * Kernels per layer per micro-batch, forward + backward (about 1 : 2): a dense transformer layer runs ~20 kernels
 * forward (2 norms, QKV/out/up/down GEMMs, RoPE, flash attention, activation, residual adds, TP collectives) and
 * ~40 backward; an MoE layer adds router, top-k, permute/unpermute, dispatch/combine and grouped GEMMs (~20 forward,
 * ~40 backward). Counts read off Megatron-Core's TransformerLayer and MoELayer forward paths (an estimate).
 */
export const KERNELS_PER_DENSE_LAYER = 60;
export const KERNELS_PER_MOE_LAYER = 120;

/**
 * Priors used where neither a stack nor a calibration says more. Sources: matmul 0.80 = H100 cuBLAS BF16 MAMF
 * (hardware.md §5.1); FP8 0.71 = H100 cuBLAS FP8 MAMF (same table); attention 0.55 = FlashAttention-2 reaching
 * 50–73 % of A100 peak forward and lower backward (Dao 2023, §4.1) and FlashAttention-3 ~600 of 989 TFLOP/s BF16 on
 * H100 (Shah et al. 2024, Fig. 5) — an assumption between them; element-wise 0.7 of HBM bandwidth and overlap 0.8
 * and 1.1 MoE imbalance are assumptions (flagged in reports), to be fitted.
 */
export const DEFAULT_TRAIN_EFFICIENCY: TrainEfficiency = {
  matmulFraction: 0.8,
  matmulFractionFp8: 0.71,
  attentionFraction: 0.55,
  elementwiseHbmFraction: 0.7,
  overlapFraction: 0.8,
  tpOverlapFraction: 0,
  epOverlapFraction: 0,
  stepOverheadS: 0,
  moeImbalance: 1.1,
  // CUDA kernel launch latency is ~3-5 us (NVIDIA CUDA C++ Best Practices Guide, "Kernel launch overhead");
  // an assumption until calibrated.
  kernelOverheadUs: 4,
};
