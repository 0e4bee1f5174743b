import type { ModelArch } from "./model-arch.ts";

/**
 * Sum over the model's layers of the tokens each layer holds in its KV cache, and scores for a query, at a context of
 * `tokens`: a full-attention layer all of them, a sliding-window layer at most its window. FLOPs (flops.ts) and the
 * KV cache (memory-per-token.ts) both go through this one count, so they agree on which layers are windowed (Gemma-2:
 * 21 local layers of 42 capped at 4096, the 21 global ones growing with the context).
 */
export function windowedLayerTokens(arch: ModelArch, tokens: number): number {
  const sliding = Math.min(arch.slidingWindowLayers, arch.numLayers);
  const windowed = arch.slidingWindow === null ? tokens : Math.min(tokens, arch.slidingWindow);
  return (arch.numLayers - sliding) * tokens + sliding * windowed;
}
