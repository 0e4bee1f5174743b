import * as z from "zod";
import { serveTrackRecordOf, trackRecordText } from "../calibrate/index.ts";
import { type ChipFamily, ownThenSameDie, sameDieFamilies } from "../catalog/chips/index.ts";
import builtinProfileJson from "./data/serve-profile.json" with { type: "json" };
import type { ServeAdvisory } from "./serve-advisory.ts";
import { type ServeEfficiency, serveEfficiencyPrior } from "./serve-efficiency.ts";

const fraction = z.number().positive().max(1);
const FittedSchema = z.strictObject({
  decode_hbm_fraction: fraction,
  prefill_matmul_fraction: fraction,
  step_overhead_ms: z.number().nonnegative(),
  // absent from profiles written before it was fitted: the prior (serve-efficiency.ts MOE_GEMM_FRACTION_PRIOR)
  moe_gemm_fraction: fraction.default(1),
  attention_fraction: fraction.optional(),
});

const ErrorSummarySchema = z.strictObject({
  cases: z.number().int().nonnegative(),
  metrics: z.number().int().nonnegative(),
  median_abs_error: z.number().nonnegative().nullable(),
  within_35: z.number().min(0).max(1).nullable(),
  loo_median_abs_error: z.number().nonnegative().nullable(),
  loo_within_35: z.number().min(0).max(1).nullable(),
  // leave-one-source-out (fit-serve-profile.ts); absent from profiles written before 2026-11-30's stop 17
  loso_median_abs_error: z.number().nonnegative().nullable().default(null),
  loso_within_35: z.number().min(0).max(1).nullable().default(null),
});

/**
 * A fitted serving profile (src/serve/data/serve-profile.json, written by `fitServeProfile`): engine efficiency
 * per chip family and per (family, stack), with the residuals the intervals come from. snake_case like every
 * JSON fleetcast writes.
 */
export const ServeProfileSchema = z.strictObject({
  version: z.literal(1),
  method: z.string(),
  fitted_on: z.array(z.string()),
  families: z.record(
    z.string(),
    FittedSchema.extend({
      n_cases: z.number().int().nonnegative(),
      /**
       * exp(w_family) per fitted field: an engine without cases of its own takes its prior times these. Absent from
       * profiles written before 2026-11-30 (the family's values, fitted under another engine's prior, are used).
       */
      multipliers: z
        .strictObject({
          decode_hbm_fraction: z.number().positive(),
          prefill_matmul_fraction: z.number().positive(),
          step_overhead_ms: z.number().positive(),
          moe_gemm_fraction: z.number().positive(),
          attention_fraction: z.number().positive(),
        })
        .optional(),
    }),
  ),
  groups: z.array(
    FittedSchema.extend({
      family: z.string(),
      stack: z.string(),
      n_cases: z.number().int().nonnegative(),
      /** Of them, mixtures of experts (absent in profiles fitted before stop 29: unknown). */
      n_moe_cases: z.number().int().nonnegative().optional(),
    }),
  ),
  /**
   * Multipliers on the stack catalog's GEMM priors pooled over the calibrated families (each weighed by its cases
   * that inform the field, fit-serve-profile.ts): what a
   * family without cases takes. Absent from profiles written before the pooling (priors then used as they are).
   */
  pooled_multipliers: z
    .strictObject({
      prefill_matmul_fraction: z.number().positive(),
      moe_gemm_fraction: z.number().positive(),
    })
    .optional(),
  /**
   * Quantiles (10 %, 90 %) of the log residuals log(observed/predicted) of each case's first metric with its whole
   * publication left out of the fit (leave-one-out in profiles written before stop 17), overall and by family.
   */
  residual_quantiles: z.record(z.string(), z.tuple([z.number(), z.number()])),
  summary: z.record(z.string(), ErrorSummarySchema),
  cases: z.array(
    z.strictObject({
      id: z.string(),
      family: z.string(),
      stack: z.string(),
      status: z.enum(["ok", "unsupported", "error"]),
      metrics: z.array(
        z.strictObject({
          metric: z.string(),
          observed: z.number(),
          predicted: z.number().nullable(),
          rel_error: z.number().nullable(),
          loo_rel_error: z.number().nullable(),
          loso_rel_error: z.number().nullable().default(null),
        }),
      ),
    }),
  ),
});

export type ServeProfile = z.output<typeof ServeProfileSchema>;
export type ServeErrorSummary = z.output<typeof ErrorSummarySchema>;

/** The profile shipped with fleetcast (fitted on data/cases/serve.json by `fitServeProfile`). */
export function builtinServeProfile(): ServeProfile {
  return ServeProfileSchema.parse(builtinProfileJson);
}

/**
 * The efficiency of `stack` on `family` under a profile: the fitted (family, stack) values, else the family's
 * values (fitted on its other engines, or a same-die family's when it has no case of its own), else the stack
 * catalog's priors with their GEMM fractions scaled by the profile's pooled multipliers (capped at 1), else the
 * priors as they are. `source` says which.
 */
export function profileEfficiency(
  profile: ServeProfile | null,
  family: ChipFamily,
  stackId: string,
): { efficiency: ServeEfficiency; source: "group" | "family" | "pooled" | "prior" } {
  const prior = serveEfficiencyPrior(stackId, family);
  const group = profile?.groups.find((g) => g.family === family && g.stack === stackId);
  // the family's own level, else that of a family built from the same die (one fit: fit-serve-profile.ts)
  const level = ownThenSameDie(family)
    .map((f) => profile?.families[f])
    .find((x) => x !== undefined);
  const fitted = group ?? level;
  if (fitted === undefined) {
    const pooled = profile?.pooled_multipliers;
    if (pooled === undefined) return { efficiency: prior, source: "prior" };
    return {
      efficiency: {
        ...prior,
        prefillMatmulFraction: Math.min(1, prior.prefillMatmulFraction * pooled.prefill_matmul_fraction),
        moeGemmFraction: Math.min(1, prior.moeGemmFraction * pooled.moe_gemm_fraction),
      },
      source: "pooled",
    };
  }
  // an engine without its own cases: its own prior times the family's offsets (the family's values were fitted
  // under another engine's prior: vLLM on Hopper took deepseek-infer's 2 ms step overhead, not its own 3 ms)
  const m = group === undefined ? level?.multipliers : undefined;
  if (m !== undefined) {
    const cap = (x: number) => Math.min(1, x);
    return {
      efficiency: {
        ...prior,
        decodeHbmFraction: cap(prior.decodeHbmFraction * m.decode_hbm_fraction),
        prefillMatmulFraction: cap(prior.prefillMatmulFraction * m.prefill_matmul_fraction),
        stepOverheadMs: prior.stepOverheadMs * m.step_overhead_ms,
        moeGemmFraction: cap(prior.moeGemmFraction * m.moe_gemm_fraction),
        attentionFraction: cap(prior.attentionFraction * m.attention_fraction),
      },
      source: "family",
    };
  }
  return {
    efficiency: {
      ...prior,
      decodeHbmFraction: fitted.decode_hbm_fraction,
      prefillMatmulFraction: fitted.prefill_matmul_fraction,
      stepOverheadMs: fitted.step_overhead_ms,
      moeGemmFraction: fitted.moe_gemm_fraction,
      attentionFraction: fitted.attention_fraction ?? prior.attentionFraction,
    },
    source: group !== undefined ? "group" : "family",
  };
}

/**
 * What the answers for `stack` on `family` rest on, as an advisory when it is not the stack's own fit: the
 * family's values fitted on other engines' (tuned) deployments, or the stack catalog's unchecked priors.
 */
export function calibrationAdvisory(
  profile: ServeProfile | null,
  family: ChipFamily,
  stackId: string,
): ServeAdvisory | null {
  const { source } = profileEfficiency(profile, family, stackId);
  if (source === "group") return null;
  if (source === "family") {
    // the family level was fitted on every family built from the same die (catalog die-generation.ts)
    const members: readonly string[] = sameDieFamilies(family);
    const groups = (profile?.groups ?? []).filter((g) => members.includes(g.family));
    const others = groups.map(
      (g) =>
        `${g.stack} (${g.n_cases} case${g.n_cases === 1 ? "" : "s"}${g.family === family ? "" : ` on ${g.family}`})`,
    );
    return {
      code: "stack_not_calibrated",
      message: `No published ${stackId} case on ${family} in the calibration set: its efficiency is the family's, fitted on ${others.join(", ")}`,
      hint: `the figures rest on other engines' deployments on this family; engines in default configurations ran up to ~4x slower than the tuned deployments of the calibration set (GPUStack held-out runs, data/holdout/README.md)${recordOf(family, stackId)}`,
    };
  }
  return {
    code: "family_not_calibrated",
    message:
      source === "pooled"
        ? `No published serving case on ${family}: the stack catalog's priors are used, unchecked, their GEMM fractions scaled by what the calibrated families reached`
        : `No published serving case on ${family}: the stack catalog's priors are used, unchecked`,
    hint: `treat the figures as rough; a published measurement on this chip family would calibrate them${recordOf(family, stackId)}`,
  };
}

/** "; held out, vllm on nvidia-hopper: 64 runs ..." when the held-out sets priced the pair, else "". */
function recordOf(family: ChipFamily, stackId: string): string {
  const record = serveTrackRecordOf(family, stackId);
  return record === null ? "" : `; ${trackRecordText(record)}`;
}

/**
 * For a mixture of experts: when `stack` has no MoE case of its own on `family`'s die in the calibration set, its
 * routed experts are priced at a MoE GEMM fraction fitted on other engines (the family's, or the pooled offset of
 * the tuned engines of other families), and held out such runs ran far slower than predicted on some families
 * (docs/serving-model.md, Known gaps, stop 29: tensor-parallel MoE on Ampere +42 %, MI300X-class +78 %, 910B +224 %
 * predicted over observed, Hopper +0.6 %): said as an advisory, not corrected. Null for a dense model, an engine
 * with such a case, or a profile fitted before the MoE cases were counted.
 */
export function moeCalibrationAdvisory(
  profile: ServeProfile | null,
  family: ChipFamily,
  stackId: string,
  isMoe: boolean,
): ServeAdvisory | null {
  if (!isMoe || profile === null) return null;
  const members: readonly string[] = sameDieFamilies(family);
  const groups = profile.groups.filter((g) => members.includes(g.family));
  if (groups.some((g) => g.n_moe_cases === undefined)) return null;
  const moeOf = (g: (typeof groups)[number]) => g.n_moe_cases ?? 0;
  if (groups.some((g) => g.stack === stackId && moeOf(g) > 0)) return null;
  const others = groups
    .filter((g) => moeOf(g) > 0)
    .map((g) => `${g.stack} (${moeOf(g)}${g.family === family ? "" : ` on ${g.family}`})`);
  return {
    code: "moe_not_calibrated",
    message: `No published mixture-of-experts case of ${stackId} on ${family} in the calibration set: its routed experts are priced at ${others.length > 0 ? `the MoE efficiency fitted on ${others.join(", ")}` : "the MoE efficiency pooled from other families' tuned engines"}`,
    hint: "read the MoE throughput as an upper bound: held out, engines without such a case ran tensor-parallel MoE 1.4x (Ampere), 1.8x (MI300X-class) and 3.2x (910B) slower than predicted at the median, Hopper as predicted (docs/serving-model.md, Known gaps)",
  };
}
