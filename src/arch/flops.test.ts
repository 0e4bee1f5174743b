import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flopsPerToken } from "./flops.ts";
import { importModel } from "./import-model.ts";
import { kvCacheBytes, kvCacheBytesPerToken, weightBytes } from "./memory-per-token.ts";

const gpt3 = importModel({
  model_type: "gpt",
  hidden_size: 12288,
  intermediate_size: 49152,
  num_hidden_layers: 96,
  num_attention_heads: 96,
  vocab_size: 51200,
  add_bias_linear: false,
}).arch;

describe("flopsPerToken()", () => {
  it("reproduces Megatron's FLOPs per step, 72·B·s·l·h²·(1 + s/6h + V/12lh) (Narayanan et al. 2021, eq. 3)", () => {
    const s = 2048;
    const { hiddenSize: h, numLayers: l, vocabSize: V } = gpt3;
    const megatronPerToken = 72 * l * h * h * (1 + s / (6 * h) + V / (12 * l * h));
    // The paper's count omits norms and biases, which are not matmuls; ours only counts matmuls and scores.
    expect(flopsPerToken(gpt3, s).training / megatronPerToken).toBeCloseTo(1, 6);
  });

  it("halves only the attention scores under causal masking", () => {
    const full = flopsPerToken(gpt3, 8192);
    const causal = flopsPerToken(gpt3, 8192, { causal: true });
    expect(causal.matmulFwd).toBe(full.matmulFwd);
    expect(causal.attentionFwd).toBeCloseTo(full.attentionFwd / 2, 0);
  });

  it("counts MLA's 192-wide keys and 128-wide values for DeepSeek-V3 attention", () => {
    const { arch } = importModel({
      model_type: "deepseek_v3",
      hidden_size: 7168,
      intermediate_size: 18432,
      moe_intermediate_size: 2048,
      n_routed_experts: 256,
      n_shared_experts: 1,
      num_experts_per_tok: 8,
      first_k_dense_replace: 3,
      num_hidden_layers: 61,
      num_attention_heads: 128,
      q_lora_rank: 1536,
      kv_lora_rank: 512,
      qk_nope_head_dim: 128,
      qk_rope_head_dim: 64,
      v_head_dim: 128,
      vocab_size: 129280,
    });
    const f = flopsPerToken(arch, 4096);
    expect(f.attentionFwd).toBe(2 * 4096 * 61 * 128 * (192 + 128));
    expect(kvCacheBytesPerToken(arch, 2)).toBe(61 * 576 * 2);
  });

  it("caps sliding-window layers at the window", () => {
    const { arch } = importModel({
      model_type: "mistral",
      hidden_size: 512,
      intermediate_size: 1024,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      vocab_size: 1000,
      sliding_window: 1024,
    });
    const short = flopsPerToken(arch, 1024).attentionFwd;
    expect(flopsPerToken(arch, 4096).attentionFwd).toBe(short);
    expect(kvCacheBytes(arch, 4096, 2)).toBe(kvCacheBytes(arch, 1024, 2));
  });

  it("grows with sequence length and never below the matmul part (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 17 }), fc.integer({ min: 1, max: 1 << 17 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const fl = flopsPerToken(gpt3, lo);
        return fl.forward <= flopsPerToken(gpt3, hi).forward && fl.forward >= fl.matmulFwd;
      }),
    );
  });
});

describe("weightBytes()", () => {
  it("scales with bytes per parameter", () => {
    expect(weightBytes(gpt3, "bf16")).toBe(2 * weightBytes(gpt3, "fp8"));
    expect(weightBytes(gpt3, "fp4")).toBe(weightBytes(gpt3, "int8") / 2);
  });
});
