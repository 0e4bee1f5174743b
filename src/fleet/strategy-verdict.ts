import { servingLatencyState } from "./serving-latency-state.ts";
import type { StrategyResult } from "./strategy-result.ts";

/**
 * A row's verdict as the tables print it: "yes" when it is feasible (trains by the deadline, carries the peak on
 * throughput, keeps the policy) and its serving meets the p99 limits at load where they were checked,
 * "throughput only" when it is feasible but a serving part misses them, else "no". `feasible` itself stays the
 * throughput reading (review 18); the verdict keeps a feasible row over its latency limits from reading as a plain
 * "yes" (QA 27: the default scenario's recommended row missed its TTFT limit at the peak by ~9x under an "ok: yes").
 */
export function strategyVerdict(s: StrategyResult): "yes" | "throughput only" | "no" {
  if (!s.feasible) return "no";
  return servingLatencyState(s) === "missed" ? "throughput only" : "yes";
}
