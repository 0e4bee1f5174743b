/**
 * Request lengths with a long tail: the exponential distribution truncated to [lo, hi] with a given mean. Of all
 * distributions on an interval with a known mean it is the one of maximum entropy (Jaynes 1957; Cover & Thomas,
 * "Elements of Information Theory", §12.2), the least committal choice when, as for chat datasets such as
 * ShareGPT, only the mean length and the benchmark's caps are known. Its tail is what sets the makespan of a
 * closed burst: the last, longest answers decode alone at a small batch.
 */
export interface TruncatedExponential {
  lo: number;
  hi: number;
  /** Scale (mean of the untruncated exponential), tokens; Infinity when the mean asks for a flat draw. */
  scaleTokens: number;
}

/** Mean of the exponential of scale `s` truncated to [lo, hi] (continuous). */
export function truncatedExponentialMean(s: number, lo: number, hi: number): number {
  const w = hi - lo;
  if (w <= 0) return lo;
  if (!Number.isFinite(s)) return lo + w / 2;
  const z = Math.exp(-w / s);
  return lo + s - (w * z) / (1 - z);
}

/**
 * The truncated exponential on [lo, hi] whose mean is `meanTokens` (bisection on the scale; the mean rises
 * monotonically from lo to the midpoint as the scale grows). A mean at or above the midpoint cannot be reached by
 * a decreasing density: the draw is then flat on [lo, hi] (scale Infinity), the closest it comes.
 */
export function truncatedExponential(meanTokens: number, lo: number, hi: number): TruncatedExponential {
  const top = Math.max(lo, hi);
  if (meanTokens <= lo || top === lo) return { lo, hi: top, scaleTokens: 0 };
  if (meanTokens >= (lo + top) / 2) return { lo, hi: top, scaleTokens: Number.POSITIVE_INFINITY };
  let a = Math.log(1e-6 * (top - lo));
  let b = Math.log(1e6 * (top - lo));
  for (let i = 0; i < 100; i++) {
    const m = (a + b) / 2;
    if (truncatedExponentialMean(Math.exp(m), lo, top) < meanTokens) a = m;
    else b = m;
  }
  return { lo, hi: top, scaleTokens: Math.exp((a + b) / 2) };
}

/**
 * The integer length at quantile `u` in [0, 1) of `d`, by the inverse distribution function, at most `cap`
 * (a per-request ceiling below `d.hi`, e.g. what the total-length limit leaves after the prompt).
 */
export function drawLength(d: TruncatedExponential, u: number, cap = d.hi): number {
  const hi = Math.max(d.lo, Math.min(d.hi, cap));
  const w = hi - d.lo;
  let x: number;
  if (w <= 0 || d.scaleTokens === 0) x = d.lo;
  else if (!Number.isFinite(d.scaleTokens)) x = d.lo + u * w;
  else x = d.lo - d.scaleTokens * Math.log(1 - u * (1 - Math.exp(-w / d.scaleTokens)));
  return Math.min(hi, Math.max(d.lo, Math.round(x)));
}
