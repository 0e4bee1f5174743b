import type { JobContext } from "./job-context.ts";
import type { Plan } from "./plan.ts";
import { stackMemoryFeatures } from "./stack-plan-limits.ts";

/** Memory of the busiest rank, bytes, by kind. */
export interface MemoryBreakdown {
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
  activationsBytes: number;
  /** Logits and loss buffers of one micro-batch on the last pipeline stage. */
  logitsBytes: number;
  reserveBytes: number;
  totalBytes: number;
  capacityBytes: number;
  fits: boolean;
}

/** Parameters held by one rank of the busiest pipeline stage: non-expert and expert parts. */
export interface RankParams {
  dense: number;
  expert: number;
  layersPerStage: number;
  moeLayersPerStage: number;
}

export function rankParams(ctx: JobContext, plan: Plan): RankParams {
  const layersPerStage = Math.ceil(ctx.layers / plan.pp);
  const moeLayersPerStage = Math.ceil(ctx.moeLayers / plan.pp);
  const denseLayersPerStage = Math.max(0, layersPerStage - moeLayersPerStage);
  const attention = ctx.attnLinear + ctx.attnOther + ctx.layerNorms;
  let dense =
    layersPerStage * attention +
    denseLayersPerStage * ctx.denseMlp +
    moeLayersPerStage * (ctx.sharedLinear + ctx.routerLinear);
  // The first stage holds the embedding and the last the head; with one stage, both. A tied head is a second copy
  // on the last stage when pp > 1 (Megatron keeps word embeddings on both ends and all-reduces their gradients).
  const ends =
    plan.pp === 1
      ? ctx.embeddingParams + (ctx.job.arch.tieEmbeddings ? 0 : ctx.headParams)
      : Math.max(ctx.embeddingParams, ctx.headParams);
  dense = dense / plan.tp + ends / plan.tp;
  let expert = (moeLayersPerStage * ctx.expertParamsPerLayer) / plan.ep;
  if (ctx.mtpLayers > 0 && plan.pp === 1) {
    // Multi-token-prediction modules sit after the last layer (DeepSeek-V3 §2.2); counted on the last stage.
    dense += (ctx.mtpLayers * (attention + ctx.sharedLinear + ctx.routerLinear)) / plan.tp;
    expert += (ctx.mtpLayers * ctx.expertParamsPerLayer) / plan.ep;
  }
  return { dense, expert, layersPerStage, moeLayersPerStage };
}

/** Bytes per parameter: BF16 weights (2), FP32 main gradients (4) and Adam's FP32 master, m and v (12). */
const WEIGHT_B = 2;
const GRAD_B = 4;
const OPTIM_B = 12;
/** FP32 master (4) with Adam's moments in BF16 (2 + 2): DeepSeek-V3 §3.3.3. */
const OPTIM_BF16_MOMENTS_B = 8;

/**
 * Activation bytes one layer keeps per token for the backward pass, by recompute mode, before TP division.
 * After Korthikanti et al. 2022 (§4, Table 2), who count 34·s·b·h bytes per GPT layer plus 5·a·s²·b for the
 * attention scores. FlashAttention keeps no s² term (Dao et al. 2022) and current LLMs train without dropout, so
 * neither the s² term nor the two dropout masks (2·s·b·h) are counted: 32·h for their GPT layer. Written per tensor
 * so GQA, MLA, gated and MoE MLPs are counted from their shapes. Each norm keeps its input (BF16); each GEMM keeps its
 * input, in FP8 when the GEMM runs in FP8 (Transformer Engine caches FP8 inputs; DeepSeek-V3 §3.3.2);
 * attention keeps Q, K, V and its output for FlashAttention's backward; a gated MLP keeps both up-projections.
 * Full recompute keeps only each layer's input (2h: Korthikanti eq. 5); selective drops the norm outputs and Q, K, V
 * and recomputes them (DeepSeek-V3 §3.2.3 recomputes RMSNorm and the MLA up-projections).
 */
export function activationBytesPerToken(ctx: JobContext, plan: Plan, moe: boolean): number {
  const arch = ctx.job.arch;
  const h = arch.hiddenSize;
  if (plan.recompute === "full") return 2 * h;
  const gemmIn = ctx.job.precision === "fp8" ? 1 : 2;
  const mla = arch.mla;
  const q = ctx.qDim;
  const kv = mla ? arch.numHeads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim) : 2 * ctx.kvDim;
  const attnOut = mla ? arch.numHeads * mla.vHeadDim : q;
  // MLA also keeps its two latents (inputs of the up-projections).
  const latents = mla ? gemmIn * ((mla.qLoraRank ?? 0) + mla.kvLoraRank + mla.qkRopeHeadDim) : 0;
  // an output gate (Qwen3-Next) keeps its gate beside the attention output
  const recomputed = gemmIn * h + 2 * (q + kv) + (arch.attentionOutputGate ? 2 * q : 0);
  let attention = 2 * h + recomputed + latents + gemmIn * attnOut;
  const lin = arch.linearAttention;
  let linearRecomputed = 0;
  if (lin && lin.layers > 0) {
    // A Gated DeltaNet layer (transformers modeling_qwen3_next.py) keeps, in BF16, its projected q, k, v before and
    // after the causal conv, z, beta and alpha, the recurrence output and the gated norm's output, and the inputs of
    // its two GEMMs; an estimate (the chunked kernels save their own states). The layers are averaged in.
    const keyWidth = lin.keyHeads * lin.keyHeadDim;
    const valueWidth = lin.valueHeads * lin.valueHeadDim;
    const conv = 2 * keyWidth + valueWidth;
    linearRecomputed = gemmIn * h + 2 * (2 * conv + valueWidth + 2 * lin.valueHeads);
    const linear = 2 * h + linearRecomputed + 2 * 2 * valueWidth + gemmIn * valueWidth;
    const full = arch.numLayers - lin.layers;
    attention = (full * attention + lin.layers * linear) / arch.numLayers;
    linearRecomputed = (full * recomputed + lin.layers * linearRecomputed) / arch.numLayers;
  }
  const gated = arch.mlp === "gated" ? 2 : 1;
  // An MLP of width f keeps its up-projection output(s) (BF16) and the down-projection input.
  const mlpOf = (f: number) => 2 * f * gated + gemmIn * f;
  let mlp = 2 * h + gemmIn * h;
  if (moe) {
    const fe = arch.moe?.expertIntermediateSize ?? 0;
    const fs = arch.moe?.sharedIntermediateSize ?? 0;
    // Each routed copy keeps its (permuted) input and its expert MLP tensors; the busiest rank gets imbalance x.
    // With an FP8 SwiGLU cache only the SwiGLU input stays, in FP8 (stackMemoryFeatures).
    const fp8Swiglu = ctx.job.precision === "fp8" && stackMemoryFeatures(ctx.system.stackId).fp8SwigluCache;
    const expertMlp = fp8Swiglu ? fe * gated : mlpOf(fe);
    mlp +=
      ctx.topK * (gemmIn * h + expertMlp) * ctx.system.efficiency.moeImbalance + (fs > 0 ? mlpOf(fs) : 0);
  } else {
    mlp += mlpOf(arch.intermediateSize);
  }
  if (plan.recompute === "selective") attention -= lin && lin.layers > 0 ? linearRecomputed : recomputed;
  return attention + mlp;
}

/**
 * Micro-batches whose activations a rank holds at the peak: 1F1B keeps up to pp in flight on the first stage
 * (Narayanan et al. 2021 §2.2.1); interleaving adds (pp-1)/(pp·v) (Korthikanti et al. 2022 §4.2.3); DualPipe keeps
 * pp+1 (DeepSeek-V3 §3.2.1, Table 2).
 */
export function inFlightMicroBatches(plan: Plan, microBatches: number): number {
  if (plan.pp === 1) return 1;
  if (plan.schedule === "dualpipe") return Math.min(plan.pp + 1, microBatches);
  const inFlight = Math.min(plan.pp, microBatches);
  return plan.schedule === "interleaved" ? inFlight * (1 + (plan.pp - 1) / (plan.pp * plan.vpp)) : inFlight;
}

/** Memory per rank on the busiest stage (the first, which holds the most in-flight activations). */
export function memoryPerRank(ctx: JobContext, plan: Plan, microBatches: number): MemoryBreakdown {
  const p = rankParams(ctx, plan);
  const dpDense = plan.dp * plan.cp;
  // Expert-data-parallel degree: the ranks holding a copy of the same experts (Megatron-Core MoE layout, ETP = 1).
  const dpExpert = (plan.dp * plan.cp * plan.tp) / plan.ep;
  const params = p.dense + p.expert;
  // DualPipe gives each rank two stages, r and p-1-r (deepseek-ai/DualPipe examples/example_dualpipe.py:
  // local_modules[0] and [1]), each with its own weights and gradients; the pair's gradients are summed, and the
  // optimizer states of the two copies are one set, sharded over both (2 x DP)
  const copies = plan.schedule === "dualpipe" && plan.pp > 1 ? 2 : 1;
  let weightsBytes = params * WEIGHT_B * copies;
  // FP8 weight copies cached between micro-batches, where the stack does (stackMemoryFeatures)
  if (ctx.job.precision === "fp8" && stackMemoryFeatures(ctx.system.stackId).fp8WeightCache)
    weightsBytes += params * copies;
  let gradientsBytes = params * GRAD_B * copies;
  const optimB = stackMemoryFeatures(ctx.system.stackId).bf16OptimizerMoments
    ? OPTIM_BF16_MOMENTS_B
    : OPTIM_B;
  let optimizerBytes = params * optimB;
  if (plan.zero >= 1) optimizerBytes = (p.dense * optimB) / dpDense + (p.expert * optimB) / dpExpert;
  if (plan.zero >= 2)
    gradientsBytes = copies * ((p.dense * GRAD_B) / dpDense + (p.expert * GRAD_B) / dpExpert);
  if (plan.zero >= 3) {
    // FSDP: a rank keeps its shard plus the gathered parameters of about two layers (current and prefetched).
    const perLayer = params / Math.max(1, p.layersPerStage);
    weightsBytes =
      copies * ((p.dense * WEIGHT_B) / dpDense + (p.expert * WEIGHT_B) / dpExpert) + 2 * perLayer * WEIGHT_B;
  }

  const tokens = (plan.microBatch * ctx.job.seqLen) / plan.cp;
  // Sequence parallelism divides every activation by tp; without it only the tensor-parallel parts are divided,
  // which Korthikanti et al. 2022 Table 2 puts at about 24 of 34 units.
  const tpDiv = plan.sequenceParallel || plan.tp === 1 ? plan.tp : plan.tp / (1 + (plan.tp - 1) * (10 / 34));
  const denseLayers = Math.max(0, p.layersPerStage - p.moeLayersPerStage);
  const perMicroBatch =
    (tokens *
      (denseLayers * activationBytesPerToken(ctx, plan, false) +
        p.moeLayersPerStage * activationBytesPerToken(ctx, plan, true))) /
    tpDiv;
  let activationsBytes = perMicroBatch * inFlightMicroBatches(plan, microBatches);
  if (plan.recompute === "full") {
    // One layer's full activations exist while it is recomputed (Korthikanti et al. 2022 §4.1).
    const fullPlan = { ...plan, recompute: "none" as const };
    activationsBytes += (tokens * activationBytesPerToken(ctx, fullPlan, p.moeLayersPerStage > 0)) / tpDiv;
  }
  // Logits in BF16 plus FP32 for the loss over the vocabulary shard of one micro-batch (last stage).
  const logitsBytes = (tokens * ctx.job.arch.vocabSize * 6) / plan.tp;

  const reserveBytes = ctx.reserveBytes;
  // The first stage holds the most micro-batches in flight, the last holds one plus the logits: take the larger.
  const lastStage = perMicroBatch + logitsBytes;
  const peakActivations = Math.max(
    activationsBytes,
    plan.pp === 1 ? activationsBytes + logitsBytes : lastStage,
  );
  const totalBytes = weightsBytes + gradientsBytes + optimizerBytes + peakActivations + reserveBytes;
  return {
    weightsBytes,
    gradientsBytes,
    optimizerBytes,
    activationsBytes: peakActivations - (plan.pp === 1 || peakActivations === lastStage ? logitsBytes : 0),
    logitsBytes: plan.pp === 1 || peakActivations === lastStage ? logitsBytes : 0,
    reserveBytes,
    totalBytes,
    capacityBytes: ctx.hbmBytes,
    fits: totalBytes <= ctx.hbmBytes,
  };
}
