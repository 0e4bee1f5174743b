/** How many parallel ranks one chip of a train plan is: 2 on the two-die Ascend 910C, 1 elsewhere. */
import type { PlanJson } from "./api-types.ts";

/**
 * Ranks per chip of a plan for `chips` chips: its world size TP x PP x DP x CP (EP is carved out of DP; the plan
 * search requires this product to equal the job's ranks, src/train/evaluate-plan.ts `planViolations`) over the
 * chips, at least 1. The train plan's JSON states no ranks per chip; its degrees do: an Ascend 910C package is two
 * HCCL ranks (src/catalog/chips/chip-from-entry.ts), so 2,048 chips plan 4,096 ranks, and memory per rank is per die.
 * @example ranksPerChip({ tp: 4, pp: 1, dp: 1024, cp: 1, ... }, 2048) // 2
 */
export function ranksPerChip(plan: Pick<PlanJson, "tp" | "pp" | "dp" | "cp">, chips: number): number {
  const world = plan.tp * plan.pp * plan.dp * plan.cp;
  if (!(chips > 0) || !Number.isFinite(world)) return 1;
  return Math.max(1, Math.round(world / chips));
}
