import { normalQuantile } from "./normal-quantile.ts";

// Above this variance the draw is the normal approximation: its error in the count is well under one node, and
// exact inversion from 0 would start from (1 − p)^n, which underflows to 0 once n·p passes ~700 (then every
// node came out a lemon: review of 2026-11-30).
const NORMAL_ABOVE_VARIANCE = 100;

/**
 * A Binomial(n, p) draw from one uniform `u` by inversion: exact (from the lighter tail, so (1 − p)^n stays
 * representable) while n·p·(1 − p) ≤ 100, else the normal approximation with a continuity correction, clamped
 * to [0, n]. Monotone in `u`, so common random numbers keep their meaning.
 * @example binomialDraw(2048, 0.05, 0.5) // 102, the median of Binomial(2048, 0.05)
 */
export function binomialDraw(n: number, p: number, u: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(n, 1 - p, 1 - u);
  const variance = n * p * (1 - p);
  if (variance > NORMAL_ABOVE_VARIANCE) {
    const k = Math.floor(n * p + Math.sqrt(variance) * normalQuantile(u) + 0.5);
    return Math.min(n, Math.max(0, k));
  }
  let pmf = Math.exp(n * Math.log1p(-p));
  let cdf = pmf;
  let k = 0;
  const ratio = p / (1 - p);
  while (cdf < u && k < n) {
    pmf *= ((n - k) / (k + 1)) * ratio;
    cdf += pmf;
    k++;
  }
  return k;
}
