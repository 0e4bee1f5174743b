import { type CollectiveGroup, collectiveTimeS, moeAllToAllS } from "../hw/index.ts";
import type { JobContext } from "./job-context.ts";
import { rankParams } from "./memory.ts";

import type { Plan } from "./plan.ts";
import { KERNELS_PER_DENSE_LAYER, KERNELS_PER_MOE_LAYER } from "./train-efficiency.ts";

/** One communication: its total time per step and the part left on the critical path. */
export interface CommCost {
  totalS: number;
  exposedS: number;
}

/** Step time of the busiest pipeline stage, seconds, with the sum of its parts equal to `stepTimeS`. */
export interface StepBreakdown {
  /** Compute of the model per step on the busiest rank: GEMMs of attention, dense MLP, experts, head. */
  attentionLinearS: number;
  attentionScoresS: number;
  mlpS: number;
  expertsS: number;
  headS: number;
  /** Memory-bound element-wise kernels (norms, activations, RoPE, residual adds, permutes). */
  elementwiseS: number;
  /** Fixed per-kernel costs (launch, synchronisation). */
  kernelOverheadS: number;
  recomputeS: number;
  /** Pipeline fill and drain. */
  bubbleS: number;
  /** Exposed communication (overlapped parts are in `comm`). */
  tpExposedS: number;
  cpExposedS: number;
  epExposedS: number;
  ppExposedS: number;
  dpExposedS: number;
  optimizerS: number;
  overheadS: number;
  stepTimeS: number;
  comm: { tp: CommCost; cp: CommCost; ep: CommCost; pp: CommCost; dp: CommCost };
  microBatches: number;
}

const group: CollectiveGroup & { size: number; ranksPerDomain: number } = { size: 1, ranksPerDomain: 1 };

function coll(
  op: Parameters<typeof collectiveTimeS>[0],
  bytes: number,
  size: number,
  perDomain: number,
  ctx: JobContext,
): number {
  if (size <= 1 || bytes <= 0) return 0;
  group.size = size;
  group.ranksPerDomain = Math.max(1, Math.min(size, perDomain));
  return collectiveTimeS(op, bytes, group, ctx.fabric);
}

/** Exposed part of `totalS` of communication that may hide behind `hideableS` of compute. */
function exposed(totalS: number, hideableS: number, overlap: number): number {
  if (totalS <= 0) return 0;
  return Math.max(totalS * (1 - overlap), totalS - overlap * hideableS);
}

/** Share of all-to-all DualPipe hides: "nearly full" (DeepSeek-V3 §3.2.1); 0.95 is our reading of that. */
const DUALPIPE_EP_OVERLAP = 0.95;

/** Bytes of BF16 activations / gradients. */
const ACT_B = 2;

/**
 * Step time of one plan on the busiest rank.
 *
 * Compute: FLOPs per token from the layer shapes (arch/layer-inventory), forward once, backward twice for GEMMs
 * (Narayanan et al. 2021 §5.1), FlashAttention's backward 2.5x its forward (Dao 2023 §3.1: 5 matmuls vs 2), each
 * at the peak times the stack's achieved fraction (TrainEfficiency). Element-wise kernels are memory-bound:
 * bytes moved / (HBM bandwidth x achieved fraction). Pipeline: step = (m + bubble) x micro-batch time, with the
 * bubble (pp-1) for 1F1B, (pp-1)/v interleaved (Narayanan et al. 2021 §2.2) and pp/2-1 for DualPipe (DeepSeek-V3
 * Table 2, ignoring its W term). Communication volumes: Megatron TP 4 all-reduce-equivalents per layer per
 * micro-batch (Korthikanti et al. 2022 §3), ring-attention CP passing K/V (cp-1) times, MoE dispatch + combine
 * forward and backward, PP activation sends, DP gradient reduce-scatter + parameter all-gather (or all-reduce).
 */
export function stepTime(ctx: JobContext, plan: Plan): StepBreakdown {
  const eff = ctx.system.efficiency;
  const arch = ctx.job.arch;
  const h = arch.hiddenSize;
  const microBatches = ctx.sequences / (plan.dp * plan.microBatch);
  const tokens = (plan.microBatch * ctx.job.seqLen) / plan.cp; // tokens each rank sees per micro-batch
  const p = rankParams(ctx, plan);
  const moeL = p.moeLayersPerStage;
  const denseL = Math.max(0, p.layersPerStage - moeL);
  const L = p.layersPerStage;

  const mmRate =
    ctx.matmulPeakFlops * (ctx.job.precision === "fp8" ? eff.matmulFractionFp8 : eff.matmulFraction);
  const bf16Rate = ctx.bf16PeakFlops * eff.matmulFraction;
  const attnRate = ctx.bf16PeakFlops * eff.attentionFraction;
  const hbmRate = ctx.hbmBps * eff.elementwiseHbmFraction;
  const tp = plan.tp;

  // --- compute per micro-batch (forward + backward) ---
  const attnLinFlops = (3 * 2 * tokens * ctx.attnLinear * L) / tp;
  const scoreFwd = (2 * tokens * ctx.keysPhysical * ctx.attnScoreDim * L) / tp;
  const scoreFlops = scoreFwd * 3.5;
  const mlpFlops = (3 * 2 * tokens * (denseL * ctx.denseMlp + moeL * ctx.sharedLinear)) / tp;
  const routerFlops = (3 * 2 * tokens * moeL * ctx.routerLinear) / tp;
  const expertFlops = (3 * 2 * tokens * moeL * ctx.topK * ctx.expertLinear * eff.moeImbalance) / tp;
  const lastStageHead = (3 * 2 * tokens * ctx.headParams) / tp;
  // MTP modules run on the last stage (DeepSeek-V3 §2.2): one more layer each.
  const mtpFlops =
    (ctx.mtpLayers * 3 * 2 * tokens * (ctx.attnLinear + ctx.sharedLinear + ctx.topK * ctx.expertLinear)) / tp;

  // Element-wise traffic per token per layer, in units of h BF16 values, forward: two norms in/out (4), two
  // residual adds (6), RoPE on Q and K (2·(q+kv)/h), activation in/out ((gated?3:2)·f/h), and for MoE the permute
  // and unpermute copies (4·topK); backward moves about twice that (Korthikanti et al. 2022 §4.1 counts the same
  // tensors for memory).
  const gatedIn = arch.mlp === "gated" ? 3 : 2;
  const denseUnits = 10 + (2 * (ctx.qDim + ctx.kvDim)) / h + (gatedIn * arch.intermediateSize) / h;
  const moeWidth =
    (arch.moe?.expertIntermediateSize ?? 0) * ctx.topK + (arch.moe?.sharedIntermediateSize ?? 0);
  const moeUnits = 10 + (2 * (ctx.qDim + ctx.kvDim)) / h + (gatedIn * moeWidth) / h + 4 * ctx.topK;
  const ewBytes = (3 * tokens * ACT_B * h * (denseL * denseUnits + moeL * moeUnits)) / tp;

  const attentionLinearMb = attnLinFlops / mmRate;
  const attentionScoresMb = scoreFlops / attnRate;
  const mlpMb = mlpFlops / mmRate + routerFlops / bf16Rate;
  const expertsMb = Math.max(
    expertFlops / mmRate,
    expertGemmsRooflineS(ctx, plan, tokens, mmRate, hbmRate) * moeL,
  );
  const elementwiseMb = ewBytes / hbmRate;
  // The head is in BF16 even in FP8 runs (Transformer Engine covers the transformer layers; DeepSeek-V3 §3.3.1).
  const headMb = plan.pp === 1 ? (lastStageHead + mtpFlops) / bf16Rate : 0;
  // With pp > 1 the last stage adds the head to its layers; the bottleneck stage is the slower of first and last.
  const lastStageExtraMb = plan.pp > 1 ? lastStageHead / bf16Rate + mtpFlops / mmRate : 0;

  let recomputeMb = 0;
  const fwdShare = 1 / 3;
  if (plan.recompute === "full") {
    recomputeMb = fwdShare * (attentionLinearMb + mlpMb + expertsMb + elementwiseMb) + scoreFwd / attnRate;
  } else if (plan.recompute === "selective") {
    // Norms and the Q/K/V up-projections again (forward only); the two norms are 4 of the ~13 forward element-wise
    // units counted above, so ~0.3 of the forward element-wise traffic is redone.
    recomputeMb =
      (2 * tokens * L * (ctx.qDim + 2 * ctx.kvDim) * h) / tp / mmRate + fwdShare * elementwiseMb * 0.3;
  }
  // Fixed per-kernel costs of the stage's layers (TrainEfficiency.kernelOverheadUs).
  const kernelsMb =
    (denseL * KERNELS_PER_DENSE_LAYER + moeL * KERNELS_PER_MOE_LAYER) * eff.kernelOverheadUs * 1e-6;
  const computeMb =
    kernelsMb +
    attentionLinearMb +
    attentionScoresMb +
    mlpMb +
    expertsMb +
    elementwiseMb +
    headMb +
    recomputeMb +
    lastStageExtraMb;

  // --- communication per micro-batch ---
  const domain = ctx.domainRanks;
  const actBytes = tokens * h * ACT_B;
  // TP: forward 2, backward 2 all-reduce equivalents per dense layer (attention + MLP); MoE layers with ETP = 1 keep
  // only the attention's two; full recompute repeats the forward's.
  const tpCalls = (denseL * 4 + moeL * 2) * (plan.recompute === "full" ? 1.5 : 1);
  const tpPerCall = coll("allReduce", actBytes, tp, domain, ctx);
  const tpMb = tpCalls * tpPerCall;
  // CP (ring attention): each rank receives the K/V of the other cp-1 chunks per layer, and sends K/V gradients back.
  // MLA passes full-head K and V (nh x (qk + v)), standard attention its K and V heads (2 x kv).
  const mla = ctx.job.arch.mla;
  const kvWidth = mla
    ? arch.numHeads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim)
    : 2 * ctx.kvDim;
  const cpBytes = tokens * kvWidth * ACT_B;
  // a hybrid model's linear-attention layers pass no K/V around the ring (their chunk states, a few MB, are left out)
  const ringLayers = L * (1 - (arch.linearAttention?.layers ?? 0) / arch.numLayers);
  const cpMb =
    plan.cp > 1
      ? 3 * ringLayers * (plan.cp - 1) * coll("sendRecv", cpBytes, plan.cp, Math.max(1, domain / tp), ctx)
      : 0;
  // EP: dispatch (FP8 in FP8 runs) + combine (BF16), forward and backward, of topK copies of the rank's tokens.
  let epMb = 0;
  if (plan.ep > 1 && moeL > 0) {
    // Expert-parallel ranks are consecutive (Megatron-Core orders etp-ep-edp-pp), so min(ep, domain) share a domain.
    const epPerDomain = Math.min(plan.ep, domain);
    const dispatchElemB = ctx.job.precision === "fp8" ? 1 : ACT_B;
    const perLayer =
      moeAllToAllS(tokens / tp, h, dispatchElemB, ctx.topK, plan.ep, epPerDomain, ctx.fabric) +
      moeAllToAllS(tokens / tp, h, ACT_B, ctx.topK, plan.ep, epPerDomain, ctx.fabric);
    // Forward and backward each dispatch and combine once per MoE layer.
    epMb = 2 * moeL * perLayer;
  }
  // PP: the activation of the micro-batch forward and its gradient backward, once per virtual stage. Ranks are laid
  // out TP, CP, DP, then PP (Megatron-LM's default order "tp-cp-ep-dp-pp"), so a scale-up domain holds
  // ppPerDomain consecutive stages; a pipeline longer than that crosses the scale-out network at every
  // ppPerDomain-th boundary, and its 1F1B steady state runs at the pace of that slowest link (QA 30: a PP16 plan
  // with two stages per node was priced on NVLink alone, its step time unchanged at 1e-6 Gb/s of scale-out).
  const ppPerDomain = Math.max(1, Math.floor(domain / (tp * plan.cp * plan.dp)));
  const ppWithinDomain = ppPerDomain >= plan.pp;
  const ppMb =
    plan.pp > 1
      ? 2 *
        plan.vpp *
        coll("sendRecv", actBytes / (plan.sequenceParallel ? tp : 1), 2, ppWithinDomain ? 2 : 1, ctx)
      : 0;

  const ov = eff.overlapFraction;
  const tpExpMb = exposed(tpMb, computeMb, eff.tpOverlapFraction);
  // Ring attention overlaps its K/V exchange with the attention blocks by design (Liu et al. 2023 §3).
  const cpExpMb = exposed(cpMb, attentionScoresMb, ov);
  // DualPipe overlaps the all-to-all of one micro-batch with the compute of another (DeepSeek-V3 §3.2.1, Fig. 4).
  const epOverlap =
    plan.schedule === "dualpipe"
      ? Math.max(eff.epOverlapFraction, DUALPIPE_EP_OVERLAP)
      : eff.epOverlapFraction;
  const epExpMb = exposed(epMb, computeMb - attentionScoresMb, epOverlap);
  const ppExpMb = exposed(ppMb, computeMb, ov);
  const microBatchS = computeMb + tpExpMb + cpExpMb + epExpMb + ppExpMb;

  // --- pipeline ---
  let bubbleUnits = 0;
  if (plan.pp > 1) {
    if (plan.schedule === "dualpipe") bubbleUnits = Math.max(0, plan.pp / 2 - 1);
    else if (plan.schedule === "interleaved") bubbleUnits = (plan.pp - 1) / plan.vpp;
    else bubbleUnits = plan.pp - 1;
  }
  const bubbleS = bubbleUnits * microBatchS;

  // --- data parallel: gradients reduced, parameters gathered ---
  const dpDense = plan.dp * plan.cp;
  const dpExpert = (plan.dp * plan.cp * tp) / plan.ep;
  // Ranks of one DP group inside a domain: consecutive after tp x cp (Megatron order tp-cp-ep-dp-pp).
  const dpPerDomain = Math.max(1, Math.floor(domain / (tp * plan.cp)));
  // Expert data parallel with expert TP 1 (memory.ts dpExpert): an EP group is ep consecutive ranks, so the ranks
  // holding the same experts sit ep apart; ep >= the domain puts each in its own domain (over the network)
  const expPerDomain = plan.ep >= domain ? 1 : Math.max(1, Math.floor(domain / plan.ep));
  const gradBytesDense = p.dense * ACT_B;
  const gradBytesExpert = p.expert * ACT_B;
  let dpS: number;
  if (plan.zero >= 3) {
    // FSDP: gather parameters for forward and backward and reduce-scatter gradients, every micro-batch.
    const perMb =
      2 * coll("allGather", gradBytesDense, dpDense, dpPerDomain, ctx) +
      coll("reduceScatter", gradBytesDense, dpDense, dpPerDomain, ctx) +
      2 * coll("allGather", gradBytesExpert, dpExpert, expPerDomain, ctx) +
      coll("reduceScatter", gradBytesExpert, dpExpert, expPerDomain, ctx);
    dpS = perMb * microBatches;
  } else {
    dpS =
      coll("allReduce", gradBytesDense, dpDense, dpPerDomain, ctx) +
      coll("allReduce", gradBytesExpert, dpExpert, expPerDomain, ctx);
  }
  // Gradient reduction overlaps the last micro-batch's backward and, with a pipeline, the drain (Megatron
  // --overlap-grad-reduce / --overlap-param-gather); FSDP prefetches across all micro-batches.
  const dpHideable = plan.zero >= 3 ? computeMb * microBatches : (2 / 3) * microBatchS + bubbleS;
  const dpExpS = exposed(dpS, dpHideable, ov);

  // --- optimizer: Adam reads and writes FP32 master, m, v and the gradient, writes BF16 weights (~34 B/param) ---
  // ZeRO >= 1 updates the rank's shard; ZeRO-0 every parameter the rank holds
  const optimParams = plan.zero >= 1 ? p.dense / dpDense + p.expert / dpExpert : p.dense + p.expert;
  const optimizerS = (optimParams * 34) / hbmRate;

  const scale = microBatches; // per-step totals of per-micro-batch parts
  const stepTimeS = microBatches * microBatchS + bubbleS + dpExpS + optimizerS + eff.stepOverheadS;
  return {
    attentionLinearS: attentionLinearMb * scale,
    attentionScoresS: attentionScoresMb * scale,
    mlpS: mlpMb * scale,
    expertsS: expertsMb * scale,
    headS: (headMb + lastStageExtraMb) * scale,
    elementwiseS: elementwiseMb * scale,
    kernelOverheadS: kernelsMb * scale,
    recomputeS: recomputeMb * scale,
    bubbleS,
    tpExposedS: tpExpMb * scale,
    cpExposedS: cpExpMb * scale,
    epExposedS: epExpMb * scale,
    ppExposedS: ppExpMb * scale,
    dpExposedS: dpExpS,
    optimizerS,
    overheadS: eff.stepOverheadS,
    stepTimeS,
    comm: {
      tp: { totalS: tpMb * scale, exposedS: tpExpMb * scale },
      cp: { totalS: cpMb * scale, exposedS: cpExpMb * scale },
      ep: { totalS: epMb * scale, exposedS: epExpMb * scale },
      pp: { totalS: ppMb * scale, exposedS: ppExpMb * scale },
      dp: { totalS: dpS, exposedS: dpExpS },
    },
    microBatches,
  };
}

/**
 * One MoE layer's expert GEMMs on a rank per micro-batch, each pass bounded by the weights it moves: with few
 * tokens per expert (a small EP over many experts) the GEMMs read more weight than they compute on. Each local
 * expert runs three passes of 2·M·(its linear params) FLOPs over its M tokens (balanced routing x the imbalance):
 * forward and data gradient read the weights (1 byte in FP8, 2 in BF16), the weight gradient accumulates into the
 * FP32 main gradient (read and write, 8 bytes: Megatron-Core's gradient-accumulation fusion, main_grad in FP32).
 * Each pass takes the larger of its FLOP and byte times (roofline); compute-bound layouts are unchanged.
 */
function expertGemmsRooflineS(
  ctx: JobContext,
  plan: Plan,
  tokens: number,
  mmRate: number,
  hbmRate: number,
): number {
  const experts = ctx.job.arch.moe?.numExperts ?? 0;
  if (experts === 0 || hbmRate <= 0) return 0;
  const ep = Math.min(plan.ep, experts);
  const local = experts / ep;
  // tokens reaching one local expert: the EP group's routed copies spread over all experts
  const perExpert = ((tokens / plan.tp) * ctx.topK * ep * ctx.system.efficiency.moeImbalance) / experts;
  const passFlops = 2 * perExpert * ctx.expertLinear;
  const weightB = ctx.job.precision === "fp8" ? 1 : 2;
  const pass = (bytesPerParam: number) =>
    Math.max(passFlops / mmRate, (bytesPerParam * ctx.expertLinear) / hbmRate);
  return local * (pass(weightB) + pass(weightB) + pass(8));
}
