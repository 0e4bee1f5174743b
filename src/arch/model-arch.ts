/**
 * The canonical architecture fleetcast reasons about, whatever the Hugging Face family it came from.
 * Field meanings follow transformers' PretrainedConfig names, mapped as Megatron-Bridge's CONFIG_MAPPING does
 * (NVIDIA-NeMo/Megatron-Bridge src/megatron/bridge/models/conversion/model_bridge.py).
 */

/** Gated MLPs (SwiGLU-style) have three matrices of the intermediate width; plain ones have two. */
export type MlpKind = "gated" | "plain";

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
  maxPositionEmbeddings: number | null;
  /** Rows of a learned absolute position embedding (GPT-2, OPT), 0 for RoPE/ALiBi models. */
  learnedPositions: number;
}
