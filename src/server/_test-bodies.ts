// Small valid request bodies per POST route (tests, the fuzz test and bench/api.ts). Each answers in well under a
// second on one core: an 8B model on one 8-chip node with fixed degrees, a few hundred Monte Carlo replicas.

/** Llama 2 7B's config.json (Hugging Face meta-llama/Llama-2-7b-hf), the fields the importer reads. */
export const LLAMA_2_7B_CONFIG = {
  architectures: ["LlamaForCausalLM"],
  model_type: "llama",
  hidden_size: 4096,
  intermediate_size: 11008,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 32,
  vocab_size: 32000,
  max_position_embeddings: 4096,
  tie_word_embeddings: false,
};

/** A Llama 3 405B training case of data/cases/train.json (Llama 3 paper, arXiv 2407.21783, Table 4). */
export const LLAMA_405B_CASE = {
  id: "llama3-405b-8k-8192gpu",
  kind: "train",
  source: {
    citation: "The Llama 3 Herd of Models (Meta, arXiv 2407.21783)",
    locator: "Table 4",
    url: "https://arxiv.org/abs/2407.21783",
    trust: "high",
  },
  model: {
    name: "Llama 3 405B",
    model_type: "llama",
    hidden_size: 16384,
    intermediate_size: 53248,
    num_hidden_layers: 126,
    num_attention_heads: 128,
    num_key_value_heads: 8,
    vocab_size: 128256,
    max_position_embeddings: 131072,
    tie_word_embeddings: false,
  },
  hardware: { chip: "nvidia-h100-sxm", count: 8192, chips_per_node: 8, scaleout_gbps_per_chip: 400 },
  train: {
    seq_len: 8192,
    global_batch_tokens: 16777216,
    precision: "bf16",
    parallelism: { tp: 8, pp: 16, dp: 64, cp: 1, zero: 2, recompute: "none" },
  },
  observed: { tokens_per_s_per_chip: 163.8, model_tflops_per_chip: 430, mfu: 0.43 },
};

/** A small two-vendor scenario (64 H100, 64 Ascend 910B2) training and serving Llama 3.1 8B; fast to compare. */
export const SMALL_SCENARIO = {
  name: "small",
  pools: [
    { name: "h100", chip: "nvidia-h100-sxm", count: 64 },
    { name: "ascend", chip: "huawei-ascend-910b2", count: 64 },
  ],
  training: {
    model: "llama-3.1-8b",
    tokens: 1e11,
    seq_len: 4096,
    global_batch_tokens: 4_194_304,
    precision: "bf16",
    deadline_days: 30,
  },
  serving: {
    model: "llama-3.1-8b",
    input_tokens: 1000,
    output_tokens: 200,
    requests_per_s: 10,
    ttft_ms: 2000,
    tpot_ms: 50,
  },
  replicas: 20,
};

/** One valid body per POST path, each small. */
export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  "/api/models/import": { config: LLAMA_2_7B_CONFIG, name: "Llama 2 7B" },
  "/api/train/plan": {
    model: "llama-3.1-8b",
    chip: "nvidia-h100-sxm",
    count: 8,
    seq_len: 4096,
    global_batch_tokens: 4_194_304,
    constraints: { tp: 1, pp: 1, cp: 1 },
  },
  "/api/reliability": { chip: "nvidia-h100-sxm", chip_count: 1024, train_days: 10, replicas: 200, seed: 7 },
  "/api/reliability/optimize": { mtbf_h: 24, checkpoint_blocking_s: 300, restart_min: 10, replicas: 50 },
  "/api/validate": { cases: [LLAMA_405B_CASE] },
  "/api/serve/plan": {
    model: "llama-3.1-8b",
    chip: "nvidia-h100-sxm",
    input_tokens: 1000,
    output_tokens: 200,
    tpot_ms: 50,
    demand: { requests_per_s: 10 },
  },
  "/api/serve/simulate": {
    model: "llama-3.1-8b",
    chip: "nvidia-h100-sxm",
    workload: { arrivals: "poisson", rate_per_s: 5, requests: 300, input_tokens: 1000, output_tokens: 200 },
  },
  "/api/fleet/compare": { scenario: SMALL_SCENARIO, break_even: false },
  "/api/export/megatron": {
    model: "llama-3.1-8b",
    chip: "nvidia-h100-sxm",
    count: 8,
    seq_len: 4096,
    global_batch_tokens: 4_194_304,
    plan: { tp: 2, pp: 1, dp: 4 },
  },
  "/api/export/mindspeed": {
    model: "llama-3.1-8b",
    chip: "huawei-ascend-910b2",
    count: 8,
    seq_len: 4096,
    global_batch_tokens: 4_194_304,
    plan: { tp: 2, pp: 1, dp: 4 },
  },
  "/api/export/vllm": {
    model: "llama-3.1-8b",
    hf_name: "meta-llama/Llama-3.1-8B-Instruct",
    chip: "nvidia-h100-sxm",
    tp: 1,
    max_model_len: 8192,
  },
  "/api/export/vllm-ascend": {
    model: "llama-3.1-8b",
    hf_name: "meta-llama/Llama-3.1-8B-Instruct",
    chip: "huawei-ascend-910b2",
    tp: 2,
    max_model_len: 8192,
  },
};
