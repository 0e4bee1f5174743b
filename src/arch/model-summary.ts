import { flopsPerToken } from "./flops.ts";
import {
  BYTES_PER_PARAM,
  kvCacheBytes,
  kvCacheBytesPerToken,
  type WeightPrecision,
} from "./memory-per-token.ts";
import type { ModelArch } from "./model-arch.ts";
import { paramCounts } from "./param-counts.ts";

/** Sequence lengths at which a model summary reports FLOPs per token. */
export const SUMMARY_SEQ_LENS = [4096, 8192, 32768] as const;

/** Everything `models show` reports about a model, as plain snake_case data. */
export interface ModelSummary {
  name: string;
  model_type: string;
  kind: "dense" | "moe";
  attention: "mha" | "gqa" | "mqa" | "mla";
  params_total: number;
  params_active: number;
  params_mtp: number;
  params_embedding: number;
  /** Output head (0 when tied to the input embedding, counted there). */
  params_head: number;
  params_active_matmul: number;
  architecture: {
    hidden_size: number;
    num_layers: number;
    num_heads: number;
    num_kv_heads: number;
    head_dim: number;
    intermediate_size: number;
    vocab_size: number;
    tie_word_embeddings: boolean;
    mlp: string;
    experts: number | null;
    experts_per_token: number | null;
    expert_intermediate_size: number | null;
    moe_layers: number | null;
    mtp_layers: number;
    sliding_window: number | null;
    sliding_window_layers: number;
    /** Linear-attention layers of a hybrid model (no KV cache), 0 when none. */
    linear_attention_layers: number;
  };
  /** Training FLOPs per token (3 x forward, no causal halving) at several sequence lengths. */
  training_flops_per_token: { seq_len: number; flops: number; attention_share: number }[];
  /** KV-cache bytes one token adds to every layer: what each token costs until a sliding window fills. */
  kv_cache_bytes_per_token: { bf16: number; fp8: number };
  /**
   * Mean KV-cache bytes per token of one sequence of `seq_len` tokens, sliding-window layers capped at their window:
   * the same layers, at the same lengths, that `training_flops_per_token` caps (equal to the figure above without a
   * window).
   */
  kv_cache_bytes_per_token_at_seq: { seq_len: number; bf16: number; fp8: number }[];
  weight_bytes: Record<WeightPrecision, number>;
}

function attentionKind(arch: ModelArch): ModelSummary["attention"] {
  if (arch.mla) return "mla";
  if (arch.numKvHeads === arch.numHeads) return "mha";
  return arch.numKvHeads === 1 ? "mqa" : "gqa";
}

/**
 * What a model is made of, as `fleetcast models show` prints it: parameters (total, active, embedding, head, MTP),
 * attention kind, layer shapes, training FLOPs and KV-cache bytes per token at several sequence lengths
 * (SUMMARY_SEQ_LENS), and weight bytes per precision.
 */
export function summarizeModel(arch: ModelArch): ModelSummary {
  const p = paramCounts(arch);
  const weight = Object.fromEntries(
    (Object.keys(BYTES_PER_PARAM) as WeightPrecision[]).map((k) => [k, p.total * BYTES_PER_PARAM[k]]),
  ) as Record<WeightPrecision, number>;
  return {
    name: arch.name,
    model_type: arch.modelType,
    kind: arch.moe ? "moe" : "dense",
    attention: attentionKind(arch),
    params_total: p.total,
    params_active: p.active,
    params_mtp: p.mtp,
    params_embedding: p.embedding,
    params_head: p.head,
    params_active_matmul: p.activeMatmul,
    architecture: {
      hidden_size: arch.hiddenSize,
      num_layers: arch.numLayers,
      num_heads: arch.numHeads,
      num_kv_heads: arch.numKvHeads,
      head_dim: arch.headDim,
      intermediate_size: arch.intermediateSize,
      vocab_size: arch.vocabSize,
      tie_word_embeddings: arch.tieEmbeddings,
      mlp: arch.mlp,
      experts: arch.moe?.numExperts ?? null,
      experts_per_token: arch.moe?.topK ?? null,
      expert_intermediate_size: arch.moe?.expertIntermediateSize ?? null,
      moe_layers: arch.moe?.moeLayerCount ?? null,
      mtp_layers: arch.mtpLayers,
      sliding_window: arch.slidingWindow,
      sliding_window_layers: arch.slidingWindowLayers,
      linear_attention_layers: arch.linearAttention?.layers ?? 0,
    },
    training_flops_per_token: SUMMARY_SEQ_LENS.map((s) => {
      const f = flopsPerToken(arch, s);
      return { seq_len: s, flops: f.training, attention_share: f.attentionFwd / f.forward };
    }),
    kv_cache_bytes_per_token: { bf16: kvCacheBytesPerToken(arch, 2), fp8: kvCacheBytesPerToken(arch, 1) },
    kv_cache_bytes_per_token_at_seq: SUMMARY_SEQ_LENS.map((s) => ({
      seq_len: s,
      bf16: kvCacheBytes(arch, s, 2) / s,
      fp8: kvCacheBytes(arch, s, 1) / s,
    })),
    weight_bytes: weight,
  };
}
