import type { ModelArch } from "./model-arch.ts";

/**
 * Parameter counts of each building block of a model: the one place the shapes are written down. Parameter
 * counts, FLOPs, memory and communication volumes are all derived from it.
 *
 * Shapes: standard attention is Q (h x nh*hd), K and V (h x nkv*hd each), O (nh*hd x h) (Vaswani et al. 2017;
 * GQA: Ainslie et al. 2023). MLA is DeepSeek-V2 §2.1 / DeepSeek-V3 config: q_a (h x q_lora), q_b
 * (q_lora x nh*(nope+rope)), kv_a (h x (kv_lora+rope)), kv_b (kv_lora x nh*(nope+v)), O (nh*v x h), with RMSNorms
 * on the two latents. A gated MLP has gate, up and down (3 x h x ffn); a plain one up and down (2 x h x ffn).
 * An MoE layer has a router (h x E), E routed experts and its shared experts (DeepSeekMoE, Dai et al. 2024).
 */
export interface LayerInventory {
  /** Linear weights of one attention block (all matmul parameters). */
  attentionLinear: number;
  /** Bias and latent-norm parameters of one attention block (not matmuls). */
  attentionOther: number;
  /** Width of the per-token attention score computation: sum over heads of (qk dim + v dim). */
  attentionScoreDim: number;
  /** Forward FLOPs of one linear-attention layer's recurrence per token (0 without such layers). */
  linearRecurrentFlops: number;
  /** Linear-attention layers (no KV cache, no score matrix). */
  linearAttentionLayers: number;
  /** Linear weights of one dense MLP. */
  denseMlpLinear: number;
  /** Linear weights of one routed expert. */
  expertLinear: number;
  /** Linear weights of the shared expert(s) of one MoE layer (plus the Qwen2 shared gate). */
  sharedLinear: number;
  /** Router weights of one MoE layer. */
  routerLinear: number;
  /** MLP biases of one dense MLP / one expert. */
  mlpBiasPerDense: number;
  mlpBiasPerExpert: number;
  /** Norm parameters of one layer (two norms). */
  layerNorms: number;
  denseLayers: number;
  moeLayers: number;
  numExperts: number;
  topK: number;
  /** Input embedding (vocab x hidden) and output head (zero when tied to the embedding). */
  embedding: number;
  /** Learned absolute position embedding (GPT-2, OPT), 0 otherwise. */
  positionEmbedding: number;
  head: number;
  finalNorm: number;
  /** One multi-token-prediction module beyond its transformer layer: two norms and the 2h x h projection. */
  mtpExtra: number;
}

function mlpMatrices(arch: ModelArch): number {
  return arch.mlp === "gated" ? 3 : 2;
}

export function layerInventory(arch: ModelArch): LayerInventory {
  const h = arch.hiddenSize;
  const nh = arch.numHeads;
  const norm = arch.norm === "layernorm" ? 2 * h : h;

  let attentionLinear: number;
  let attentionOther = 0;
  let attentionScoreDim: number;
  if (arch.mla) {
    const m = arch.mla;
    const qk = m.qkNopeHeadDim + m.qkRopeHeadDim;
    const q = m.qLoraRank === null ? h * nh * qk : h * m.qLoraRank + m.qLoraRank * nh * qk;
    const kv = h * (m.kvLoraRank + m.qkRopeHeadDim) + m.kvLoraRank * nh * (m.qkNopeHeadDim + m.vHeadDim);
    attentionLinear = q + kv + nh * m.vHeadDim * h;
    attentionOther = (m.qLoraRank ?? 0) + m.kvLoraRank;
    attentionScoreDim = nh * (qk + m.vHeadDim);
    const dsa = arch.sparseAttention;
    if (dsa) {
      // the DSA indexer's matmuls and its key LayerNorm (indexerParams)
      attentionLinear += indexerParams(arch) / arch.numLayers - 2 * dsa.indexerHeadDim;
      attentionOther += 2 * dsa.indexerHeadDim;
    }
  } else {
    const q = nh * arch.headDim;
    const kv = arch.numKvHeads * arch.headDim;
    // an output gate (Qwen3-Next attn_output_gate) doubles the query projection: q_proj emits query and gate
    attentionLinear = h * q * (arch.attentionOutputGate ? 2 : 1) + 2 * h * kv + q * h;
    if (arch.attentionBias) attentionOther = q + 2 * kv + h;
    attentionScoreDim = nh * 2 * arch.headDim;
  }
  // Hybrid models: the linear-attention layers' own blocks, averaged with the full ones over all layers so every
  // per-layer count below stays exact in sum. Gated DeltaNet (transformers modeling_qwen3_next.py
  // Qwen3NextGatedDeltaNet): in_proj_qkvz h x (2 nk dk + 2 nv dv), in_proj_ba h x 2 nv, out_proj nv dv x h; a
  // depthwise causal conv of (2 nk dk + nv dv) channels x kernel, dt_bias and A_log per value head, a gated RMSNorm
  // of dv.
  const lin = arch.linearAttention ?? null;
  let linearRecurrentFlops = 0;
  if (lin !== null && lin.layers > 0) {
    const full = arch.numLayers - lin.layers;
    const keyWidth = lin.keyHeads * lin.keyHeadDim;
    const valueWidth = lin.valueHeads * lin.valueHeadDim;
    const linLinear = h * (2 * keyWidth + 2 * valueWidth) + h * 2 * lin.valueHeads + valueWidth * h;
    const linOther = (2 * keyWidth + valueWidth) * lin.convKernel + 2 * lin.valueHeads + lin.valueHeadDim;
    attentionLinear = (full * attentionLinear + lin.layers * linLinear) / arch.numLayers;
    attentionOther = (full * attentionOther + lin.layers * linOther) / arch.numLayers;
    // the delta-rule recurrence per token and head (S += k (beta (v - S^T k))^T decayed, o = S^T q): about four
    // dk x dv matrix-vector products of 2 FLOPs per multiply-add (Yang et al. 2024, arXiv:2412.06464, eq. of the
    // gated delta rule); an estimate, the chunked kernels differ in detail
    linearRecurrentFlops = 8 * lin.valueHeads * lin.keyHeadDim * lin.valueHeadDim;
  }

  const matrices = mlpMatrices(arch);
  const denseMlpLinear = matrices * h * arch.intermediateSize;
  const moe = arch.moe;
  const expertLinear = moe ? matrices * h * moe.expertIntermediateSize : 0;
  const sharedLinear = moe ? matrices * h * moe.sharedIntermediateSize + (moe.sharedExpertGate ? h : 0) : 0;
  const routerLinear = moe ? h * moe.numExperts : 0;
  const biasPer = (width: number) => (arch.mlpBias ? (matrices - 1) * width + h : 0);
  const moeLayers = moe ? moe.moeLayerCount : 0;

  return {
    attentionLinear,
    attentionOther,
    attentionScoreDim,
    linearRecurrentFlops,
    linearAttentionLayers: lin?.layers ?? 0,
    denseMlpLinear,
    expertLinear,
    sharedLinear,
    routerLinear,
    mlpBiasPerDense: biasPer(arch.intermediateSize),
    mlpBiasPerExpert: moe ? biasPer(moe.expertIntermediateSize) : 0,
    layerNorms: 2 * norm,
    denseLayers: arch.numLayers - moeLayers,
    moeLayers,
    numExperts: moe ? moe.numExperts : 0,
    topK: moe ? moe.topK : 0,
    embedding: arch.vocabSize * h,
    positionEmbedding: arch.learnedPositions * h,
    head: arch.tieEmbeddings ? 0 : arch.vocabSize * h,
    finalNorm: norm,
    mtpExtra: 2 * norm + 2 * h * h,
  };
}

/**
 * The DeepSeek Sparse Attention indexer's parameters over all layers (layerInventory counts them in attention):
 * DeepSeek-V3.2-Exp inference/model.py Indexer, wq_b (q_lora x heads*dim; h x ... without a query latent), wk
 * (h x dim), weights_proj (h x heads) and a LayerNorm on its key (2 x dim).
 */
export function indexerParams(arch: ModelArch): number {
  const dsa = arch.sparseAttention;
  if (!dsa || !arch.mla) return 0;
  const h = arch.hiddenSize;
  const perLayer =
    (arch.mla.qLoraRank ?? h) * dsa.indexerHeads * dsa.indexerHeadDim +
    h * dsa.indexerHeadDim +
    h * dsa.indexerHeads +
    2 * dsa.indexerHeadDim;
  return arch.numLayers * perLayer;
}
