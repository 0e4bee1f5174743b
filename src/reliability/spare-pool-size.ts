import { binomialDraw } from "./binomial-draw.ts";
import { requireNonNegative } from "./require-positive.ts";

/**
 * Spare nodes needed so that more than `k` nodes fail within one repair window with probability at most
 * 1 − `quantile`: the smallest k with P[Binomial(nodes, pWindow) > k] ≤ 1 − quantile. This is ByteRobust's
 * warm-standby rule (Wan et al., SOSP 2025, arXiv 2509.16293: "P99 of a binomial failure distribution",
 * reliability.md §2.7), with pWindow = 1 − e^(−λ_node·repairH).
 */
export function sparePoolSize(nodes: number, pWindow: number, quantile = 0.99): number {
  requireNonNegative(nodes, "nodes", "size the spare pool");
  requireNonNegative(pWindow, "p_window", "size the spare pool");
  if (nodes === 0 || pWindow === 0) return 0;
  if (pWindow >= 1) return nodes;
  // the quantile of Binomial(nodes, pWindow): the smallest k whose distribution function reaches it
  return binomialDraw(nodes, pWindow, quantile);
}
