import { FleetcastError } from "../errors.ts";
import type { LinearAttentionShape, MlaShape, ModelArch, MoeShape } from "./model-arch.ts";
import { linearStateBytes } from "./windowed-layers.ts";

/**
 * Reads any Hugging Face `config.json` (pasted as it is) into the canonical ModelArch.
 *
 * Field aliases follow the fallback chains of public tools: GPT-2 `n_embd`/`n_layer`/`n_head`/`n_inner`/`n_positions`,
 * MPT `d_model`/`n_layers`/`n_heads`, ChatGLM `num_layers`/`ffn_hidden_size`/`multi_query_group_num`/
 * `padded_vocab_size`, Falcon `n_head_kv`/`num_kv_heads`/`multi_query`, OPT `ffn_dim`
 * (cli99/llm-analysis llm_analysis/analysis.py; hahnyuan/LLM-Viewer configs/*.py). Multimodal and wrapped configs nest
 * the language model under `text_config` (also `llm_config`, `thinker_config`: Megatron-Bridge model_bridge.py).
 */

/** Families whose MLP is gated (three matrices): cases/FORMAT.md "`model`: Hugging Face config.json fields". */
const GATED_DENSE = new Set([
  "llama",
  "mistral",
  "qwen2",
  "qwen3",
  "gemma",
  "gemma2",
  "gemma3_text",
  "phi3",
  "internlm2",
  "qwen3_5",
  "qwen3_5_text",
]);
/** Families with plain two-matrix MLPs (FORMAT.md); `mpt` and `gptj` behave the same. */
const PLAIN_DENSE = new Set([
  "gpt2",
  "gpt_neox",
  "bloom",
  "opt",
  "falcon",
  "gpt",
  "gptj",
  "mpt",
  "gpt_bigcode",
]);
/**
 * A family's name without its version and variant suffix ("gemma4_text" -> "gemma", "qwen3_5" -> "qwen",
 * "deepseek_v32" -> "deepseek", "gpt2" -> "gpt"); names without a trailing version stay as they are ("glm4_moe").
 */
function familyStem(modelType: string): string {
  return modelType.replace(/_text$/, "").replace(/_?v?[\d_.]+$/, "");
}

/**
 * The MLP kind of an unknown versioned family whose stem is a known dense family's and on which all such families
 * agree: a new version of a family keeps its MLP (Gemma 1-3 all gate a GELU-tanh MLP, transformers modeling_gemma*.py
 * GemmaMLP gate_proj/up_proj/down_proj; the activation alone would read it plain). Null when no known family or
 * families that disagree share the stem.
 */
function kindOfNamesake(modelType: string): { mlp: "gated" | "plain"; family: string } | null {
  const stem = familyStem(modelType);
  // only a versioned name is read as a new version ("phi", Phi-2's plain MLP, is not Phi-3's next version)
  if (stem === "" || stem === modelType.replace(/_text$/, "")) return null;
  const gated = [...GATED_DENSE].filter((t) => familyStem(t) === stem);
  const plain = [...PLAIN_DENSE].filter((t) => familyStem(t) === stem);
  if (gated.length > 0 && plain.length === 0) return { mlp: "gated", family: gated.join("/") };
  if (plain.length > 0 && gated.length === 0) return { mlp: "plain", family: plain.join("/") };
  return null;
}
const DEEPSEEK_MOE = new Set(["deepseek_v2", "deepseek_v3", "deepseek_v32", "kimi_k2"]);
const OTHER_MOE = new Set([
  "mixtral",
  "qwen2_moe",
  "qwen3_moe",
  "qwen3_next",
  "qwen3_5_moe",
  "qwen3_5_moe_text",
  "gpt_oss",
  "llama4_text",
  "llama4",
  "dbrx",
]);
/** Families with Gated DeltaNet layers (hybrid linear attention), whatever their config states. */
const HYBRID_LINEAR = new Set(["qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text"]);
/** Qwen MoE families placing sparse layers by `decoder_sparse_step` and `mlp_only_layers`. */
const QWEN_MOE = new Set(["qwen2_moe", "qwen3_moe", "qwen3_next", "qwen3_5_moe", "qwen3_5_moe_text"]);
/**
 * Llama 4 (transformers models/llama4/configuration_llama4.py and modeling_llama4.py): experts of `intermediate_size`
 * with one always-on shared expert of the same width (Llama4TextMoe.shared_expert), dense layers of
 * `intermediate_size_mlp`, MoE on the layers `moe_layers` lists (default every `interleave_moe_layer_step`-th:
 * range(step - 1, L, step)), and chunked attention within `attention_chunk_size` on the RoPE layers (all but every
 * `no_rope_layer_interval`-th, default 4, unless `no_rope_layers` lists them).
 */
const LLAMA4 = new Set(["llama4_text", "llama4"]);
/** The families the importer knows by name (others are read generically when the fields are there). */
export const KNOWN_MODEL_TYPES: readonly string[] = [
  ...GATED_DENSE,
  ...PLAIN_DENSE,
  ...DEEPSEEK_MOE,
  ...OTHER_MOE,
];

/**
 * Families whose HF config class defaults `tie_word_embeddings` to true when the field is absent: GPT2Config,
 * BloomConfig, OPTConfig, FalconConfig, GPTJ and MPT tie; so do GemmaConfig, Gemma2Config and Gemma3TextConfig
 * (configuration_gemma2.py `tie_word_embeddings: bool = True`), whose Hub config.json files leave the field out;
 * Megatron's GPT ties unless `--untie-embeddings-and-output-weights` (megatron/training/arguments.py).
 */
const TIED_BY_DEFAULT = new Set([
  // every plain-MLP family but GPT-NeoX, whose GPTNeoXConfig defaults tie_word_embeddings to false
  ...[...PLAIN_DENSE].filter((t) => t !== "gpt_neox"),
  "gemma",
  "gemma2",
  "gemma3_text",
  "gemma3",
]);
/** Families built with LayerNorm (weight and bias) rather than RMSNorm: exactly the plain-MLP ones. */
const LAYERNORM: ReadonlySet<string> = PLAIN_DENSE;
/** Families with a learned absolute position embedding (modeling_gpt2.py wpe, modeling_opt.py embed_positions). */
const LEARNED_POSITIONS = new Set(["gpt2", "opt", "gpt_bigcode"]);
/** Families whose linear layers carry biases (their modelling code: nn.Linear(..., bias=True)). */
const BIASED = new Set(["gpt2", "gpt_neox", "bloom", "opt", "gptj", "gpt_bigcode"]);

export interface ImportAdvisory {
  code: string;
  message: string;
  hint: string;
}

export interface ImportedModel {
  arch: ModelArch;
  advisories: ImportAdvisory[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  try {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  } catch {
    return String(value);
  }
}

class Reader {
  constructor(
    private readonly config: Json,
    private readonly prefix: string,
  ) {}

  /** A key's path in the file (under the nesting block, if any). */
  path(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** The first present (non-null) key among `keys`, with the name it was found under. */
  find(keys: readonly string[]): { key: string; value: unknown } | undefined {
    for (const key of keys) {
      const value = this.config[key];
      if (value !== undefined && value !== null) return { key, value };
    }
    return undefined;
  }

  private fail(key: string, rule: string, value: unknown): never {
    throw new FleetcastError(
      `Cannot read model config: ${this.prefix}${key} ${rule}, got ${describe(value)}`,
      `${this.prefix}${key}`,
    );
  }

  /** A positive integer under one of `keys`, or undefined when none is present. */
  optionalInt(keys: readonly string[], min = 1): number | undefined {
    const found = this.find(keys);
    if (!found) return undefined;
    const { key, value } = found;
    if (typeof value !== "number" || !Number.isFinite(value)) this.fail(key, "must be a number", value);
    if (!Number.isInteger(value)) this.fail(key, "must be a whole number", value);
    if (value < min) this.fail(key, min === 1 ? "must be > 0" : `must be >= ${min}`, value);
    return value;
  }

  requiredInt(keys: readonly string[], what: string): number {
    const value = this.optionalInt(keys);
    if (value === undefined) {
      throw new FleetcastError(
        `Cannot read model config: ${this.prefix}${keys[0]} (${what}) is missing` +
          (keys.length > 1 ? ` (also looked for ${keys.slice(1).join(", ")})` : ""),
        `${this.prefix}${keys[0]}`,
      );
    }
    return value;
  }

  optionalBool(keys: readonly string[]): boolean | undefined {
    const found = this.find(keys);
    if (!found) return undefined;
    if (typeof found.value !== "boolean") this.fail(found.key, "must be true or false", found.value);
    return found.value;
  }

  optionalString(keys: readonly string[]): string | undefined {
    const found = this.find(keys);
    if (!found) return undefined;
    if (typeof found.value !== "string") this.fail(found.key, "must be a string", found.value);
    return found.value;
  }

  raw(key: string): unknown {
    return this.config[key];
  }
}

/** Number-valued fields naming experts (`*expert*`, `*moe*`), at the top level or one block down, with their paths. */
function expertFieldsIn(fields: Json): string[] {
  const out: string[] = [];
  const scan = (obj: Json, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value === "number" && value > 1 && /expert|moe/i.test(key)) out.push(`${prefix}${key}`);
      else if (depth === 0 && isObject(value)) scan(value, `${key}.`, 1);
    }
  };
  scan(fields, "", 0);
  return out.slice(0, 4);
}

/** Finds the language-model part of a wrapped or multimodal config. */
function languageConfig(config: Json): { fields: Json; prefix: string } {
  for (const key of ["text_config", "llm_config", "thinker_config"]) {
    const nested = config[key];
    if (nested === undefined || nested === null) continue;
    if (!isObject(nested)) {
      throw new FleetcastError(
        `Cannot read model config: ${key} must be an object (the language model's fields), got ${describe(nested)}`,
        key,
      );
    }
    // The nested block wins for architecture fields; the root keeps names and identity it lacks.
    return { fields: { ...config, ...nested }, prefix: `${key}.` };
  }
  return { fields: config, prefix: "" };
}

/**
 * Fields a family's config class fills in when config.json leaves them out, so the Hub's own files omit them.
 * Gemma3TextConfig (transformers models/gemma3/configuration_gemma3.py): vocab_size 262,208, 8 heads, 4 KV heads of
 * 256, 131,072 positions; the Gemma-3 checkpoints' text_config drops the vocabulary size.
 */
const CLASS_DEFAULTS: ReadonlyMap<string, Json> = new Map([
  [
    "gemma3_text",
    {
      vocab_size: 262_208,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      head_dim: 256,
      max_position_embeddings: 131_072,
    },
  ],
]);

/**
 * DBRX nests its attention and experts (transformers models/dbrx/configuration_dbrx.py: `attn_config.kv_n_heads`,
 * `ffn_config.ffn_hidden_size`, `moe_num_experts`, `moe_top_k`, `ffn_act_fn.name` default "silu"; DbrxExpertGLU: gated
 * experts): lifted to the top-level names the reader knows.
 */
function liftDbrx(fields: Json): Json {
  const attn = isObject(fields["attn_config"]) ? fields["attn_config"] : {};
  const ffn = isObject(fields["ffn_config"]) ? fields["ffn_config"] : {};
  const act = isObject(ffn["ffn_act_fn"]) ? ffn["ffn_act_fn"]["name"] : undefined;
  const lifted: Json = {
    num_key_value_heads: attn["kv_n_heads"],
    num_local_experts: ffn["moe_num_experts"],
    num_experts_per_tok: ffn["moe_top_k"],
    intermediate_size: ffn["ffn_hidden_size"],
    hidden_act: typeof act === "string" ? act : "silu",
  };
  const defined = Object.entries(lifted).filter(([, v]) => v !== undefined && v !== null);
  return { ...fields, ...Object.fromEntries(defined) };
}

/** Layer kinds `layer_types` may name: attention (full, windowed, chunked) and Gated DeltaNet linear attention. */
const KNOWN_LAYER_TYPES = new Set([
  "full_attention",
  "sliding_attention",
  "chunked_attention",
  "linear_attention",
]);

/**
 * Refuses hybrid models whose other layers fleetcast does not model (state-space Mamba blocks, MiniMax's lightning
 * attention): read as plain transformers they were off by -17 % to +78 % in parameters and 8-14x in KV cache
 * (Nemotron-H, Falcon-H1, Jamba, MiniMax-M1; review of 2026-11-30). Names the field that says so.
 */
function refuseUnmodelledLayers(r: Reader, fields: Json, numLayers: number): void {
  const refuse = (key: string, what: string): never => {
    throw new FleetcastError(
      `Cannot read model config: ${r.path(key)} ${what}, which fleetcast does not model (it models attention, sliding-window, chunked, and Gated DeltaNet or Kimi Delta Attention linear-attention layers)`,
      r.path(key),
      { unsupported: true },
    );
  };
  const pattern = fields["hybrid_override_pattern"];
  if (typeof pattern === "string" && pattern.length > 0) {
    const n = (c: string) => [...pattern].filter((x) => x === c).length;
    refuse(
      "hybrid_override_pattern",
      `lays out Mamba-2 layers (${n("M")} Mamba, ${n("*")} attention, ${n("-")} MLP-only of ${pattern.length})`,
    );
  }
  for (const key of [
    "layers_block_type",
    "attn_layer_period",
    "mamba_d_ssm",
    "mamba_n_heads",
    "ssm_state_size",
    "mamba_d_state",
    // Mamba-1 (transformers MambaConfig / FalconMambaConfig: state_size, time_step_rank)
    "time_step_rank",
  ]) {
    if (fields[key] !== undefined && fields[key] !== null)
      refuse(key, "describes state-space (Mamba) layers");
  }
  // MiMo-V2-Flash-style layouts: sliding-window and global layers with their own head counts (swa_* fields)
  if (fields["hybrid_layer_pattern"] !== undefined && fields["hybrid_layer_pattern"] !== null) {
    refuse(
      "hybrid_layer_pattern",
      "mixes layers of different attention shapes (their own swa_* head counts)",
    );
  }
  // Gemma-4-style layouts: full-attention layers of their own head width and KV heads beside the sliding ones, and
  // keys that serve as values (no v_proj): read with one attention shape, Gemma-4-31B's KV cache came out 1.8-2.8x
  // too large (review of 2026-11-30)
  for (const [key, base] of [
    ["global_head_dim", "head_dim"],
    ["num_global_key_value_heads", "num_key_value_heads"],
  ] as const) {
    const own = fields[key];
    if (typeof own === "number" && own !== fields[base]) {
      refuse(
        key,
        `gives the full-attention layers their own attention shape (${own} against ${base} ${describe(fields[base])})`,
      );
    }
  }
  if (fields["attention_k_eq_v"] === true)
    refuse("attention_k_eq_v", "makes keys serve as values (no value projection)");
  // DeepSeek-V4-style attention: keys compressed along the sequence per layer (compress_ratios), grouped low-rank
  // outputs (o_lora_rank, o_groups) and hyper-connections (hc_mult): read as MQA with a window on every layer, its active
  // parameters came out 50-78 % high and its KV cache 13x high or 19x low (review of 2026-11-30)
  if (Array.isArray(fields["compress_ratios"])) {
    refuse(
      "compress_ratios",
      "compresses the keys of its layers along the sequence (DeepSeek-V4-style attention)",
    );
  }
  const attnTypes = fields["attn_type_list"];
  if (Array.isArray(attnTypes) && attnTypes.some((t) => t === 0)) {
    const linear = attnTypes.filter((t) => t === 0).length;
    refuse("attn_type_list", `marks ${linear} of ${attnTypes.length} layers as lightning (linear) attention`);
  }
  const types = fields["layer_types"];
  if (Array.isArray(types)) {
    const unknown = [...new Set(types.filter((t) => typeof t !== "string" || !KNOWN_LAYER_TYPES.has(t)))];
    if (unknown.length > 0) refuse("layer_types", `lists layers of kind ${unknown.map(describe).join(", ")}`);
    if (types.length < numLayers) {
      throw new FleetcastError(
        `Cannot read model config: ${r.path("layer_types")} must list one entry for each of the ${numLayers} layers (num_hidden_layers), got ${types.length}`,
        r.path("layer_types"),
      );
    }
  }
}

function readMla(r: Reader): MlaShape | null {
  const kvLoraRank = r.optionalInt(["kv_lora_rank"]);
  if (kvLoraRank === undefined) return null;
  return {
    qLoraRank: r.optionalInt(["q_lora_rank"]) ?? null,
    kvLoraRank,
    qkNopeHeadDim: r.requiredInt(["qk_nope_head_dim"], "MLA query/key head width without RoPE"),
    qkRopeHeadDim: r.requiredInt(["qk_rope_head_dim"], "MLA RoPE head width"),
    vHeadDim: r.requiredInt(["v_head_dim"], "MLA value head width"),
  };
}

interface MoeRead {
  moe: MoeShape;
}

/** Counts how many of `numLayers` layers are MoE under a family's layer-placement fields. */
function moeLayerCount(r: Reader, modelType: string, numLayers: number): number {
  const freqList = r.raw("moe_layer_freq");
  if (Array.isArray(freqList)) {
    // a per-layer list of 0/1 flags (some GLM/Hunyuan-style configs): its 1s are the MoE layers
    if (
      freqList.length < numLayers ||
      freqList.some((x) => x !== 0 && x !== 1 && x !== true && x !== false)
    ) {
      throw new FleetcastError(
        `Cannot read model config: ${r.path("moe_layer_freq")} as a list must give 0 or 1 for each of the ${numLayers} layers, got ${describe(freqList)}`,
        r.path("moe_layer_freq"),
      );
    }
    return freqList.slice(0, numLayers).filter((x) => x === 1 || x === true).length;
  }
  if (DEEPSEEK_MOE.has(modelType) || r.find(["first_k_dense_replace"])) {
    // DeepSeek: layer i is MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0
    // (deepseek-ai/DeepSeek-V3 inference/model.py; HF modeling_deepseek_v3.py).
    const firstDense = r.optionalInt(["first_k_dense_replace"], 0) ?? 0;
    const freq = r.optionalInt(["moe_layer_freq"]) ?? 1;
    let count = 0;
    for (let i = firstDense; i < numLayers; i++) if (i % freq === 0) count++;
    return count;
  }
  if (LLAMA4.has(modelType)) {
    const listed = r.raw("moe_layers");
    if (Array.isArray(listed) && listed.length > 0)
      return new Set(listed.filter((x) => Number.isInteger(x) && x >= 0 && x < numLayers)).size;
    const step = r.optionalInt(["interleave_moe_layer_step"]) ?? 1;
    return step < 1 ? 0 : Math.floor(numLayers / step);
  }
  if (QWEN_MOE.has(modelType)) {
    // Qwen MoE: layer i is sparse when i not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0
    // (transformers models/qwen3_moe/modeling_qwen3_moe.py Qwen3MoeDecoderLayer).
    const step = r.optionalInt(["decoder_sparse_step"]) ?? 1;
    const only = r.raw("mlp_only_layers");
    const dense = new Set(Array.isArray(only) ? only.filter((x) => typeof x === "number") : []);
    let count = 0;
    for (let i = 0; i < numLayers; i++) if (!dense.has(i) && (i + 1) % step === 0) count++;
    return count;
  }
  return numLayers;
}

function readMoe(
  r: Reader,
  modelType: string,
  numLayers: number,
  denseWidth: number | undefined,
): MoeRead | null {
  // ERNIE-4.5's layout (shared experts, a MoE layer range) is not read: refused by name, not misread
  for (const key of ["moe_k", "moe_num_shared_experts", "moe_layer_start_index", "moe_layer_interval"]) {
    if (r.raw(key) !== undefined && r.raw(key) !== null) {
      throw new FleetcastError(
        `Cannot read model config: ${r.path(key)} describes an ERNIE-style expert layout (shared experts, a MoE layer range) fleetcast does not read`,
        r.path(key),
        { unsupported: true },
      );
    }
  }
  const experts = r.optionalInt(["n_routed_experts", "num_local_experts", "num_experts", "moe_num_experts"]);
  if (experts === undefined) {
    if (DEEPSEEK_MOE.has(modelType) || OTHER_MOE.has(modelType)) {
      throw new FleetcastError(
        `Cannot read model config: ${modelType} is a mixture of experts but no expert count was found ` +
          `(${r.path("n_routed_experts")}, num_local_experts or num_experts)`,
        r.path("num_experts"),
      );
    }
    return null;
  }
  // (ERNIE-4.5's moe_k is not an alias: its shared experts and MoE layer range, moe_num_shared_experts and
  // moe_layer_start_index/interval, are not read, so it stays refused rather than misread)
  const topKKeys = ["num_experts_per_tok", "experts_per_token", "num_experts_per_token", "moe_topk"];
  const topK = r.requiredInt(topKKeys, "experts per token");
  if (topK > experts) {
    const key = r.path(r.find(topKKeys)?.key ?? "num_experts_per_tok");
    throw new FleetcastError(
      `Cannot read model config: ${key} must be <= the expert count ${experts}, got ${topK}`,
      key,
    );
  }
  // Mixtral and gpt-oss size their experts with intermediate_size; DeepSeek and Qwen MoE with moe_intermediate_size.
  const expertWidth =
    r.optionalInt(["moe_intermediate_size", "expert_intermediate_size"]) ??
    (LLAMA4.has(modelType) ? r.optionalInt(["intermediate_size"]) : undefined) ??
    (modelType === "mixtral" || modelType === "gpt_oss" || denseWidth !== undefined ? denseWidth : undefined);
  if (expertWidth === undefined) {
    throw new FleetcastError(
      `Cannot read model config: ${r.path("moe_intermediate_size")} (width of one expert) is missing`,
      r.path("moe_intermediate_size"),
    );
  }
  let sharedWidth = 0;
  let sharedGate = false;
  const nShared =
    r.optionalInt(["n_shared_experts", "num_shared_experts"], 0) ?? (LLAMA4.has(modelType) ? 1 : undefined);
  if (nShared !== undefined) sharedWidth = nShared * expertWidth;
  const qwenShared = r.optionalInt(["shared_expert_intermediate_size"], 0);
  if (qwenShared !== undefined && qwenShared > 0) {
    // Qwen2-MoE: one shared expert of shared_expert_intermediate_size plus a sigmoid gate (modeling_qwen2_moe.py).
    sharedWidth = qwenShared;
    sharedGate = true;
  }
  return {
    moe: {
      numExperts: experts,
      topK,
      expertIntermediateSize: expertWidth,
      sharedIntermediateSize: sharedWidth,
      sharedExpertGate: sharedGate,
      moeLayerCount: moeLayerCount(r, modelType, numLayers),
    },
  };
}

/**
 * Linear-attention layers of a hybrid model, as transformers' Qwen3NextConfig / Qwen3_5 configs state them: `layer_types`
 * entries "linear_attention" when listed, else every layer but each `full_attention_interval`-th (default 4:
 * configuration_qwen3_next.py `layer_types` default); the heads from `linear_num_key_heads`, `linear_key_head_dim`,
 * `linear_num_value_heads`, `linear_value_head_dim` and the convolution from `linear_conv_kernel_dim` (default 4).
 * The recurrent state in `mamba_ssm_dtype` (16 bits unless stated). Null when a non-hybrid config states no linear
 * heads; the hybrid families (HYBRID_LINEAR) take their config class's defaults (16 key / 32 value heads of 128).
 */
function readLinearAttention(r: Reader, numLayers: number, modelType: string): LinearAttentionShape | null {
  const nested = readKimiDeltaAttention(r, numLayers);
  if (nested !== null) return nested;
  // the hybrid families' config classes default the linear heads (configuration_qwen3_next.py: 16 key heads and
  // 32 value heads of 128); other families have linear layers only when the config states them
  const hybrid = HYBRID_LINEAR.has(modelType);
  const valueHeads = r.optionalInt(["linear_num_value_heads"]) ?? (hybrid ? 32 : undefined);
  if (valueHeads === undefined) return null;
  const keyHeads = r.optionalInt(["linear_num_key_heads"]) ?? (hybrid ? 16 : valueHeads);
  const keyHeadDim =
    r.optionalInt(["linear_key_head_dim"]) ??
    (hybrid ? 128 : r.requiredInt(["linear_key_head_dim"], "linear-attention key width"));
  const valueHeadDim =
    r.optionalInt(["linear_value_head_dim"]) ??
    (hybrid ? 128 : r.requiredInt(["linear_value_head_dim"], "linear-attention value width"));
  const types = r.raw("layer_types");
  const interval = r.optionalInt(["full_attention_interval"]) ?? 4;
  const layers =
    Array.isArray(types) && types.length > 0
      ? types.slice(0, numLayers).filter((t) => t === "linear_attention").length
      : numLayers - Math.floor(numLayers / interval);
  if (layers <= 0) return null;
  // stated, else the model's 16 bits, as vLLM keeps it by default (mamba_utils.py MambaStateDtypeCalculator: the
  // "auto" cache dtype is the model dtype)
  const dtype = (r.optionalString(["mamba_ssm_dtype"]) ?? "bfloat16").toLowerCase();
  return {
    layers,
    keyHeads,
    keyHeadDim,
    valueHeads,
    valueHeadDim,
    convKernel: r.optionalInt(["linear_conv_kernel_dim"]) ?? 4,
    stateBytesPerElement: /16/.test(dtype) ? 2 : 4,
  };
}

/**
 * Kimi Delta Attention layers (Kimi-Linear, moonshotai/Kimi-Linear-48B-A3B-Instruct config.json and its
 * configuration_kimi.py): a nested `linear_attn_config` lists the `kda_layers` and the `full_attn_layers` (MLA here)
 * and gives the KDA heads (`num_heads` x `head_dim`, keys and values alike) and `short_conv_kernel_size`. KDA is a
 * gated delta rule with a per-channel decay (Kimi Team, "Kimi Linear: An Expressive, Efficient Attention
 * Architecture", 2025-10-30: "extends Gated DeltaNet with a finer-grained gating"): the same recurrent state per head
 * (key dim x value dim) as Gated DeltaNet, which is how fleetcast counts its state, projections and recurrence
 * (its low-rank gate projections are counted as Gated DeltaNet's full-width ones: an approximation). Null when absent.
 */
function readKimiDeltaAttention(r: Reader, numLayers: number): LinearAttentionShape | null {
  const block = r.raw("linear_attn_config");
  if (block === undefined || block === null) return null;
  const path = r.path("linear_attn_config");
  const fail = (what: string): never => {
    throw new FleetcastError(`Cannot read model config: ${path} ${what}`, path);
  };
  if (typeof block !== "object" || Array.isArray(block)) return fail("must be an object");
  const b = block as Record<string, unknown>;
  const list = (key: string): unknown[] => {
    const v = b[key];
    return Array.isArray(v) ? v : fail(`needs ${key}, a list of layer numbers`);
  };
  const kda = list("kda_layers");
  const full = list("full_attn_layers");
  if (kda.length + full.length !== numLayers) {
    fail(
      `lists ${kda.length} KDA and ${full.length} full-attention layers, not the ${numLayers} of num_hidden_layers`,
    );
  }
  const int = (key: string, fallback?: number): number => {
    const v = b[key] ?? fallback;
    return typeof v === "number" && Number.isInteger(v) && v > 0
      ? v
      : fail(`needs ${key}, a positive integer`);
  };
  const heads = int("num_heads");
  const headDim = int("head_dim");
  if (kda.length === 0) return null;
  return {
    layers: kda.length,
    keyHeads: heads,
    keyHeadDim: headDim,
    valueHeads: heads,
    valueHeadDim: headDim,
    // unstated: Gated DeltaNet's default width (linear_conv_kernel_dim 4, configuration_qwen3_next.py)
    convKernel: int("short_conv_kernel_size", 4),
    // as readLinearAttention: the model's 16 bits unless mamba_ssm_dtype says otherwise
    stateBytesPerElement: /16/.test((r.optionalString(["mamba_ssm_dtype"]) ?? "bfloat16").toLowerCase())
      ? 2
      : 4,
  };
}

/** Families whose every layer attends within `sliding_window` when it is set and not null (modeling_mistral.py passes
 * `sliding_window=config.sliding_window` to each layer's attention; modular_mixtral.py and modeling_phi3.py likewise). */
const WINDOW_ON_EVERY_LAYER = new Set(["mistral", "mixtral", "phi3"]);
/** Families whose config class builds `layer_types` from `use_sliding_window` and `max_window_layers`. */
const QWEN_WINDOW = new Set(["qwen2", "qwen3", "qwen2_moe", "qwen3_moe"]);
/**
 * Families that interleave local and global layers by position when `layer_types` is absent: layer i is sliding when
 * (i + 1) % period != 0. gemma2 and gpt_oss alternate (period 2: configuration_gemma2.py, configuration_gpt_oss.py
 * `bool((i + 1) % 2)`); Gemma-3 runs 5 local : 1 global (period `sliding_window_pattern`, default 6:
 * configuration_gemma3.py `bool((i + 1) % self._sliding_window_pattern)`). The window defaults to the config class's
 * when the field is absent (Gemma2Config/Gemma3TextConfig 4096, GptOssConfig 128).
 */
const INTERLEAVED: ReadonlyMap<string, { period: number | "pattern"; defaultWindow: number }> = new Map([
  ["gemma2", { period: 2, defaultWindow: 4096 }],
  ["gpt_oss", { period: 2, defaultWindow: 128 }],
  ["gemma3_text", { period: "pattern", defaultWindow: 4096 }],
  ["gemma3", { period: "pattern", defaultWindow: 4096 }],
]);
/** Known families whose attention has no window whatever the config says (LlamaAttention, GemmaAttention, DeepSeek, GPT-2...). */
const NO_WINDOW = new Set(
  [...KNOWN_MODEL_TYPES].filter(
    (t) => !WINDOW_ON_EVERY_LAYER.has(t) && !QWEN_WINDOW.has(t) && !INTERLEAVED.has(t),
  ),
);

/**
 * How many of `numLayers` layers attend within a sliding window, and the window, read as transformers reads each
 * family (huggingface/transformers src/transformers/models/<family>/configuration_<family>.py, where each config class
 * fills `layer_types` when config.json leaves it out):
 * - an explicit `layer_types` list wins: its "sliding_attention" entries (gpt-oss, Gemma-3, newer Gemma-2 configs);
 * - gemma2, gpt_oss, gemma3: interleaved by position (INTERLEAVED above): Gemma-2-9B has 21 of 42 layers windowed;
 * - qwen2, qwen3 and their MoE: `sliding_window` is dropped unless `use_sliding_window` is true (default false), then
 *   layers i >= `max_window_layers` (default 28) are windowed (configuration_qwen2.py, configuration_qwen3.py);
 * - mistral, mixtral, phi3: every layer when `sliding_window` is set and not null;
 * - other known families have no window; unknown ones are read as Qwen when `use_sliding_window` is stated, else as
 *   Mistral.
 * FLOPs (flops.ts) and KV cache (memory-per-token.ts) both count these layers through windowedLayerTokens.
 */
function slidingLayers(
  r: Reader,
  modelType: string,
  numLayers: number,
): { count: number; window: number | null } {
  const none = { count: 0, window: null };
  if (LLAMA4.has(modelType)) {
    // chunked attention: a token sees at most its chunk, counted as a window of the chunk (an upper bound)
    const chunk = r.optionalInt(["attention_chunk_size"]) ?? null;
    if (chunk === null) return none;
    const types = r.raw("layer_types");
    const listed = r.raw("no_rope_layers");
    const interval = r.optionalInt(["no_rope_layer_interval"]) ?? 4;
    // layer_types names the chunked layers; an empty no_rope_layers (as the published configs ship it) takes the
    // config class's default, every interval-th layer global
    const count =
      Array.isArray(types) && types.length > 0
        ? types.slice(0, numLayers).filter((t) => t === "chunked_attention").length
        : Array.isArray(listed) && listed.length > 0
          ? listed.slice(0, numLayers).filter((x) => x === 1 || x === true).length
          : numLayers - Math.floor(numLayers / interval);
    return count > 0 ? { count, window: chunk } : none;
  }
  if (NO_WINDOW.has(modelType)) return none;
  const interleaved = INTERLEAVED.get(modelType);
  const stated = r.raw("sliding_window");
  // An explicit null turns the window off; an absent field takes the config class's default where it has one.
  let window =
    stated === undefined && interleaved
      ? interleaved.defaultWindow
      : (r.optionalInt(["sliding_window"]) ?? null);
  const useSliding = r.optionalBool(["use_sliding_window"]);
  const qwen =
    QWEN_WINDOW.has(modelType) ||
    (!WINDOW_ON_EVERY_LAYER.has(modelType) && !interleaved && useSliding !== undefined);
  if (qwen && useSliding !== true) window = null;
  if (window === null) return none;

  const types = r.raw("layer_types");
  if (Array.isArray(types) && !WINDOW_ON_EVERY_LAYER.has(modelType)) {
    // MistralConfig ignores layer_types (it warns and windows every layer).
    const count = types.slice(0, numLayers).filter((t) => t === "sliding_attention").length;
    return count > 0 ? { count, window } : none;
  }
  if (interleaved) {
    const period =
      interleaved.period === "pattern"
        ? (r.optionalInt(["sliding_window_pattern"]) ?? 6)
        : interleaved.period;
    // every period-th layer is global
    const count = numLayers - Math.floor(numLayers / period);
    return count > 0 ? { count, window } : none;
  }
  if (qwen) {
    // Qwen's config classes default max_window_layers to 28; an unknown family without it windows every layer.
    const maxWindowLayers = r.optionalInt(["max_window_layers"], 0) ?? (QWEN_WINDOW.has(modelType) ? 28 : 0);
    const count = Math.max(0, numLayers - maxWindowLayers);
    return count > 0 ? { count, window } : none;
  }
  return { count: numLayers, window };
}

/**
 * Imports a Hugging Face config object. Throws FleetcastError naming the field on anything it cannot read; returns
 * advisories for what it read by assumption (an unknown `model_type`, a defaulted width).
 */
export function importModel(config: unknown, name?: string): ImportedModel {
  if (!isObject(config)) {
    throw new FleetcastError(`Cannot read model config: expected a JSON object, got ${describe(config)}`, "");
  }
  const language = languageConfig(config);
  const { prefix } = language;
  const advisories: ImportAdvisory[] = [];
  // read (and a non-string refused by name) before the family's lifts and defaults apply
  const modelType = (
    new Reader(language.fields, prefix).optionalString(["model_type"]) ?? "unknown"
  ).toLowerCase();
  let fields = modelType === "dbrx" ? liftDbrx(language.fields) : language.fields;
  const classDefaults = CLASS_DEFAULTS.get(modelType);
  if (classDefaults) {
    const filled = Object.keys(classDefaults).filter((k) => fields[k] === undefined || fields[k] === null);
    if (filled.length > 0) {
      fields = { ...fields, ...Object.fromEntries(filled.map((k) => [k, classDefaults[k]])) };
      advisories.push({
        code: "defaulted-from-config-class",
        message: `${filled.map((k) => `${prefix}${k} ${String(classDefaults[k])}`).join(", ")}: not in the file, taken from ${modelType}'s config class defaults as transformers does`,
        hint: "add the fields to the config if the checkpoint differs from its class defaults",
      });
    }
  }
  const r = new Reader(fields, prefix);
  const known = KNOWN_MODEL_TYPES.includes(modelType);

  const hiddenSize = r.requiredInt(["hidden_size", "n_embd", "d_model", "n_embed", "dim"], "hidden width");
  const numLayers = r.requiredInt(["num_hidden_layers", "n_layer", "n_layers", "num_layers"], "layer count");
  // before the attention fields: a state-space model has no heads to miss (review 2026-11-30: falcon-mamba was refused
  // for a missing num_attention_heads, and with one added would have been read as a transformer)
  refuseUnmodelledLayers(r, fields, numLayers);
  const numHeads = r.requiredInt(
    ["num_attention_heads", "n_head", "n_heads", "num_heads"],
    "attention heads",
  );

  // KV heads: explicit count, Falcon's multi_query flag (one KV head), else full multi-head attention.
  let numKvHeads = r.optionalInt([
    "num_key_value_heads",
    "n_head_kv",
    "num_kv_heads",
    "multi_query_group_num",
  ]);
  if (numKvHeads === undefined) numKvHeads = r.optionalBool(["multi_query"]) === true ? 1 : numHeads;
  if (numKvHeads > numHeads || numHeads % numKvHeads !== 0) {
    throw new FleetcastError(
      `Cannot read model config: ${prefix}num_key_value_heads must divide num_attention_heads ${numHeads}, got ${numKvHeads}`,
      `${prefix}num_key_value_heads`,
    );
  }

  const mla = readMla(r);
  const explicitHeadDim = r.optionalInt(["head_dim", "kv_channels"]);
  if (explicitHeadDim === undefined && mla === null && hiddenSize % numHeads !== 0) {
    throw new FleetcastError(
      `Cannot read model config: ${prefix}num_attention_heads must divide hidden_size ${hiddenSize}, got ${numHeads}`,
      `${prefix}num_attention_heads`,
    );
  }
  const headDim = explicitHeadDim ?? (mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : hiddenSize / numHeads);

  const vocabSize = r.requiredInt(["vocab_size", "padded_vocab_size"], "vocabulary size");

  // MLP kind: family first; for unknown families the activation decides (SwiGLU/GeGLU gate, others plain).
  const act = (
    r.optionalString(["hidden_act", "activation_function", "hidden_activation"]) ?? ""
  ).toLowerCase();
  let mlp: "gated" | "plain";
  // how the MLP kind of an unknown family was read, for its advisory
  let mlpReading = "";
  if (GATED_DENSE.has(modelType) || DEEPSEEK_MOE.has(modelType) || OTHER_MOE.has(modelType)) mlp = "gated";
  else if (PLAIN_DENSE.has(modelType)) mlp = "plain";
  else {
    const kin = kindOfNamesake(modelType);
    if (kin !== null) {
      mlp = kin.mlp;
      mlpReading = `, its MLP ${kin.mlp} as its namesake ${kin.family}'s`;
    } else {
      mlp = /silu|swish|swiglu|geglu/.test(act) ? "gated" : "plain";
      mlpReading = `, its MLP ${mlp} from its activation ${describe(act || "(none)")}`;
    }
  }

  let intermediate = LLAMA4.has(modelType)
    ? r.optionalInt(["intermediate_size_mlp", "intermediate_size"])
    : r.optionalInt(["intermediate_size", "n_inner", "ffn_hidden_size", "ffn_dim", "d_ff"]);
  if (intermediate === undefined) {
    const ratio = r.find(["expansion_ratio", "mlp_ratio"]);
    if (ratio && typeof ratio.value === "number" && ratio.value > 0) {
      intermediate = Math.round(ratio.value * hiddenSize);
    } else if (mlp === "plain") {
      // GPT-2, BLOOM and Falcon leave the width implicit at 4 x hidden (GPT2Config n_inner=None -> 4*n_embd).
      intermediate = 4 * hiddenSize;
      advisories.push({
        code: "defaulted-intermediate-size",
        message: `intermediate_size not given: read as 4 x hidden_size = ${intermediate}`,
        hint: "add intermediate_size to the config if the model's MLP is not 4 x wider than its hidden size",
      });
    }
  }

  const moeRead = readMoe(r, modelType, numLayers, intermediate);
  // an unknown family that names no activation: a mixture of experts is read with gated experts, as every MoE
  // family fleetcast knows has them (DeepSeek, Qwen, Mixtral, gpt-oss, GLM, Kimi), a dense one with GPT-2's plain MLP
  if (!known && act === "" && !GATED_DENSE.has(modelType) && !PLAIN_DENSE.has(modelType)) {
    mlp = moeRead ? "gated" : "plain";
    advisories.push({
      code: "activation-assumed",
      message: `no hidden_act in the config: read as a ${mlp === "gated" ? "gated (SwiGLU, 3-matrix)" : "plain (2-matrix)"} MLP${moeRead ? ", as in every mixture-of-experts family fleetcast knows" : ""}`,
      hint: 'add "hidden_act" ("silu" for SwiGLU, "gelu" for a plain MLP) to the config',
    });
  }
  if (!moeRead) {
    // experts the reader did not find (a nested block such as DBRX's ffn_config.moe_num_experts): say so, or the
    // model is silently read as a much smaller dense one
    const unread = expertFieldsIn(fields);
    if (unread.length > 0) {
      throw new FleetcastError(
        `Cannot read model config: it names experts (${unread.map((k) => `${prefix}${k}`).join(", ")}) fleetcast cannot place: read as a dense model it would be far smaller than it is. Give n_routed_experts (or num_experts), num_experts_per_tok and moe_intermediate_size beside hidden_size`,
        `${prefix}${unread[0]}`,
      );
    }
  }
  if (intermediate === undefined) {
    if (moeRead && moeRead.moe.moeLayerCount === numLayers) intermediate = 0;
    else
      throw new FleetcastError(
        `Cannot read model config: ${prefix}intermediate_size is missing`,
        "intermediate_size",
      );
  }

  if (!known) {
    advisories.push({
      code: "unknown-model-type",
      message: `model_type ${describe(modelType)} is not a known family: read generically as a ${mlp} ${
        moeRead ? "mixture-of-experts" : "dense"
      } transformer${mlpReading}`,
      hint: `known families: ${KNOWN_MODEL_TYPES.join(", ")}`,
    });
  }

  const tie =
    r.optionalBool(["tie_word_embeddings", "share_embeddings_and_output_weights"]) ??
    TIED_BY_DEFAULT.has(modelType);
  const sliding = slidingLayers(r, modelType, numLayers);
  if (LLAMA4.has(modelType) && sliding.count > 0) {
    advisories.push({
      code: "chunked-attention-as-window",
      message: `chunked attention on ${sliding.count} of ${numLayers} layers read as a sliding window of ${sliding.window} tokens: at most that many keys per token in the FLOPs (a chunk averages half its length once contexts pass it) and in the KV cache`,
      hint: "an engine that keeps the whole KV cache on chunked layers (vLLM without its hybrid KV-cache manager for chunked local attention) needs the memory of every layer global",
    });
  }
  const linearAttention = readLinearAttention(r, numLayers, modelType);
  if (linearAttention !== null) {
    const stateMiB = linearStateBytes({ linearAttention }) / 2 ** 20;
    advisories.push({
      code: "linear-attention-layers",
      message: `${linearAttention.layers} of ${numLayers} layers are linear attention (a gated delta rule: Gated DeltaNet, Kimi Delta Attention): no KV cache, a recurrent state of ${stateMiB.toFixed(0)} MiB per sequence, counted in the KV pool as the tokens of the same size`,
      hint: "their per-token recurrence is counted in the model FLOPs as ~8 x value heads x key dim x value dim a layer (an estimate) and left out of step times, as are the chunk states context parallelism would pass",
    });
  }
  const topK = r.optionalInt(["index_topk"]);
  const sparseAttention =
    topK === undefined
      ? null
      : {
          topK,
          indexerHeads: r.requiredInt(["index_n_heads"], "indexer heads"),
          indexerHeadDim: r.requiredInt(["index_head_dim"], "indexer head width"),
        };
  if (sparseAttention !== null) {
    advisories.push({
      code: "sparse-attention",
      message: `DeepSeek Sparse Attention: the main attention scores and reads the ${sparseAttention.topK} keys its indexer selects; the indexer (${sparseAttention.indexerHeads} heads of ${sparseAttention.indexerHeadDim}) scores every cached token, and every token stays in the KV cache`,
      hint: "the indexer's FP8 keys are counted beside the KV cache at 1 byte an element; training step times score the selected keys only",
    });
  }
  const mtpLayers =
    r.optionalInt(
      ["num_nextn_predict_layers", "mtp_num_layers", "mtp_num_hidden_layers", "num_mtp_modules"],
      0,
    ) ?? 0;
  const attnBiasKeys = ["attention_bias", "bias", "use_bias", "add_bias_linear"];
  const explicitAttnBias = r.optionalBool(attnBiasKeys);
  // `attention_bias` names the attention's projections only; `bias`, `use_bias` and Megatron's `add_bias_linear`
  // read as every linear layer's (Megatron-converted configs)
  const attentionOnlyBias = r.find(attnBiasKeys)?.key === "attention_bias";
  const attentionBias =
    explicitAttnBias ?? (BIASED.has(modelType) || modelType === "qwen2" || modelType === "qwen2_moe");
  // a stated attention bias says nothing of a gated MLP's: GLM-4.5 and Phi-3.5-MoE state attention_bias true over
  // bias-free experts; gpt-oss's experts carry biases (modeling_gpt_oss.py GptOssExperts gate_up_proj_bias)
  const mlpBias =
    r.optionalBool(["mlp_bias"]) ??
    (explicitAttnBias === true
      ? !attentionOnlyBias || mlp === "plain" || modelType === "gpt_oss"
      : BIASED.has(modelType));

  const configName = r.optionalString(["name", "_name_or_path"]);
  const maxPositions =
    r.optionalInt(["max_position_embeddings", "n_positions", "max_seq_len", "seq_length"]) ?? null;
  // Learned absolute positions: GPT-2 (wpe), OPT (embed_positions, 2 offset rows), StarCoder; or when stated.
  const positionType = r.optionalString(["position_embedding_type"]);
  const learned = positionType === "learned_absolute" || LEARNED_POSITIONS.has(modelType);
  const learnedPositions =
    learned && maxPositions !== null ? maxPositions + (modelType === "opt" ? 2 : 0) : 0;
  return {
    arch: {
      name: name ?? configName ?? modelType,
      modelType,
      hiddenSize,
      numLayers,
      numHeads,
      numKvHeads,
      headDim,
      intermediateSize: intermediate,
      vocabSize,
      tieEmbeddings: tie,
      mlp,
      attentionBias,
      mlpBias,
      norm: LAYERNORM.has(modelType) ? "layernorm" : "rmsnorm",
      mla,
      moe: moeRead?.moe ?? null,
      mtpLayers,
      slidingWindowLayers: sliding.count,
      slidingWindow: sliding.window,
      linearAttention,
      sparseAttention,
      attentionOutputGate:
        r.optionalBool(["attn_output_gate"]) ?? (linearAttention !== null && modelType.startsWith("qwen3")),
      maxPositionEmbeddings: maxPositions,
      learnedPositions,
      checkpointQuant: declaredQuant(config),
    },
    advisories,
  };
}

/** `quantization_config.quant_method` of a config (top level, as Hugging Face writes it), lower-cased; else null. */
function declaredQuant(config: Record<string, unknown>): string | null {
  const q = config.quantization_config;
  if (!isObject(q)) return null;
  const method = q.quant_method;
  return typeof method === "string" && method.trim() !== "" ? method.trim().toLowerCase() : null;
}
