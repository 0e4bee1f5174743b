import type { ModelArch } from "./model-arch.ts";
import { paramCounts } from "./param-counts.ts";
import { indexerKeyShare, kvElementsPerLayerToken, windowedLayerTokens } from "./windowed-layers.ts";

export type WeightPrecision = "fp32" | "bf16" | "fp16" | "fp8" | "int8" | "fp4";

/** Bytes per stored weight: IEEE/OCP widths (FP8 E4M3 and INT8 one byte; FP4/MXFP4 half a byte, scales ignored). */
export const BYTES_PER_PARAM: Readonly<Record<WeightPrecision, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  fp4: 0.5,
};

/** Weight bytes of the main model (MTP modules excluded) at a precision. */
export function weightBytes(arch: ModelArch, precision: WeightPrecision): number {
  return paramCounts(arch).total * BYTES_PER_PARAM[precision];
}

/**
 * KV-cache bytes one token adds across all layers, at `bytesPerElement` (2 for BF16, 1 for FP8/INT8 caches).
 * Standard attention stores K and V: 2 · n_kv · head_dim per layer. MLA engines (vLLM, SGLang, DeepSeek's own)
 * store the compressed latent plus the decoupled RoPE key: kv_lora_rank + qk_rope_head_dim per layer
 * (DeepSeek-V2 §2.1.2; 512 + 64 = 576 elements for V3). Sliding-window layers are counted like full ones here: their
 * cache stops growing at the window, which `kvCacheBytes` takes into account.
 */
export function kvCacheBytesPerToken(arch: ModelArch, bytesPerElement: number): number {
  // linear-attention layers of a hybrid model keep no KV cache (their fixed state: windowed-layers.ts)
  const layers = arch.numLayers - (arch.linearAttention?.layers ?? 0);
  return layers * kvBytesPerLayerToken(arch, bytesPerElement) * (1 + indexerKeyShare(arch, bytesPerElement));
}

/**
 * KV-cache bytes of one sequence of `tokens` tokens, sliding-window layers capped at their window, DeepSeek Sparse
 * Attention's indexer keys included.
 */
export function kvCacheBytes(arch: ModelArch, tokens: number, bytesPerElement: number): number {
  return (
    kvBytesPerLayerToken(arch, bytesPerElement) *
    windowedLayerTokens(arch, tokens) *
    (1 + indexerKeyShare(arch, bytesPerElement))
  );
}

function kvBytesPerLayerToken(arch: ModelArch, bytesPerElement: number): number {
  return kvElementsPerLayerToken(arch) * bytesPerElement;
}
