/**
 * The canonical architecture fleetcast reasons about, whatever the Hugging Face family it came from.
 * Field meanings follow transformers' PretrainedConfig names, mapped as Megatron-Bridge's CONFIG_MAPPING does
 * (NVIDIA-NeMo/Megatron-Bridge src/megatron/bridge/models/conversion/model_bridge.py).
 */

/** Gated MLPs (SwiGLU-style) have three matrices of the intermediate width; plain ones have two. */
export type MlpKind = "gated" | "plain";

/**
 * Linear-attention layers of a hybrid model (Gated DeltaNet: Qwen3-Next, Qwen3.5; Yang et al. 2024, arXiv:2412.06464):
 * no KV cache and no score matrix, a fixed recurrent state per sequence instead (value heads x key dim x value dim,
 * and a short causal convolution's last `convKernel - 1` inputs).
 */
export interface LinearAttentionShape {
  layers: number;
  keyHeads: number;
  keyHeadDim: number;
  valueHeads: number;
  valueHeadDim: number;
  convKernel: number;
  /** Bytes per element of the recurrent state (Qwen3-Next keeps it in float32: `mamba_ssm_dtype`). */
  stateBytesPerElement: number;
}

/**
 * DeepSeek Sparse Attention (DeepSeek-V3.2-Exp, deepseek-ai/DeepSeek-V3.2-Exp README and config.json `index_*`): a
 * lightning indexer of `indexerHeads` x `indexerHeadDim` scores every cached token, and the main (MLA) attention
 * attends only to the `topK` it selects; every token stays in the KV cache, with the indexer's key beside it.
 */
export interface SparseAttentionShape {
  topK: number;
  indexerHeads: number;
  indexerHeadDim: number;
}

export interface MlaShape {
  /** Rank of the query down-projection; null when queries are projected directly (DeepSeek-V2-Lite). */
  qLoraRank: number | null;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface MoeShape {
  /** Routed experts per MoE layer. */
  numExperts: number;
  /** Routed experts each token visits. */
  topK: number;
  /** Width of one routed expert's MLP. */
  expertIntermediateSize: number;
  /** Total width of the always-on shared expert(s) per MoE layer, 0 when none. */
  sharedIntermediateSize: number;
  /** Qwen2-MoE gates its shared expert with one extra hidden→1 projection. */
  sharedExpertGate: boolean;
  /** How many of the main layers are MoE; the others use the dense MLP of `intermediateSize`. */
  moeLayerCount: number;
}

export interface ModelArch {
  /** Human name (catalog name, the config's `name`, or the file name). */
  name: string;
  /** The config's `model_type`, lower-cased; "unknown" when absent. */
  modelType: string;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  /** Per-head dimension of queries/keys/values for standard attention. */
  headDim: number;
  /** Dense MLP width (for MoE models: the width of the dense layers, if any). */
  intermediateSize: number;
  vocabSize: number;
  tieEmbeddings: boolean;
  mlp: MlpKind;
  /** Linear layers carry biases (GPT-2, BLOOM, OPT, GPT-NeoX, Falcon-style, Qwen2 QKV, gpt-oss attention). */
  attentionBias: boolean;
  mlpBias: boolean;
  /** LayerNorm (weight + bias) or RMSNorm (weight only). */
  norm: "layernorm" | "rmsnorm";
  mla: MlaShape | null;
  moe: MoeShape | null;
  /** Multi-token-prediction modules (DeepSeek-V3 `num_nextn_predict_layers`), counted apart from the main model. */
  mtpLayers: number;
  /** Layers whose attention is limited to a sliding window, and the window in tokens (gpt-oss, Mistral 7B). */
  slidingWindowLayers: number;
  slidingWindow: number | null;
  /** Linear-attention layers of a hybrid model (the others full attention); absent or null when none. */
  linearAttention?: LinearAttentionShape | null;
  /** Full-attention layers gate their output with a second query-sized projection (Qwen3-Next `attn_output_gate`). */
  attentionOutputGate?: boolean;
  /** DeepSeek Sparse Attention on every layer (DeepSeek-V3.2); absent or null when attention is dense. */
  sparseAttention?: SparseAttentionShape | null;
  maxPositionEmbeddings: number | null;
  /** Rows of a learned absolute position embedding (GPT-2, OPT), 0 for RoPE/ALiBi models. */
  learnedPositions: number;
  /**
   * The checkpoint's own quantisation as its config.json declares it (`quantization_config.quant_method`,
   * lower-cased: "mxfp4" for gpt-oss, "fp8" for DeepSeek-V3); absent or null when none is declared.
   */
  checkpointQuant?: string | null;
}
