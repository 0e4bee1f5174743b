import type { ModelArch } from "./model-arch.ts";

/**
 * Sum over the model's layers of the tokens each layer holds in its KV cache, and scores for a query, at a context of
 * `tokens`: a full-attention layer all of them, a sliding-window layer at most its window, a linear-attention layer
 * none. FLOPs (flops.ts) and the
 * KV cache (memory-per-token.ts) both go through this one count, so they agree on which layers are windowed (Gemma-2:
 * 21 local layers of 42 capped at 4096, the 21 global ones growing with the context).
 */
export function windowedLayerTokens(arch: ModelArch, tokens: number): number {
  const linear = Math.min(arch.linearAttention?.layers ?? 0, arch.numLayers);
  const sliding = Math.min(arch.slidingWindowLayers, arch.numLayers - linear);
  const windowed = arch.slidingWindow === null ? tokens : Math.min(tokens, arch.slidingWindow);
  // linear-attention layers keep no KV cache and score no keys (their state: linearStateTokens)
  return (arch.numLayers - linear - sliding) * tokens + sliding * windowed;
}

/**
 * A linear-attention model's recurrent state per sequence, as the KV tokens of the same bytes in full-layer
 * equivalents (windowedLayerTokens / layers), for a KV cache of `kvBytesPerElement`: the state (value heads x key dim
 * x value dim per layer) and the convolution's last kernel-1 inputs, over one full-attention layer's K and V per
 * token summed over all layers. 0 without such layers or without full-attention KV to compare with.
 */
export function linearStateTokens(arch: ModelArch, kvBytesPerElement = 2): number {
  const stateBytes = linearStateBytes(arch);
  if (stateBytes === 0) return 0;
  const kvPerLayerToken = kvElementsPerLayerToken(arch) * kvBytesPerElement;
  return kvPerLayerToken > 0 ? stateBytes / (kvPerLayerToken * arch.numLayers) : 0;
}

/**
 * Bytes of a hybrid model's linear-attention state per sequence over all its linear layers: the recurrent state
 * (value heads x key dim x value dim) and the convolution's last kernel - 1 inputs of its 2 nk dk + nv dv channels
 * (transformers modeling_qwen3_next.py Qwen3NextDynamicCache), the conv state at 16 bits. 0 without such layers.
 */
export function linearStateBytes(arch: Pick<ModelArch, "linearAttention">): number {
  const lin = arch.linearAttention;
  if (!lin || lin.layers <= 0) return 0;
  return (
    lin.layers *
    (lin.valueHeads * lin.keyHeadDim * lin.valueHeadDim * lin.stateBytesPerElement +
      (2 * lin.keyHeads * lin.keyHeadDim + lin.valueHeads * lin.valueHeadDim) * (lin.convKernel - 1) * 2)
  );
}

/**
 * Keys the main attention scores per query summed over layers at a context of `tokens`: the tokens each layer holds
 * (windowedLayerTokens), except under DeepSeek Sparse Attention, where every layer scores at most the `topK` keys its
 * indexer selects (the indexer's own scoring of every token: `indexerKeyShare`, flops.ts).
 */
export function scoredLayerKeys(arch: ModelArch, tokens: number): number {
  const dsa = arch.sparseAttention;
  if (!dsa) return windowedLayerTokens(arch, tokens);
  return Math.min(windowedLayerTokens(arch, tokens), arch.numLayers * Math.min(tokens, dsa.topK));
}

/**
 * DeepSeek Sparse Attention's indexer key per cached token and layer (`index_head_dim` FP8 elements and a 4-byte
 * scale: deepseek-ai/DeepSeek-V3.2-Exp inference/model.py Indexer, its fp8 k cache) over the main KV cache's bytes
 * per token and layer at `kvBytesPerElement`; 0 without sparse attention.
 */
export function indexerKeyShare(arch: ModelArch, kvBytesPerElement = 2): number {
  const kvPerLayerToken = kvElementsPerLayerToken(arch) * kvBytesPerElement;
  return kvPerLayerToken > 0 ? indexerKeyBytes(arch) / kvPerLayerToken : 0;
}

/** Bytes of DeepSeek Sparse Attention's indexer key per token and layer: its FP8 elements and a 4-byte scale; 0 without. */
export function indexerKeyBytes(arch: ModelArch): number {
  return arch.sparseAttention ? arch.sparseAttention.indexerHeadDim + 4 : 0;
}

/**
 * KV-cache elements one token adds to one attention layer: K and V heads (2 x n_kv x head_dim), or MLA's compressed
 * latent and decoupled RoPE key (kv_lora_rank + qk_rope_head_dim: DeepSeek-V2 §2.1.2; 576 for V3).
 */
export function kvElementsPerLayerToken(arch: ModelArch): number {
  return arch.mla ? arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : 2 * arch.numKvHeads * arch.headDim;
}
