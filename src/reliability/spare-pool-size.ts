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
  const mean = nodes * pWindow;
  if (mean > 500) {
    // Normal approximation where (1 − p)^n underflows; z(0.99) = 2.326.
    const sd = Math.sqrt(mean * (1 - pWindow));
    return Math.min(nodes, Math.ceil(mean + 2.326 * sd));
  }
  let pmf = Math.exp(nodes * Math.log1p(-pWindow));
  let cdf = pmf;
  let k = 0;
  const ratio = pWindow / (1 - pWindow);
  while (cdf < quantile && k < nodes) {
    pmf *= ((nodes - k) / (k + 1)) * ratio;
    cdf += pmf;
    k++;
  }
  return k;
}
