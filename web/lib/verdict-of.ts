import type { StrategyJson } from "./api-types.ts";

/** A strategy's verdict: the API's (src/fleet/strategy-verdict.ts), or `feasible` from an answer that predates it. */
export function verdictOf(s: StrategyJson): "yes" | "throughput only" | "no" {
  return s.verdict ?? (s.feasible ? "yes" : "no");
}
