import { type ChipFamily, ownThenSameDie } from "../catalog/chips/index.ts";
import { findStack, stackEfficiencyFor } from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";

/**
 * How mature a serving engine is on a chip family, in the few numbers the per-step model reads. The
 * `FITTED_FIELDS` are calibrated (`fitServeProfile` fits them on cases/serve.json); the others are priors only.
 */
export interface ServeEfficiency {
  /** Achieved fraction of HBM bandwidth when decode streams weights and KV cache. */
  decodeHbmFraction: number;
  /** Achieved fraction of the dense peak of the GEMM precision on prefill-sized (and decode) GEMMs. */
  prefillMatmulFraction: number;
  /** Fixed time per engine step outside the kernels modelled (scheduling, sampling), milliseconds. */
  stepOverheadMs: number;
  /** Achieved fraction of the dense BF16 peak in fused attention kernels (fitted; prior per family). */
  attentionFraction: number;
  /** Share of TP/EP communication hidden behind compute (micro-batch overlap, two-batch overlap). */
  overlapFraction: number;
  /** Rates of the routed experts' grouped GEMMs relative to the dense ones (bandwidth and FLOPs alike). */
  moeGemmFraction: number;
}

/** The fields the calibration fits, in a fixed order (profile JSON and fitting both use it). */
export const FITTED_FIELDS = [
  "decodeHbmFraction",
  "prefillMatmulFraction",
  "stepOverheadMs",
  "moeGemmFraction",
  "attentionFraction",
] as const;

// Prior of `moeGemmFraction`: DeepGEMM's grouped (masked) FP8 kernels on H800 run within about +-30 % of its
// dense GEMMs at equal rows per expert (InferSim bench_data/grouped_gemm/decode/h800 vs bench_data/gemm/h800:
// 0.71x at 1,024 rows, 0.89x at 512, 1.09-1.35x at 256-128), so 1 with the fit's log-2 width. Like the other
// fractions the fit caps it at 1 (assumption: a grouped GEMM is taken to be no faster than the dense GEMMs).
export const MOE_GEMM_FRACTION_PRIOR = 1;

// Priors of the (fitted) serving attention fraction where kernels are measured, overriding the families' generic
// 0.5 assumption (which also serves training, forward and backward). Hopper: FlashAttention-3 forward reaches up to 740 TFLOPS BF16 on H100,
// 75 % of peak (Shah et al. 2024, arXiv:2407.08608, abstract); FlashMLA's MLA decode 660 TFLOPS on H800 (67 %,
// deepseek-ai/FlashMLA README). 0.75 was kept over 0.67 and the generic 0.5 because leave-one-out
// (first-metric median 20.3 % -> 18.5 %) and the held-out set (19.9 % -> 16.9 %) both improved (measured when the
// attention fraction was still a fixed prior).
// Ascend 910C: AMLA, Huawei's MLA decode kernel in CANN, reaches up to 614 TFLOPS, 86.8 % of the theoretical
// maximum, on the 910 NPUs of CloudMatrix384 (Liao et al. 2025, arXiv:2509.25224, abstract); taken as 0.85, and
// for the 910B too, the kernel running on the same die (catalog die-generation.ts; serveAttentionPrior).
const SERVE_ATTENTION_FRACTION: Partial<Record<ChipFamily, number>> = {
  "nvidia-hopper": 0.75,
  "ascend-910c": 0.85,
};

/** The measured serving attention prior of a family or of a family built from the same die, if any. */
function serveAttentionPrior(family: ChipFamily): number | undefined {
  return ownThenSameDie(family)
    .map((f) => SERVE_ATTENTION_FRACTION[f])
    .find((x) => x !== undefined);
}
export type FittedField = (typeof FITTED_FIELDS)[number];

/**
 * The stack catalog's priors for a serving stack on a chip family (src/catalog/stacks: research/hardware.md
 * §5-6 where measured, flagged assumptions elsewhere).
 * @throws FleetcastError when the stack id is unknown or not a serving stack.
 */
export function serveEfficiencyPrior(stackId: string, family: ChipFamily): ServeEfficiency {
  const stack = findStack(stackId, "serve");
  if (stack.role !== "serve") {
    throw new FleetcastError(`Cannot serve with stack '${stackId}': it is a ${stack.role} stack`, "stack");
  }
  const eff = stackEfficiencyFor(stack, family);
  return {
    decodeHbmFraction: eff.decodeHbmFraction.value,
    prefillMatmulFraction: eff.prefillMatmulFraction.value,
    stepOverheadMs: eff.stepOverheadMs.value,
    attentionFraction: serveAttentionPrior(family) ?? eff.attentionFraction.value,
    overlapFraction: eff.overlapFraction.value,
    moeGemmFraction: MOE_GEMM_FRACTION_PRIOR,
  };
}
