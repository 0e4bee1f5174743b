import type { StrategyResult } from "./strategy-result.ts";

/**
 * A row's serving latency at load, as the tables show it: "none" without serving parts, "missed" when a part's
 * replicas miss the p99 limits at its share of the peak, "unchecked" when a part could not be simulated (none
 * missed), else "met".
 */
export function servingLatencyState(s: StrategyResult): "none" | "met" | "missed" | "unchecked" {
  if (s.serving.parts.length === 0) return "none";
  if (!s.serving.latencyOk) return "missed";
  return s.serving.parts.some((p) => p.atLoad === null) ? "unchecked" : "met";
}
