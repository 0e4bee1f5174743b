import * as z from "zod";
import { CHIP_FAMILIES, type ChipFamily, ownThenSameDie } from "../catalog/chips/index.ts";
import type { TrainEfficiency } from "../train/train-efficiency.ts";
import type { LogBand } from "./out-of-sample-band.ts";
import { outOfSampleBandOf } from "./prediction-bands.ts";

/**
 * A fitted training profile: one compute-efficiency scale per chip family and per (family, stack) group, with the
 * held-out residuals the prediction intervals come from. Written by `fitTrainProfile` (`fleetcast
 * calibrate`), read by every training prediction.
 */
export const TrainProfileSchema = z.object({
  kind: z.literal("fleetcast-train-profile"),
  version: z.literal(1),
  method: z.string(),
  cases: z.array(z.string()),
  /**
   * Scale for a family the calibration set lacks: the case-weighted geometric mean of the family scales. The gap
   * between datasheet-derived priors and end-to-end runs is systematic across vendors (all fitted families land
   * near 0.7), so an unseen family starts from it rather than from the raw priors.
   */
  global_compute_scale: z.number().positive(),
  families: z.array(
    z.object({ family: z.string(), compute_scale: z.number().positive(), cases: z.int().min(0) }),
  ),
  groups: z.array(
    z.object({
      family: z.string(),
      stack: z.string(),
      compute_scale: z.number().positive(),
      cases: z.int().min(0),
    }),
  ),
  residuals: z.array(
    z.object({
      case: z.string(),
      family: z.string(),
      stack: z.string(),
      metric: z.string(),
      fit_log_residual: z.number(),
      loo_log_residual: z.number(),
      /** With the case's whole publication left out of the fit; absent from profiles written before stop 17. */
      loso_log_residual: z.number().optional(),
    }),
  ),
  /**
   * Half-width of the 80 % prediction interval in log space, from the leave-one-source-out residuals (leave-one-out
   * in profiles written before stop 17).
   */
  interval_log_halfwidth: z.number().nonnegative(),
  interval_log_halfwidth_by_family: z.record(z.string(), z.number().nonnegative()),
});

export type TrainProfile = z.infer<typeof TrainProfileSchema>;

/**
 * The families whose fit stands for `family`: itself first, then the families built from the same compute die
 * (catalog die-generation.ts: a 910C without training cases takes the 910B's fit, kernels reaching the same
 * fraction of peak on the same die).
 */
function fitFamilies(family: string): readonly string[] {
  return (CHIP_FAMILIES as readonly string[]).includes(family)
    ? ownThenSameDie(family as ChipFamily)
    : [family];
}

/**
 * The compute scale a profile gives a (family, stack): the group's, else the family's, else those of a family
 * built from the same die (group, then family), else the global one.
 */
export function computeScaleOf(profile: TrainProfile, family: string, stack: string): number {
  for (const f of fitFamilies(family)) {
    const group = profile.groups.find((g) => g.family === f && g.stack === stack);
    if (group) return group.compute_scale;
    const fitted = profile.families.find((x) => x.family === f);
    if (fitted) return fitted.compute_scale;
  }
  return profile.global_compute_scale;
}

/** Applies a compute scale to the kernel-efficiency fields, capped at 0.98 of peak. */
export function scaleEfficiency(eff: TrainEfficiency, scale: number): TrainEfficiency {
  const cap = (x: number) => Math.min(0.98, x * scale);
  return {
    ...eff,
    matmulFraction: cap(eff.matmulFraction),
    matmulFractionFp8: cap(eff.matmulFractionFp8),
    attentionFraction: cap(eff.attentionFraction),
  };
}

export function applyTrainProfile(
  profile: TrainProfile,
  prior: TrainEfficiency,
  family: string,
  stack: string,
): TrainEfficiency {
  return scaleEfficiency(prior, computeScaleOf(profile, family, stack));
}

/**
 * The 80 % interval half-width (log space) for a family: its own when it had enough cases, else the pooled one
 * (a family without cases whose die another family's cases calibrate counts as that family); a family without any
 * calibration case takes the global compute scale (`computeScaleOf`), the case-weighted
 * geometric mean of the family scales, and may sit anywhere among them: the families' spread around it (k families,
 * sd with k - 1 degrees of freedom, widened by sqrt(1 + 1/k) for a new member, as an 80 % half-width: x 1.2816) is
 * added in quadrature.
 */
export function intervalHalfWidth(profile: TrainProfile, family: string): number {
  const fits = fitFamilies(family);
  const calibrated = fits.find((f) => profile.families.some((x) => x.family === f));
  const own = calibrated === undefined ? undefined : profile.interval_log_halfwidth_by_family[calibrated];
  if (own !== undefined) return own;
  const pooled = profile.interval_log_halfwidth;
  if (calibrated !== undefined) return pooled;
  const k = profile.families.length;
  if (k < 2) return pooled;
  const centre = Math.log(profile.global_compute_scale);
  const ss = profile.families.reduce((a, f) => a + (Math.log(f.compute_scale) - centre) ** 2, 0);
  const sd = Math.sqrt(ss / (k - 1)) * Math.sqrt(1 + 1 / k);
  return Math.hypot(pooled, Z80 * sd);
}

/** The standard normal quantile of 0.9: an 80 % two-sided interval spans +/- 1.2816 sigma. */
export const Z80 = 1.2816;

/**
 * The failure-free time's log-normal spread for the reliability Monte Carlo (`trainDaysLogSigma`): the family's 80 %
 * interval as a sigma, at most 2 (the reliability input's bound); 0 without a profile, whose step time is then
 * taken as exact (and said so).
 */
export function trainDaysLogSigma(profile: TrainProfile | null, family: string): number {
  return profile === null ? 0 : Math.min(2, predictionHalfWidth(profile, family) / Z80);
}

/**
 * How a training prediction's failure-free time is spread, for the reliability Monte Carlo and the printed interval:
 * `logLo` / `logHi` bound log(observed / predicted throughput) at 80 %, and the failure-free days are drawn
 * log-normal with median `days x exp(logMu)` and sigma `logSigma`, fitted to that band's two ends (days scale as
 * 1 / throughput, so logMu = -(logLo + logHi) / 2 and logSigma = (logHi - logLo) / (2 x 1.2816)).
 */
export interface TrainDaysSpread {
  logLo: number;
  logHi: number;
  logMu: number;
  logSigma: number;
}

/**
 * The spread of a training prediction (`TrainDaysSpread`): the symmetric one of `predictionHalfWidth` for a dense
 * model; for a mixture of experts, at each end the wider of that and the held-out MoE runs' own band (the bands
 * file's `train_moe`: 40 runs of 15 publications at stop 41 read x0.65 .. x1.26, median x0.88, skewed towards slower
 * than predicted; moeTrainingAdvisory says why), so a deadline's odds carry the skew the advisory names (QA 40 M9:
 * a symmetric x/÷ 1.37 band gave 70 % odds to a run the held-out record puts near 2x slower).
 */
export function trainDaysSpread(
  profile: TrainProfile,
  family: string,
  mixtureOfExperts: boolean,
  trainBand: LogBand | null = outOfSampleBandOf("train"),
  moeBand: LogBand | null = outOfSampleBandOf("train_moe"),
): TrainDaysSpread {
  const half = predictionHalfWidth(profile, family, trainBand);
  const logLo = mixtureOfExperts && moeBand !== null ? Math.min(-half, moeBand.logLo) : -half;
  const logHi = mixtureOfExperts && moeBand !== null ? Math.max(half, moeBand.logHi) : half;
  return {
    logLo,
    logHi,
    // + 0 keeps a symmetric band's centre +0, not -0
    logMu: -(logLo + logHi) / 2 + 0,
    // at most 2, the reliability input's bound
    logSigma: Math.min(2, (logHi - logLo) / (2 * Z80)),
  };
}

/**
 * The symmetric 80 % half-width (log space) a new training run's throughput carries: the calibration's own
 * (`intervalHalfWidth`) or the out-of-sample band's wider end (runs of sources no fit has seen,
 * src/calibrate/out-of-sample-band.ts), whichever is wider.
 */
export function predictionHalfWidth(
  profile: TrainProfile,
  family: string,
  band: LogBand | null = outOfSampleBandOf("train"),
): number {
  const own = intervalHalfWidth(profile, family);
  return band === null ? own : Math.max(own, -band.logLo, band.logHi);
}

/** The log-normal sigma of an 80 % interval given as a factor x/÷ F (as train plan prints it): ln F / 1.2816. */
export function intervalFactorLogSigma(factor: number): number {
  return Math.log(factor) / Z80;
}

/** The widest interval factor the reliability input takes: sigma 2 (its `trainDaysLogSigma` bound), x/÷ ~13. */
export const MAX_INTERVAL_FACTOR = Math.exp(2 * Z80);
