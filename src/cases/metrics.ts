/**
 * The observed metric names of each case kind, exactly as `data/cases/FORMAT.md` lists them
 * ("Observed metrics" of `kind: train`, `kind: serve`, `kind: reliability`).
 */

/** Training metrics (FORMAT.md, `kind: train`); `mfu` is a 0-1 fraction in the source's own definition. */
export const TRAIN_METRICS = [
  "tokens_per_s_per_chip",
  "model_tflops_per_chip",
  "mfu",
  "step_time_s",
  "chip_hours_per_trillion_tokens",
] as const;

/** Serving metrics (FORMAT.md, `kind: serve`); `requests_per_s` is the whole deployment's rate. */
export const SERVE_METRICS = [
  "prefill_tokens_per_s_per_chip",
  "decode_tokens_per_s_per_chip",
  "output_tokens_per_s_per_chip",
  "ttft_ms",
  "tpot_ms",
  "requests_per_s",
] as const;

/** Reliability metrics (FORMAT.md, `kind: reliability`); `goodput` is a 0-1 fraction. */
export const RELIABILITY_METRICS = [
  "interruptions",
  "unexpected_interruptions",
  "mtti_hours",
  "goodput",
] as const;

export type TrainMetric = (typeof TRAIN_METRICS)[number];
export type ServeMetric = (typeof SERVE_METRICS)[number];
export type ReliabilityMetric = (typeof RELIABILITY_METRICS)[number];

/** Metrics that are fractions of one (FORMAT.md: `mfu` 0-1, `goodput` 0-1). */
export const FRACTION_METRICS: readonly string[] = ["mfu", "goodput"];

/**
 * Metrics that count events, where an observed 0 is a real measurement (a run without interruptions). Every other
 * metric is a rate, a time or a fraction of one, and must be > 0: a throughput of 0 would calibrate a compute scale
 * out of nothing, and a time of 0 is no measurement.
 */
export const COUNT_METRICS: readonly string[] = ["interruptions", "unexpected_interruptions"];

/** Metrics that move against throughput: a slower system has larger ones (a band on them is mirrored). */
export const TIME_METRICS: readonly string[] = [
  "ttft_ms",
  "tpot_ms",
  "step_time_s",
  "chip_hours_per_trillion_tokens",
];

/** Whether a metric moves against throughput (`TIME_METRICS`). */
export function isTimeLikeMetric(metric: string): boolean {
  return TIME_METRICS.includes(metric);
}
