import { collectiveTimeS } from "../hw/index.ts";
import type { ServeSetup } from "./serve-setup.ts";

/** The work of one engine step on one attention-DP replica (every replica is assumed to carry the same). */
export interface StepLoad {
  /** Sequences in decode this step. */
  decodeSeqs: number;
  /** Context tokens those sequences attend to, summed over them (KV read this step). */
  kvTokens: number;
  /** Prompt tokens prefilled this step (chunked prefill shares the step with decode). */
  prefillTokens: number;
  /** Keys the prefilled tokens attend to, summed over them (causal: ~ tokens x (context + tokens/2)). */
  prefillKeys: number;
}

/** Where one step's time goes, seconds. */
export interface StepBreakdown {
  /** Non-expert weights and GEMMs (attention projections, dense MLPs, shared experts, head): roofline max. */
  denseS: number;
  /** Routed experts: the touched experts' weights or their GEMMs, whichever binds, busiest rank. */
  expertS: number;
  /** Attention core: KV read or score FLOPs, whichever binds. */
  attentionS: number;
  /** TP all-reduce and EP dispatch/combine time not hidden behind compute. */
  commS: number;
  overheadS: number;
  totalS: number;
}

/**
 * Time of one engine step, seconds, on a roofline per part (Williams et al. 2009, "Roofline"): each part takes
 * the longer of its HBM bytes over the achieved bandwidth and its FLOPs over the achieved peak. Decode at small
 * batch is bound by weights and KV (bytes), prefill by GEMMs (FLOPs). Routed experts touched per step follow
 * E·(1 - (1 - k/E)^T) for T tokens each picking k of E experts uniformly (expected distinct experts). TP needs
 * one all-reduce after attention and after each dense (or tensor-parallel MoE) MLP (Shoeybi et al. 2019 §3);
 * EP needs one dispatch (1 byte per element in FP8/INT8/FP4, DeepEP) and one BF16 combine per MoE layer.
 * Communication hides behind compute up to `overlapFraction` of the compute time (two-batch overlap).
 */
export function stepBreakdown(setup: ServeSetup, load: StepLoad): StepBreakdown {
  const s = setup;
  const dp = s.config.dpAttention;
  const decodeTokens = load.decodeSeqs * s.tokensPerDecodeStep;
  const tokens = decodeTokens + load.prefillTokens;
  const instanceTokens = tokens * dp;
  const draft = load.decodeSeqs > 0 ? 1 + s.draftShare : 1;

  const denseS =
    draft * Math.max(s.denseReadBytesPerRank / s.hbmBps, (tokens * s.denseFlopsPerToken) / s.gemmFlops);

  let expertS = 0;
  if (s.moeLayers > 0 && instanceTokens > 0) {
    const e = s.numExperts;
    const touched = e * (1 - (1 - s.topK / e) ** instanceTokens);
    const bytes = (s.moeLayers * touched * s.expertBytes) / s.ranks;
    const flops = (instanceTokens * s.topK * s.expertFlopsPerToken * s.moeLayers * s.moeImbalance) / s.ranks;
    expertS = draft * Math.max(bytes / s.hbmBps, flops / s.gemmFlops);
  }

  const attnFlops =
    load.kvTokens * s.tokensPerDecodeStep * s.decodeAttnFlopsPerKey +
    load.prefillKeys * s.prefillAttnFlopsPerKey;
  const attentionS = Math.max(
    (load.kvTokens * s.kvBytesPerTokenPerRank) / s.hbmBps,
    attnFlops / s.attentionFlops,
  );

  const commRawS = tokens > 0 ? communicationS(s, tokens) : 0;
  const computeS = denseS + expertS + attentionS;
  const commS = Math.max(0, commRawS - s.eff.overlapFraction * computeS);
  const overheadS = s.eff.stepOverheadMs / 1000;
  return { denseS, expertS, attentionS, commS, overheadS, totalS: computeS + commS + overheadS };
}

/** Total of `stepBreakdown`, seconds. */
export function stepTimeS(setup: ServeSetup, load: StepLoad): number {
  return stepBreakdown(setup, load).totalS;
}

// --- internal ---

const BF16_BYTES = 2;

function communicationS(s: ServeSetup, tokens: number): number {
  const { tp, ep } = s.config;
  const hidden = s.arch.hiddenSize;
  const layers = s.arch.numLayers;
  let t = 0;
  if (tp > 1) {
    const denseLayers = layers - s.moeLayers;
    const calls = layers + denseLayers + (ep === 1 ? s.moeLayers : 0);
    const group = { size: tp, ranksPerDomain: Math.min(tp, s.domainRanks) };
    t += calls * collectiveTimeS("allReduce", tokens * hidden * BF16_BYTES, group, s.fabric);
  }
  if (ep > 1 && s.moeLayers > 0) {
    const tokensPerRank = (tokens * s.config.dpAttention) / s.ranks;
    const dispatchBytes = s.precision === "bf16" ? 2 : 1;
    const group = { size: ep, ranksPerDomain: Math.min(ep, s.domainRanks) };
    const perToken = s.topK * hidden;
    t +=
      s.moeLayers *
      (collectiveTimeS("allToAll", tokensPerRank * perToken * dispatchBytes, group, s.fabric) +
        collectiveTimeS("allToAll", tokensPerRank * perToken * BF16_BYTES, group, s.fabric));
  }
  return t;
}
