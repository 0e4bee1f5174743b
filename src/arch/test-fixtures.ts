/**
 * Hugging Face config.json fields of models the tests read in more than one place (no built-in catalog entry).
 * Qwen/Qwen3-Next-80B-A3B-Instruct config.json; its model card: 80B total, 3B activated, 48 layers as
 * 12 x (3 Gated DeltaNet + 1 gated attention).
 */
export const QWEN3_NEXT_80B_CONFIG = {
  model_type: "qwen3_next",
  hidden_size: 2048,
  num_hidden_layers: 48,
  vocab_size: 151936,
  head_dim: 256,
  num_attention_heads: 16,
  num_key_value_heads: 2,
  num_experts: 512,
  num_experts_per_tok: 10,
  moe_intermediate_size: 512,
  shared_expert_intermediate_size: 512,
  intermediate_size: 5120,
  linear_num_key_heads: 16,
  linear_key_head_dim: 128,
  linear_num_value_heads: 32,
  linear_value_head_dim: 128,
  linear_conv_kernel_dim: 4,
  full_attention_interval: 4,
  tie_word_embeddings: false,
  hidden_act: "silu",
} as const;

/**
 * DeepSeek-V3.2-Exp's config.json fields (Hugging Face deepseek-ai/DeepSeek-V3.2-Exp): DeepSeek-V3's shape with
 * DeepSeek Sparse Attention, a lightning indexer of 64 heads x 128 selecting the top 2,048 keys.
 */
export const DEEPSEEK_V32_CONFIG = {
  model_type: "deepseek_v32",
  hidden_size: 7168,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  num_hidden_layers: 61,
  num_attention_heads: 128,
  num_key_value_heads: 128,
  n_routed_experts: 256,
  n_shared_experts: 1,
  num_experts_per_tok: 8,
  first_k_dense_replace: 3,
  moe_layer_freq: 1,
  q_lora_rank: 1536,
  kv_lora_rank: 512,
  qk_nope_head_dim: 128,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  num_nextn_predict_layers: 1,
  vocab_size: 129280,
  tie_word_embeddings: false,
  index_n_heads: 64,
  index_head_dim: 128,
  index_topk: 2048,
} as const;
