import { layerInventory } from "./layer-inventory.ts";
import type { ModelArch } from "./model-arch.ts";
import { scoredLayerKeys, windowedLayerTokens } from "./windowed-layers.ts";

export interface FlopsPerToken {
  /** Forward matmul FLOPs per token: 2 x the linear weights a token goes through (head included). */
  matmulFwd: number;
  /** Forward attention-score FLOPs per token (QK^T and AV) at the given sequence length. */
  attentionFwd: number;
  /** Forward total. */
  forward: number;
  /** Training (forward + backward = 3 x forward), without recomputation: the "model FLOPs" of MFU. */
  training: number;
}

export interface FlopsOptions {
  /**
   * Halve the attention-score FLOPs for causal masking. Default false: the convention of Megatron-LM's
   * num_floating_point_operations and of PaLM's MFU (Chowdhery et al. 2022, App. B), which count the full
   * s x s score matrix.
   */
  causal?: boolean;
}

/**
 * FLOPs per token. Matmuls: 2 FLOPs per multiply-add per weight (Kaplan et al. 2020 §2.1). Attention scores: per
 * layer and token, QK^T costs 2·s·nh·d_qk and AV 2·s·nh·d_v, so forward 2·s·Σ(d_qk + d_v) — for standard attention
 * 4·s·h, which gives Megatron's 12·s·h per layer for training (Narayanan et al. 2021, SC21, eq. 3). Layers with a
 * sliding window attend to min(s, window) keys.
 */
export function flopsPerToken(arch: ModelArch, seqLen: number, options: FlopsOptions = {}): FlopsPerToken {
  const inv = layerInventory(arch);
  const layers = inv.denseLayers + inv.moeLayers;
  const matmulWeights =
    layers * inv.attentionLinear +
    inv.denseLayers * inv.denseMlpLinear +
    inv.moeLayers * (inv.sharedLinear + inv.routerLinear + inv.topK * inv.expertLinear) +
    arch.vocabSize * arch.hiddenSize;
  const matmulFwd = 2 * matmulWeights;

  // Keys scored per query, summed over layers: sliding-window layers capped at the window, DeepSeek Sparse
  // Attention at its top-k (windowed-layers.ts).
  const keysSum = scoredLayerKeys(arch, seqLen);
  const causalFactor = options.causal ? 0.5 : 1;
  // DSA's indexer scores every key: 2 FLOPs x heads x head width per (query, key) pair and layer (QK only)
  const dsa = arch.sparseAttention;
  const indexerFwd = dsa
    ? 2 * windowedLayerTokens(arch, seqLen) * dsa.indexerHeads * dsa.indexerHeadDim * causalFactor
    : 0;
  // linear-attention layers: their recurrence per token instead of scores (layer-inventory.ts)
  const attentionFwd =
    2 * keysSum * inv.attentionScoreDim * causalFactor +
    indexerFwd +
    inv.linearAttentionLayers * inv.linearRecurrentFlops;

  const forward = matmulFwd + attentionFwd;
  return { matmulFwd, attentionFwd, forward, training: 3 * forward };
}
