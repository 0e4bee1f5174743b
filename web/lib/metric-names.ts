/**
 * The calibration metrics (src/cases/metrics.ts, data/cases/FORMAT.md "Observed metrics") in words with their unit,
 * for the Calibration fit view's picker, axes and tables (review 19 C6: raw snake_case, axes without units).
 */

export interface MetricName {
  /** "time to first token (TTFT)". */
  words: string;
  /** "ms"; "" for a count. */
  unit: string;
}

const NAMES: Readonly<Record<string, MetricName>> = {
  tokens_per_s_per_chip: { words: "training throughput", unit: "tokens/s per chip" },
  model_tflops_per_chip: { words: "model FLOPs per chip", unit: "TFLOP/s" },
  mfu: { words: "model FLOPs utilization (MFU)", unit: "fraction of peak" },
  step_time_s: { words: "training step time", unit: "s" },
  chip_hours_per_trillion_tokens: { words: "chip-hours per trillion tokens", unit: "chip-hours" },
  prefill_tokens_per_s_per_chip: { words: "prefill throughput", unit: "input tokens/s per chip" },
  decode_tokens_per_s_per_chip: { words: "decode throughput", unit: "output tokens/s per chip" },
  output_tokens_per_s_per_chip: { words: "serving output throughput", unit: "output tokens/s per chip" },
  ttft_ms: { words: "time to first token (TTFT)", unit: "ms" },
  tpot_ms: { words: "time per output token (TPOT)", unit: "ms" },
  requests_per_s: { words: "requests served, whole deployment", unit: "requests/s" },
  interruptions: { words: "interruptions of the run", unit: "" },
  unexpected_interruptions: { words: "unexpected interruptions of the run", unit: "" },
  mtti_hours: { words: "mean time to interruption (MTTI)", unit: "h" },
  goodput: { words: "goodput", unit: "fraction of wall time" },
};

/**
 * A metric in words with its unit; an unknown one reads as its name with spaces and no unit.
 * @example metricName("ttft_ms") // { words: "time to first token (TTFT)", unit: "ms" }
 */
export function metricName(metric: string): MetricName {
  return NAMES[metric] ?? { words: metric.replaceAll("_", " "), unit: "" };
}

/** "time to first token (TTFT), ms", or the words alone for a metric without a unit. */
export function metricLabel(metric: string): string {
  const { words, unit } = metricName(metric);
  return unit === "" ? words : `${words}, ${unit}`;
}
