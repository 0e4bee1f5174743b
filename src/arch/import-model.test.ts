import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { flopsPerToken } from "./flops.ts";
import { importModel } from "./import-model.ts";
import { kvCacheBytes, kvCacheBytesPerToken } from "./memory-per-token.ts";
import type { ModelArch } from "./model-arch.ts";
import { summarizeModel } from "./model-summary.ts";
import { paramCounts } from "./param-counts.ts";
import { DEEPSEEK_V32_CONFIG, QWEN3_NEXT_80B_CONFIG } from "./test-fixtures.ts";

/** A small config of each family, shaped as its publisher ships it (field names as in transformers' configs). */
const llamaLike = {
  hidden_size: 4096,
  intermediate_size: 11008,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 32,
  vocab_size: 32000,
  tie_word_embeddings: false,
};

describe("importModel() families", () => {
  it("reads Llama 2 7B as a gated dense model with 6.74B parameters (Touvron et al. 2023, '7B')", () => {
    const { arch, advisories } = importModel({ ...llamaLike, model_type: "llama" });
    expect(arch.mlp).toBe("gated");
    expect(arch.norm).toBe("rmsnorm");
    expect(advisories).toEqual([]);
    // meta-llama/Llama-2-7b-hf: 6,738,415,616 parameters.
    expect(paramCounts(arch).total).toBe(6_738_415_616);
  });

  it.each(["mistral", "qwen2", "qwen3"])("reads %s as gated dense", (modelType) => {
    const { arch } = importModel({
      ...llamaLike,
      model_type: modelType,
      num_key_value_heads: 8,
      head_dim: 128,
    });
    expect(arch.mlp).toBe("gated");
    expect(arch.numKvHeads).toBe(8);
    expect(arch.moe).toBeNull();
  });

  it("reads GPT-2 legacy aliases and gives GPT-2 small's 124,439,808 parameters", () => {
    // openai-community/gpt2 config.json; 124,439,808 is the count transformers reports for it.
    const { arch } = importModel({
      model_type: "gpt2",
      n_embd: 768,
      n_layer: 12,
      n_head: 12,
      n_positions: 1024,
      n_inner: null,
      vocab_size: 50257,
      activation_function: "gelu_new",
    });
    expect(arch.hiddenSize).toBe(768);
    expect(arch.intermediateSize).toBe(3072);
    expect(arch.tieEmbeddings).toBe(true);
    expect(paramCounts(arch).total).toBe(124_439_808);
  });

  it("reads GPT-NeoX-20B near its published 20.55B parameters (Black et al. 2022, Table 1)", () => {
    const { arch } = importModel({
      model_type: "gpt_neox",
      hidden_size: 6144,
      intermediate_size: 24576,
      num_hidden_layers: 44,
      num_attention_heads: 64,
      vocab_size: 50432,
      tie_word_embeddings: false,
    });
    expect(arch.mlp).toBe("plain");
    expect(paramCounts(arch).total / 20.55e9).toBeCloseTo(1, 2);
  });

  it("reads BLOOM's n_embed/n_layer/n_head aliases and its 176B parameters", () => {
    // bigscience/bloom config.json; 176,247,271,424 parameters (BLOOM paper, Table 3 '176B').
    const { arch } = importModel({
      model_type: "bloom",
      n_embed: 14336,
      n_layer: 70,
      n_head: 112,
      vocab_size: 250880,
    });
    expect(arch.intermediateSize).toBe(4 * 14336);
    expect(paramCounts(arch).total / 176.2e9).toBeCloseTo(1, 2);
  });

  it("reads OPT's ffn_dim and learned positions (OPT-13B: 12.85B)", () => {
    const { arch } = importModel({
      model_type: "opt",
      hidden_size: 5120,
      ffn_dim: 20480,
      num_hidden_layers: 40,
      num_attention_heads: 40,
      vocab_size: 50272,
      max_position_embeddings: 2048,
    });
    expect(arch.intermediateSize).toBe(20480);
    expect(arch.learnedPositions).toBe(2050);
    expect(paramCounts(arch).total / 12.85e9).toBeCloseTo(1, 2);
  });

  it("reads Falcon's multi_query flag as one KV head", () => {
    const { arch } = importModel({
      model_type: "falcon",
      hidden_size: 4544,
      num_hidden_layers: 32,
      num_attention_heads: 71,
      multi_query: true,
      vocab_size: 65024,
    });
    expect(arch.numKvHeads).toBe(1);
    expect(arch.intermediateSize).toBe(4 * 4544);
  });

  it("reads Megatron 'gpt' with relu2 (Nemotron-4) as plain, untied when stated", () => {
    const { arch } = importModel({
      model_type: "gpt",
      hidden_act: "relu2",
      hidden_size: 6144,
      intermediate_size: 24576,
      num_hidden_layers: 32,
      num_attention_heads: 48,
      num_key_value_heads: 8,
      vocab_size: 256000,
      tie_word_embeddings: false,
    });
    expect(arch.mlp).toBe("plain");
    // Nemotron-4 15B: 15.6B parameters (Parmar et al. 2024 §2: 3.2B embedding + 12.5B non-embedding).
    expect(paramCounts(arch).total / 15.6e9).toBeCloseTo(1, 1);
  });

  it("reads Mixtral's num_local_experts with experts of intermediate_size", () => {
    const { arch } = importModel({
      model_type: "mixtral",
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      vocab_size: 32000,
    });
    expect(arch.moe).toMatchObject({
      numExperts: 8,
      topK: 2,
      expertIntermediateSize: 14336,
      moeLayerCount: 32,
    });
  });

  it("reads Qwen2-MoE's gated shared expert and decoder_sparse_step", () => {
    // Qwen/Qwen1.5-MoE-A2.7B config.json: 14.3B total, 2.7B active ("A2.7B"), Qwen blog.
    const { arch } = importModel({
      model_type: "qwen2_moe",
      hidden_size: 2048,
      intermediate_size: 5632,
      moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632,
      num_experts: 60,
      num_experts_per_tok: 4,
      decoder_sparse_step: 1,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      vocab_size: 151936,
      tie_word_embeddings: false,
    });
    expect(arch.moe?.sharedExpertGate).toBe(true);
    const p = paramCounts(arch);
    expect(p.total / 14.3e9).toBeCloseTo(1, 1);
    expect(p.active / 2.7e9).toBeCloseTo(1, 1);
  });

  it("reads Llama 4: a shared expert beside the routed ones, MoE on interleaved layers, chunked attention", () => {
    // Field values of meta-llama/Llama-4-Maverick-17B-128E's text_config as NVIDIA/TensorRT-LLM's Llama 4 tests copy
    // them (LLAMA_4_MAVERICK_TWO_LAYER_CONFIG, 48 layers restored); Meta's model card: Maverick 17B active / 400B
    // total, Scout (16 experts, MoE in every layer) 17B active / 109B total.
    const text = {
      model_type: "llama4_text",
      hidden_size: 5120,
      intermediate_size: 8192,
      intermediate_size_mlp: 16384,
      interleave_moe_layer_step: 2,
      num_local_experts: 128,
      num_experts_per_tok: 1,
      num_hidden_layers: 48,
      num_attention_heads: 40,
      num_key_value_heads: 8,
      head_dim: 128,
      attention_chunk_size: 8192,
      hidden_act: "silu",
      tie_word_embeddings: false,
      vocab_size: 202048,
    };
    const maverick = importModel({ model_type: "llama4", text_config: text });
    expect(maverick.advisories.map((a) => a.code)).not.toContain("unknown-model-type");
    expect(maverick.arch.moe).toMatchObject({ moeLayerCount: 24, sharedIntermediateSize: 8192 });
    expect(maverick.arch.intermediateSize).toBe(16384);
    const m = paramCounts(maverick.arch);
    expect(m.total / 400e9).toBeCloseTo(1, 1);
    expect(m.active / 17e9).toBeCloseTo(1, 1);
    // 36 of 48 layers chunked (every 4th is global), a chunk of 8,192 tokens
    expect([maverick.arch.slidingWindowLayers, maverick.arch.slidingWindow]).toEqual([36, 8192]);
    expect(maverick.advisories.map((a) => a.code)).toContain("chunked-attention-as-window");
    // the published configs ship an empty no_rope_layers: the default (every 4th layer global) applies
    const shipped = importModel({ model_type: "llama4", text_config: { ...text, no_rope_layers: [] } }).arch;
    expect([shipped.slidingWindowLayers, shipped.slidingWindow]).toEqual([36, 8192]);
    // an explicit moe_layers list wins over the interleave step
    const listed = importModel({
      model_type: "llama4",
      text_config: { ...text, moe_layers: [1, 3, 3, 5, 99] },
    }).arch;
    expect(listed.moe?.moeLayerCount).toBe(3);
    const scout = importModel({
      model_type: "llama4",
      text_config: { ...text, interleave_moe_layer_step: 1, num_local_experts: 16 },
    });
    expect(scout.arch.moe?.moeLayerCount).toBe(48);
    const sc = paramCounts(scout.arch);
    expect(sc.total / 109e9).toBeCloseTo(1, 1);
    expect(sc.active / 17e9).toBeCloseTo(1, 1);
  });

  it("reads Qwen3-Next's linear-attention layers: no KV cache, their own projections, a fixed state", () => {
    const config = QWEN3_NEXT_80B_CONFIG; // test-fixtures.ts
    const { arch, advisories } = importModel(config);
    expect(arch.linearAttention?.layers).toBe(36);
    expect(arch.attentionOutputGate).toBe(true);
    expect(advisories.map((a) => a.code)).toContain("linear-attention-layers");
    expect(advisories.map((a) => a.code)).not.toContain("unknown-model-type");
    const p = paramCounts(arch);
    expect(p.total / 80e9).toBeCloseTo(1, 1);
    expect(p.active / 3.9e9).toBeCloseTo(1, 1);
    // only the 12 full-attention layers hold KV: 12 x 2 x 2 heads x 256 x 2 bytes = 24 KiB per token
    expect(kvCacheBytesPerToken(arch, 2)).toBe(12 * 2 * 2 * 256 * 2);
    expect(kvCacheBytes(arch, 1000, 2)).toBe(1000 * 12 * 2 * 2 * 256 * 2);
    // layer_types, when listed, names the linear layers
    const listed = importModel({
      ...config,
      layer_types: [...Array(46).fill("linear_attention"), "full_attention", "full_attention"],
    }).arch;
    expect(listed.linearAttention?.layers).toBe(46);
    // a qwen3_next config without its linear fields takes the config class's defaults (the same shape here)
    const defaulted = importModel({
      ...config,
      linear_num_key_heads: undefined,
      linear_num_value_heads: undefined,
      linear_key_head_dim: undefined,
      linear_value_head_dim: undefined,
    }).arch;
    expect(defaulted.linearAttention).toEqual(arch.linearAttention);
    // the same model read as all full attention scores far more keys at long context
    const dense = importModel({ ...config, model_type: "qwen3_moe", linear_num_value_heads: undefined }).arch;
    expect(dense.linearAttention).toBeNull();
    expect(flopsPerToken(arch, 32768).attentionFwd).toBeLessThan(
      flopsPerToken(dense, 32768).attentionFwd / 3,
    );
  });

  it("reads Kimi-Linear's nested linear_attn_config: 20 KDA layers beside 7 MLA ones (review 2026-11-30)", () => {
    // moonshotai/Kimi-Linear-48B-A3B-Instruct config.json (fields as shipped, the MoE and MLA ones kept)
    const kimiLinear = {
      model_type: "kimi_linear",
      hidden_act: "silu",
      hidden_size: 2304,
      intermediate_size: 9216,
      num_hidden_layers: 27,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      head_dim: 72,
      kv_lora_rank: 512,
      q_lora_rank: null,
      qk_nope_head_dim: 128,
      qk_rope_head_dim: 64,
      v_head_dim: 128,
      first_k_dense_replace: 1,
      moe_intermediate_size: 1024,
      moe_layer_freq: 1,
      num_experts: 256,
      num_experts_per_token: 8,
      num_shared_experts: 1,
      vocab_size: 163840,
      tie_word_embeddings: false,
      linear_attn_config: {
        full_attn_layers: [4, 8, 12, 16, 20, 24, 27],
        kda_layers: [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22, 23, 25, 26],
        head_dim: 128,
        num_heads: 32,
        short_conv_kernel_size: 4,
      },
    };
    const { arch, advisories } = importModel(kimiLinear);
    expect(arch.linearAttention).toMatchObject({
      layers: 20,
      valueHeads: 32,
      keyHeadDim: 128,
      convKernel: 4,
    });
    expect(advisories.map((a) => a.code)).toContain("linear-attention-layers");
    // only the 7 MLA layers cache: 7 x (512 + 64) x 2 bytes; read as 27 MLA layers it was 3.86x this
    expect(kvCacheBytesPerToken(arch, 2)).toBe(7 * 576 * 2);
    // 48B total, 3B active (the model card); the safetensors tally is 49.12B
    const p = paramCounts(arch);
    expect(p.total / 49.12e9).toBeCloseTo(1, 1);
    const uneven = { ...kimiLinear.linear_attn_config, kda_layers: [1, 2, 3] };
    expect(() => importModel({ ...kimiLinear, linear_attn_config: uneven })).toThrow(
      /linear_attn_config lists 3 KDA and 7 full-attention layers, not the 27/,
    );
  });

  it("refuses a Mamba-1 model for its state-space layers, not for its missing attention heads (review 2026-11-30)", () => {
    // tiiuae/falcon-mamba-7b config.json's fields (no attention heads at all)
    const falconMamba = {
      model_type: "falcon_mamba",
      hidden_size: 4096,
      num_hidden_layers: 64,
      intermediate_size: 8192,
      state_size: 16,
      conv_kernel: 4,
      expand: 16,
      time_step_rank: 256,
      vocab_size: 65024,
    };
    expect(() => importModel(falconMamba)).toThrow(/time_step_rank describes state-space \(Mamba\) layers/);
  });

  it("refuses DeepSeek-V4-style compressed attention rather than read it as MQA with a window on every layer", () => {
    const v4 = {
      ...llamaLike,
      model_type: "deepseek_v4",
      sliding_window: 128,
      compress_ratios: [0, 4, 128, 4],
    };
    expect(() => importModel(v4)).toThrow(
      /compress_ratios compresses the keys of its layers along the sequence/,
    );
  });

  it("refuses Gemma-4-style full-attention layers of their own shape rather than misread them", () => {
    const gemma4 = {
      ...llamaLike,
      model_type: "gemma4_text",
      head_dim: 256,
      num_key_value_heads: 16,
      global_head_dim: 512,
      num_global_key_value_heads: 4,
    };
    expect(() => importModel(gemma4)).toThrow(
      /global_head_dim gives the full-attention layers their own attention shape \(512 against head_dim 256\)/,
    );
    expect(() => importModel({ ...llamaLike, attention_k_eq_v: true })).toThrow(
      /attention_k_eq_v makes keys serve as values/,
    );
    // a global shape equal to the others' is the same model
    expect(importModel({ ...llamaLike, head_dim: 128, global_head_dim: 128 }).arch.headDim).toBe(128);
  });

  it("reads DeepSeek-V3.2's sparse attention: the indexer's weights and keys, top-k keys scored", () => {
    const v32 = importModel(DEEPSEEK_V32_CONFIG);
    const {
      model_type: _,
      index_topk: __,
      index_n_heads: ___,
      index_head_dim: ____,
      ...v3Fields
    } = DEEPSEEK_V32_CONFIG;
    const v3 = importModel({ ...v3Fields, model_type: "deepseek_v3" }).arch;
    expect(v32.advisories.map((a) => a.code)).toEqual(["sparse-attention"]);
    expect(v32.arch.sparseAttention).toEqual({ topK: 2048, indexerHeads: 64, indexerHeadDim: 128 });
    // the indexer per layer: wq_b 1536 x 64 x 128, wk 7168 x 128, weights_proj 7168 x 64, a LayerNorm of 128
    const indexer = 1536 * 64 * 128 + 7168 * 128 + 7168 * 64 + 2 * 128;
    expect(paramCounts(v32.arch).total - paramCounts(v3).total).toBe(61 * indexer);
    // the indexer's FP8 key (128 + a 4-byte scale) beside the 576-element latent, per token and layer
    expect(kvCacheBytesPerToken(v32.arch, 1)).toBe(61 * (576 + 132));
    // up to 2,048 keys the indexer only adds; at 32K the main attention scores 2,048 of 32,768 keys
    const at = (s: number) => flopsPerToken(v32.arch, s).attentionFwd / flopsPerToken(v3, s).attentionFwd;
    expect(at(2048)).toBeGreaterThan(1);
    // 2,048 / 32,768 of the score FLOPs, plus the indexer's 64 x 128 QK width over the main 128 x (192 + 128)
    expect(at(32768)).toBeCloseTo(2048 / 32768 + (64 * 128) / (128 * 320), 9);
  });

  it("reads Qwen3-MoE's mlp_only_layers as dense layers", () => {
    const { arch } = importModel({
      model_type: "qwen3_moe",
      hidden_size: 2048,
      intermediate_size: 6144,
      moe_intermediate_size: 768,
      num_experts: 128,
      num_experts_per_tok: 8,
      num_hidden_layers: 48,
      num_attention_heads: 32,
      num_key_value_heads: 4,
      head_dim: 128,
      mlp_only_layers: [0, 1],
      vocab_size: 151936,
    });
    expect(arch.moe?.moeLayerCount).toBe(46);
  });

  it.each(["deepseek_v2", "deepseek_v3", "kimi_k2"])(
    "reads %s MLA and first_k_dense_replace",
    (modelType) => {
      const { arch } = importModel({
        model_type: modelType,
        hidden_size: 7168,
        intermediate_size: 18432,
        moe_intermediate_size: 2048,
        n_routed_experts: 256,
        n_shared_experts: 1,
        num_experts_per_tok: 8,
        first_k_dense_replace: 3,
        moe_layer_freq: 1,
        num_hidden_layers: 61,
        num_attention_heads: 128,
        num_key_value_heads: 128,
        q_lora_rank: 1536,
        kv_lora_rank: 512,
        qk_nope_head_dim: 128,
        qk_rope_head_dim: 64,
        v_head_dim: 128,
        vocab_size: 129280,
      });
      expect(arch.mla).toEqual({
        qLoraRank: 1536,
        kvLoraRank: 512,
        qkNopeHeadDim: 128,
        qkRopeHeadDim: 64,
        vHeadDim: 128,
      });
      expect(arch.moe?.moeLayerCount).toBe(58);
      expect(arch.moe?.sharedIntermediateSize).toBe(2048);
    },
  );

  it("reads gpt-oss's experts_per_token alias and its sliding-window layers", () => {
    const { arch } = importModel({
      model_type: "gpt_oss",
      hidden_size: 2880,
      intermediate_size: 2880,
      num_hidden_layers: 4,
      num_attention_heads: 64,
      num_key_value_heads: 8,
      head_dim: 64,
      num_local_experts: 128,
      experts_per_token: 4,
      sliding_window: 128,
      layer_types: ["sliding_attention", "full_attention", "sliding_attention", "full_attention"],
      vocab_size: 201088,
    });
    expect(arch.moe?.topK).toBe(4);
    expect(arch.slidingWindowLayers).toBe(2);
    expect(arch.slidingWindow).toBe(128);
  });

  it("reads a multimodal config's text_config", () => {
    const { arch } = importModel({
      model_type: "llava",
      architectures: ["LlavaForConditionalGeneration"],
      text_config: { ...llamaLike, model_type: "llama" },
    });
    expect(arch.modelType).toBe("llama");
    expect(arch.hiddenSize).toBe(4096);
  });

  it("reads an unknown family generically and says so", () => {
    const { arch, advisories } = importModel({ ...llamaLike, model_type: "yi_next", hidden_act: "silu" });
    expect(arch.mlp).toBe("gated");
    expect(advisories.map((a) => a.code)).toContain("unknown-model-type");
  });

  it("reads a new version of a known family with its namesake's MLP, not its activation's (review 2026-11-30)", () => {
    // a gemma4_text config gates its GELU-tanh MLP as Gemma 1-3 do (its checkpoint holds gate_proj on every layer);
    // the activation alone reads GELU as plain, 24 % short on Gemma-4-31B's parameters
    const gelu = { ...llamaLike, hidden_activation: "gelu_pytorch_tanh" };
    const next = importModel({ ...gelu, model_type: "gemma4_text" });
    expect(next.arch.mlp).toBe("gated");
    expect(next.advisories.find((a) => a.code === "unknown-model-type")?.message).toMatch(
      /gated as its namesake gemma/,
    );
    const plainNamesake = importModel({ ...llamaLike, model_type: "gpt3", hidden_act: "silu" });
    expect(plainNamesake.arch.mlp).toBe("plain");
    // an unversioned name is not a new version: Phi-2 ("phi", gelu_new, fc1/fc2) is not read as Phi-3's gated MLP
    expect(importModel({ ...llamaLike, model_type: "phi", hidden_act: "gelu_new" }).arch.mlp).toBe("plain");
    // no namesake: the activation decides, and the advisory says so
    const guess = importModel({ ...gelu, model_type: "starcoder2" });
    expect(guess.arch.mlp).toBe("plain");
    expect(guess.advisories.find((a) => a.code === "unknown-model-type")?.message).toMatch(
      /plain from its activation "gelu_pytorch_tanh"/,
    );
  });
});

/** google/gemma-2-9b config.json, as the Hub ships it (no layer_types, no tie_word_embeddings). */
const gemma2_9b = {
  architectures: ["Gemma2ForCausalLM"],
  attn_logit_softcapping: 50.0,
  final_logit_softcapping: 30.0,
  head_dim: 256,
  hidden_act: "gelu_pytorch_tanh",
  hidden_activation: "gelu_pytorch_tanh",
  hidden_size: 3584,
  intermediate_size: 14336,
  max_position_embeddings: 8192,
  model_type: "gemma2",
  num_attention_heads: 16,
  num_hidden_layers: 42,
  num_key_value_heads: 8,
  query_pre_attn_scalar: 256,
  rms_norm_eps: 1e-6,
  rope_theta: 10000.0,
  sliding_window: 4096,
  cache_implementation: "hybrid",
  vocab_size: 256000,
};

/** The same model with every layer global: what the windowed figures are compared against. */
function withoutWindow(arch: ModelArch): ModelArch {
  return { ...arch, slidingWindowLayers: 0, slidingWindow: null };
}

describe("importModel() sliding-window layers, read as transformers reads each family", () => {
  const small = { ...llamaLike, num_hidden_layers: 8 };
  const read = (config: Record<string, unknown>) => {
    const { arch } = importModel(config);
    return [arch.slidingWindowLayers, arch.slidingWindow];
  };

  it("windows every other Gemma-2 layer (configuration_gemma2.py: sliding when (i + 1) % 2)", () => {
    const { arch } = importModel(gemma2_9b);
    expect(arch.slidingWindowLayers).toBe(21);
    expect(arch.slidingWindow).toBe(4096);
    // Gemma2Config ties the head to the embedding unless told otherwise: 9.24B, not 10.2B.
    expect(arch.tieEmbeddings).toBe(true);
    expect(paramCounts(arch).total).toBeCloseTo(9.24e9, -7);
    expect(importModel({ ...gemma2_9b, tie_word_embeddings: false }).arch.tieEmbeddings).toBe(false);
  });

  it("grows Gemma-2's attention share from 4K to 32K (its 21 global layers see the whole sequence)", () => {
    const shares = summarizeModel(importModel(gemma2_9b).arch).training_flops_per_token.map(
      (f) => f.attention_share,
    );
    expect(shares[0]).toBeLessThan(shares[1] as number);
    expect(shares[1]).toBeLessThan(shares[2] as number);
    expect(shares[2]).toBeGreaterThan(0.35);
  });

  it("makes Gemma-2's KV cache at 32K grow only in its 21 global layers, as its FLOPs do", () => {
    const { arch } = importModel(gemma2_9b);
    const perLayer = 2 * 8 * 256 * 2; // K and V, 8 KV heads of 256, bf16
    expect(kvCacheBytesPerToken(arch, 2)).toBe(42 * perLayer);
    expect(kvCacheBytes(arch, 32768, 2)).toBe(perLayer * (21 * 32768 + 21 * 4096));
    // One more token past 32K adds to the 21 global layers only.
    expect(kvCacheBytes(arch, 32769, 2) - kvCacheBytes(arch, 32768, 2)).toBe(21 * perLayer);
    // FLOPs and KV cache count the same windowed layers: both shrink by the same factor against all-global layers.
    const full = withoutWindow(arch);
    for (const s of [4096, 8192, 32768]) {
      const flopsRatio = flopsPerToken(arch, s).attentionFwd / flopsPerToken(full, s).attentionFwd;
      expect(flopsRatio).toBeCloseTo(kvCacheBytes(arch, s, 2) / kvCacheBytes(full, s, 2), 12);
    }
    const summary = summarizeModel(arch);
    expect(summary.architecture.sliding_window_layers).toBe(21);
    expect(summary.kv_cache_bytes_per_token_at_seq.map((k) => k.bf16)).toEqual([
      42 * perLayer,
      perLayer * (21 + 21 / 2),
      perLayer * (21 + 21 / 8),
    ]);
  });

  it("takes an explicit layer_types over the family's default pattern", () => {
    const layer_types = Array.from({ length: 42 }, (_, i) =>
      i < 40 ? "sliding_attention" : "full_attention",
    );
    expect(read({ ...gemma2_9b, layer_types })).toEqual([40, 4096]);
    expect(read({ ...gemma2_9b, sliding_window: null })).toEqual([0, null]);
  });

  it("windows 5 of every 6 Gemma-3 layers (configuration_gemma3.py sliding_window_pattern, default 6)", () => {
    const text = { ...llamaLike, model_type: "gemma3_text", num_hidden_layers: 62, sliding_window: 1024 };
    // Gemma-3 27B: 62 layers, global at i = 5, 11, ..., 59.
    expect(read(text)).toEqual([52, 1024]);
    expect(read({ model_type: "gemma3", text_config: text })).toEqual([52, 1024]);
    expect(read({ ...text, sliding_window_pattern: 4, num_hidden_layers: 8 })).toEqual([6, 1024]);
  });

  it("windows every Mistral layer when sliding_window is set and not null, ignoring layer_types", () => {
    expect(read({ ...small, model_type: "mistral", sliding_window: 4096 })).toEqual([8, 4096]);
    expect(read({ ...small, model_type: "mistral", sliding_window: null })).toEqual([0, null]);
    expect(read({ ...small, model_type: "mistral" })).toEqual([0, null]);
    expect(
      read({
        ...small,
        model_type: "mistral",
        sliding_window: 4096,
        layer_types: Array.from({ length: 8 }, () => "full_attention"),
      }),
    ).toEqual([8, 4096]);
  });

  it.each(["qwen2", "qwen3"])(
    "windows %s only with use_sliding_window, from max_window_layers on (default 28)",
    (modelType) => {
      const qwen = { ...llamaLike, model_type: modelType, num_hidden_layers: 36, sliding_window: 32768 };
      // Qwen2Config/Qwen3Config drop sliding_window unless use_sliding_window is true.
      expect(read(qwen)).toEqual([0, null]);
      expect(read({ ...qwen, use_sliding_window: false, max_window_layers: 20 })).toEqual([0, null]);
      expect(read({ ...qwen, use_sliding_window: true, max_window_layers: 20 })).toEqual([16, 32768]);
      expect(read({ ...qwen, use_sliding_window: true })).toEqual([8, 32768]);
      expect(read({ ...qwen, use_sliding_window: true, max_window_layers: 36 })).toEqual([0, null]);
    },
  );

  it("alternates gpt-oss layers when its config leaves layer_types out (configuration_gpt_oss.py)", () => {
    expect(read({ ...small, model_type: "gpt_oss", num_local_experts: 8, num_experts_per_tok: 2 })).toEqual([
      4, 128,
    ]);
  });

  it("gives no window to families whose attention has none (Llama), whatever the config says", () => {
    expect(read({ ...small, model_type: "llama", sliding_window: 4096 })).toEqual([0, null]);
  });
});

describe("importModel() bad input", () => {
  const cases: [string, unknown, RegExp][] = [
    ["negative hidden size", { ...llamaLike, hidden_size: -4096 }, /hidden_size must be > 0, got -4096/],
    ["zero layers", { ...llamaLike, num_hidden_layers: 0 }, /num_hidden_layers must be > 0, got 0/],
    [
      "fractional heads",
      { ...llamaLike, num_attention_heads: 32.5 },
      /num_attention_heads must be a whole number/,
    ],
    [
      "heads not dividing hidden",
      { ...llamaLike, num_attention_heads: 30, num_key_value_heads: 10 },
      /must divide hidden_size 4096, got 30/,
    ],
    [
      "kv heads not dividing heads",
      { ...llamaLike, num_key_value_heads: 5 },
      /num_key_value_heads must divide/,
    ],
    ["string width", { ...llamaLike, hidden_size: "4096" }, /hidden_size must be a number, got "4096"/],
    [
      "missing layers",
      { hidden_size: 64, num_attention_heads: 4, vocab_size: 10 },
      /num_hidden_layers .* is missing/,
    ],
    ["unknown family without fields", { model_type: "mystery" }, /hidden_size .* is missing/],
    ["not an object", [1, 2], /expected a JSON object/],
    ["MoE without experts", { ...llamaLike, model_type: "mixtral" }, /no expert count/],
    [
      "top-k above experts",
      { ...llamaLike, num_local_experts: 2, num_experts_per_tok: 4 },
      /<= the expert count 2/,
    ],
  ];
  it.each(cases)("rejects %s with one clear line", (_label, config, message) => {
    let caught: unknown;
    try {
      importModel(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FleetcastError);
    const text = (caught as Error).message;
    expect(text).toMatch(/^Cannot read model config/);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("returns a model or a FleetcastError for any JSON (property)", () => {
    const field = fc.oneof(
      fc.integer({ min: -5, max: 5000 }),
      fc.double(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    );
    const configs = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          model_type: fc.constantFrom(
            "llama",
            "gpt2",
            "mixtral",
            "deepseek_v3",
            "qwen2_moe",
            "gpt_oss",
            "gemma2",
            "gemma3_text",
            "qwen2",
            "mistral",
            "zzz",
          ),
          hidden_size: field,
          num_hidden_layers: field,
          num_attention_heads: field,
          num_key_value_heads: field,
          intermediate_size: field,
          vocab_size: field,
          num_local_experts: field,
          num_experts_per_tok: field,
          kv_lora_rank: field,
          head_dim: field,
          sliding_window: field,
          use_sliding_window: field,
          max_window_layers: field,
          sliding_window_pattern: field,
          layer_types: fc.array(fc.constantFrom("sliding_attention", "full_attention", 3), { maxLength: 40 }),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(configs, (config) => {
        try {
          const { arch } = importModel(config);
          const p = paramCounts(arch);
          const windowed = arch.slidingWindowLayers;
          return (
            Number.isFinite(p.total) &&
            p.total > 0 &&
            p.active <= p.total &&
            windowed >= 0 &&
            windowed <= arch.numLayers &&
            windowed > 0 === (arch.slidingWindow !== null)
          );
        } catch (error) {
          return error instanceof FleetcastError;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("importModel() unknown families it must not read silently wrong (review, 2026-11-30)", () => {
  const moeConfig = {
    model_type: "someone_moe",
    hidden_size: 4096,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    vocab_size: 151_936,
    intermediate_size: 12_288,
    moe_intermediate_size: 1536,
    num_experts: 64,
    num_experts_per_tok: 8,
  };

  it("reads a mixture of experts that names no activation with gated experts, and says so", () => {
    const { arch, advisories } = importModel(moeConfig);
    expect(arch.mlp).toBe("gated");
    expect(advisories.map((a) => a.code)).toContain("activation-assumed");
    // a dense model without an activation stays GPT-2's plain MLP
    const { moe_intermediate_size: _m, num_experts: _e, num_experts_per_tok: _k, ...dense } = moeConfig;
    expect(importModel(dense).arch.mlp).toBe("plain");
  });

  it("reads DBRX's nested attention and experts (132B total, 36B active: Databricks' model card)", () => {
    const dbrx = {
      model_type: "dbrx",
      d_model: 6144,
      n_heads: 48,
      n_layers: 40,
      vocab_size: 100_352,
      tie_word_embeddings: false,
      attn_config: { kv_n_heads: 8 },
      ffn_config: { ffn_hidden_size: 10_752, moe_num_experts: 16, moe_top_k: 4 },
    };
    const { arch } = importModel(dbrx);
    expect([
      arch.numKvHeads,
      arch.moe?.numExperts,
      arch.moe?.topK,
      arch.moe?.expertIntermediateSize,
      arch.mlp,
    ]).toEqual([8, 16, 4, 10_752, "gated"]);
    const counts = paramCounts(arch);
    expect(counts.total / 1e9).toBeCloseTo(131.6, 0);
    expect(counts.active / 1e9).toBeCloseTo(36.5, 0);
  });

  it("refuses a config naming experts it cannot place, instead of reading a far smaller dense model", () => {
    const nested = {
      model_type: "some_moe",
      hidden_size: 4096,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      vocab_size: 32_000,
      intermediate_size: 14_336,
      hidden_act: "silu",
      block: { moe_num_experts: 64, moe_top_k: 8 },
    };
    expect(() => importModel(nested)).toThrow(
      /^Cannot read model config: it names experts \(block\.moe_num_experts, block\.moe_top_k\) fleetcast cannot place/,
    );
    expect(() => importModel(moeConfig)).not.toThrow();
  });

  it("refuses state-space and lightning-attention hybrids, naming the field (review, 2026-11-30)", () => {
    const base = { ...moeConfig };
    // Nemotron-H: M = Mamba-2, * = attention, - = MLP only
    expect(() => importModel({ ...base, hybrid_override_pattern: "M-M-M*-M-" })).toThrow(
      /hybrid_override_pattern lays out Mamba-2 layers \(4 Mamba, 1 attention, 4 MLP-only of 9\), which fleetcast does not model/,
    );
    expect(() => importModel({ ...base, mamba_d_ssm: 4096 })).toThrow(/mamba_d_ssm describes state-space/);
    expect(() => importModel({ ...base, attn_layer_period: 8 })).toThrow(/attn_layer_period/);
    expect(() => importModel({ ...base, hybrid_layer_pattern: [0, 1, 1, 1] })).toThrow(
      /hybrid_layer_pattern mixes layers of different attention shapes/,
    );
    // MiniMax-M1: 0 = lightning attention, 1 = softmax attention
    expect(() => importModel({ ...base, attn_type_list: [0, 0, 1] })).toThrow(
      /attn_type_list marks 2 of 3 layers as lightning \(linear\) attention/,
    );
    expect(() => importModel({ ...base, text_config: { layer_types: ["mamba"] } })).toThrow(
      /^Cannot read model config: text_config\.layer_types lists layers of kind "mamba"/,
    );
  });

  it("reads moe_layer_freq given as a per-layer list, and MiniMax's num_mtp_modules", () => {
    const flags = Array.from({ length: 32 }, (_, i) => (i < 2 ? 0 : 1));
    expect(importModel({ ...moeConfig, moe_layer_freq: flags }).arch.moe?.moeLayerCount).toBe(30);
    expect(() => importModel({ ...moeConfig, moe_layer_freq: [1, 1] })).toThrow(
      /^Cannot read model config: moe_layer_freq as a list must give 0 or 1 for each of the 32 layers/,
    );
    expect(importModel({ ...moeConfig, num_mtp_modules: 3 }).arch.mtpLayers).toBe(3);
  });

  it("refuses ERNIE-4.5's moe_k layout rather than misread it (its shared experts and MoE layer range are not read)", () => {
    const ernie = {
      ...moeConfig,
      model_type: "ernie4_5_moe",
      num_experts: undefined,
      num_experts_per_tok: undefined,
      moe_num_experts: 64,
      moe_k: 6,
      moe_num_shared_experts: 2,
      moe_layer_start_index: 1,
    };
    expect(() => importModel(ernie)).toThrow(
      /^Cannot read model config: moe_k describes an ERNIE-style expert layout/,
    );
    // adding the top-k under another name does not get it misread either
    expect(() => importModel({ ...ernie, num_experts_per_tok: 6 })).toThrow(/ERNIE-style expert layout/);
  });

  it("reads a stated attention_bias as the attention's only, but add_bias_linear as every linear layer's", () => {
    const gated = { ...moeConfig, hidden_act: "silu" };
    expect(importModel({ ...gated, attention_bias: true }).arch.mlpBias).toBe(false);
    expect(importModel({ ...gated, add_bias_linear: true }).arch.mlpBias).toBe(true);
  });

  it("refuses a layer_types list shorter than the layers", () => {
    const layers = (moeConfig as { num_hidden_layers: number }).num_hidden_layers;
    expect(() => importModel({ ...moeConfig, layer_types: ["full_attention"] })).toThrow(
      `Cannot read model config: layer_types must list one entry for each of the ${layers} layers (num_hidden_layers), got 1`,
    );
  });

  it("fills the fields Gemma-3's config class defaults, as its Hub file leaves them out", () => {
    // google/gemma-3-27b-it config.json: text_config without vocab_size (Gemma3TextConfig: 262,208)
    const gemma = {
      model_type: "gemma3",
      text_config: {
        model_type: "gemma3_text",
        head_dim: 128,
        hidden_size: 5376,
        intermediate_size: 21_504,
        num_attention_heads: 32,
        num_hidden_layers: 62,
        num_key_value_heads: 16,
        sliding_window: 1024,
      },
    };
    const { arch, advisories } = importModel(gemma);
    expect(arch.vocabSize).toBe(262_208);
    expect(arch.numHeads).toBe(32);
    expect(paramCounts(arch).total / 1e9).toBeCloseTo(27.0, 1);
    expect(advisories.find((a) => a.code === "defaulted-from-config-class")?.message).toMatch(
      /^text_config\.vocab_size 262208, text_config\.max_position_embeddings 131072: not in the file/,
    );
  });
});
