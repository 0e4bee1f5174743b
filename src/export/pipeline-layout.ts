import { FleetcastError } from "../errors.ts";

/** Transformer layers per pipeline stage: the first, each middle one, and the last. */
export interface PipelineLayout {
  stages: number;
  first: number;
  middle: number;
  last: number;
  /** True when every stage holds the same number of layers. */
  even: boolean;
}

/**
 * Splits `numLayers` over `pp` stages. Even when it divides; otherwise the middle stages get ceil(L/pp) and the
 * first and last share the rest, lighter than the middle because they also hold the embedding and the output
 * head — Llama 3 405B (126 layers, PP16) "reduces one Transformer layer each from the first and the last stages"
 * (Llama 3 Herd of Models, arXiv 2407.21783, §3.3.2), which this gives: 7 | 8 × 14 | 7. When ceil leaves too little
 * for the ends, the middle stages get floor(L/pp) and the ends take the remainder (Megatron-LM's
 * --decoder-first/last-pipeline-num-layers express both).
 * @throws FleetcastError when there are fewer layers than stages.
 * @example pipelineLayout(61, 16) // { first: 2, middle: 4, last: 3 } (DeepSeek-V3's 61 layers)
 */
export function pipelineLayout(numLayers: number, pp: number): PipelineLayout {
  if (!Number.isInteger(pp) || pp < 1) {
    throw new FleetcastError(`Cannot split layers: pp must be a positive integer, got ${pp}`, "plan.pp");
  }
  if (!Number.isInteger(numLayers) || numLayers < pp) {
    throw new FleetcastError(
      `Cannot split ${numLayers} layers over pp=${pp} pipeline stages: each stage needs at least one layer`,
      "plan.pp",
    );
  }
  if (numLayers % pp === 0) {
    const n = numLayers / pp;
    return { stages: pp, first: n, middle: n, last: n, even: true };
  }
  if (pp === 2) {
    const first = Math.floor(numLayers / 2);
    return { stages: 2, first, middle: 0, last: numLayers - first, even: false };
  }
  for (const middle of [Math.ceil(numLayers / pp), Math.floor(numLayers / pp)]) {
    const ends = numLayers - middle * (pp - 2);
    const first = Math.floor(ends / 2);
    const last = ends - first;
    if (first >= 1) return { stages: pp, first, middle, last, even: false };
  }
  // Unreachable: with middle = floor(L/pp) >= 1 the ends hold at least 2 layers.
  throw new FleetcastError(`Cannot split ${numLayers} layers over pp=${pp} pipeline stages`, "plan.pp");
}
