import type { Vendor } from "./_fleet-context.ts";
import type { StrategyId } from "./strategy-result.ts";

/** The vendors whose pools may train and serve in a strategy; null: any usable pool. */
export interface StrategyRoles {
  train: readonly Vendor[] | null;
  serve: readonly Vendor[] | null;
}

/**
 * Which vendors' pools each strategy may put to training and to serving, as `compareStrategies` builds them:
 * the three fixed strategies of the issue by vendor, the best split and the cross-vendor job over any usable pool
 * (the cross-vendor job trains NVIDIA and Ascend segments; its serving takes every other usable chip).
 */
export const STRATEGY_ROLES: Readonly<Record<StrategyId, StrategyRoles>> = {
  "all-nvidia": { train: ["nvidia"], serve: ["nvidia"] },
  "all-ascend": { train: ["ascend"], serve: ["ascend"] },
  "train-nvidia-serve-ascend": { train: ["nvidia"], serve: ["ascend"] },
  "best-split": { train: null, serve: null },
  "cross-vendor-training": { train: ["nvidia", "ascend"], serve: null },
};

/** The items whose vendor a strategy's role admits (all of them when the role takes any pool). */
export function poolsForRole<T extends { vendor: Vendor }>(
  pools: readonly T[],
  id: StrategyId,
  role: keyof StrategyRoles,
): T[] {
  const vendors = STRATEGY_ROLES[id][role];
  return vendors === null ? [...pools] : pools.filter((p) => vendors.includes(p.vendor));
}
