import type { StrategyJson } from "./api-types.ts";

/**
 * Chips of a strategy that neither train nor serve (compare's `idle_chips`; from the allocation for an answer
 * without it), the CLI's "idle" column (review 19 B8).
 * @example idleChips(bestSplit) // 384
 */
export function idleChips(s: StrategyJson): number {
  return s.idle_chips ?? s.allocation.reduce((n, a) => n + a.idle, 0);
}
