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
