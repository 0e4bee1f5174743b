/**
 * Request lengths with a long tail: on [lo, hi], the density proportional to exp(-rate x) whose mean is the one
 * asked for. Of all distributions on an interval with a known mean it is the one of maximum entropy (Jaynes 1957;
 * Cover & Thomas, "Elements of Information Theory", §12.1), the least committal choice when, as for chat datasets
 * such as ShareGPT, only the mean length and the benchmark's caps are known. A mean below the midpoint gives a
 * positive rate (a truncated exponential: many short requests and a long tail), the midpoint a flat draw, a mean
 * above it a negative rate. The tail is what sets the makespan of a closed burst: the last, longest answers decode
 * alone at a small batch.
 */
export interface TruncatedExponential {
  lo: number;
  hi: number;
  /** Rate of the density exp(-rate x), per token; 0 = flat on [lo, hi]. */
  ratePerToken: number;
}

/** Mean of the density exp(-rate x) on [lo, hi] (continuous). */
export function truncatedExponentialMean(rate: number, lo: number, hi: number): number {
  const w = hi - lo;
  if (w <= 0) return lo;
  const a = rate * w;
  // a -> 0: flat; the series keeps the difference below accurate where the closed form cancels
  if (Math.abs(a) < 1e-6) return lo + w / 2 - (w * a) / 12;
  // lo + 1/rate - w e^{-a} / (1 - e^{-a}) = lo + 1/rate - w / expm1(a)
  return lo + 1 / rate - w / Math.expm1(a);
}

/**
 * The distribution on [lo, hi] whose mean is `meanTokens` (bisection on the rate: the mean falls monotonically
 * from hi to lo as the rate rises from -Infinity to +Infinity).
 * @returns null when the mean is not strictly inside (lo, hi): no such distribution
 */
export function truncatedExponential(
  meanTokens: number,
  lo: number,
  hi: number,
): TruncatedExponential | null {
  if (!(hi > lo) || !(meanTokens > lo) || !(meanTokens < hi)) return null;
  const w = hi - lo;
  // rates beyond +-200/w put all but e^-200 of the mass within a token of an end; a mean within a few tokens of an
  // end needs more, about 1/(distance): the bracket covers 50x that, or the search stopped at its edge with the
  // mean far off (an 8,000-token prompt cap with 50-token answers drew 403)
  let a = Math.min(-200 / w, -50 / (hi - meanTokens));
  let b = Math.max(200 / w, 50 / (meanTokens - lo));
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (truncatedExponentialMean(m, lo, hi) > meanTokens) a = m;
    else b = m;
  }
  return { lo, hi, ratePerToken: (a + b) / 2 };
}

/**
 * The integer length at quantile `u` in [0, 1) of `d`, by the inverse distribution function, at most `cap`
 * (a per-request ceiling below `d.hi`, e.g. what the total-length limit leaves after the prompt: the draw is then
 * from `d` truncated at `cap`).
 */
export function drawLength(d: TruncatedExponential, u: number, cap = d.hi): number {
  const hi = Math.max(d.lo, Math.min(d.hi, cap));
  const w = hi - d.lo;
  const r = d.ratePerToken;
  let x: number;
  if (w <= 0) x = d.lo;
  else if (Math.abs(r * w) < 1e-9) x = d.lo + u * w;
  // x = lo - ln(1 - u (1 - e^{-r w})) / r
  else x = d.lo - Math.log1p(u * Math.expm1(-r * w)) / r;
  return Math.min(hi, Math.max(d.lo, Math.round(x)));
}

/** Mean of `drawLength(d, u, cap)` over u (continuous, before rounding). */
export function cappedMean(d: TruncatedExponential, cap: number): number {
  return truncatedExponentialMean(d.ratePerToken, d.lo, Math.max(d.lo, Math.min(d.hi, cap)));
}

/**
 * The output-length distribution whose mean, averaged over the prompts drawn from `input`, is `meanTokens` when
 * each answer is capped by what `maxTotal` leaves after its prompt (bisection on the rate, the expectation over
 * the prompt's quantiles by the midpoint rule on 256 points).
 * @returns null when even the flattest such draw cannot reach the mean
 */
export function outputLengths(
  meanTokens: number,
  input: TruncatedExponential,
  maxTotal: number,
): TruncatedExponential | null {
  const hi = maxTotal - input.lo;
  if (!(hi > 1) || !(meanTokens > 1)) return null;
  const points = 256;
  const caps: number[] = [];
  for (let k = 0; k < points; k++) caps.push(maxTotal - drawLength(input, (k + 0.5) / points));
  const meanAt = (rate: number) => {
    const d = { lo: 1, hi, ratePerToken: rate };
    let sum = 0;
    for (const cap of caps) sum += cappedMean(d, cap);
    return sum / points;
  };
  // as in truncatedExponential: wide enough for a mean a few tokens above 1 (at rate r the mean is about 1 + 1/r)
  let a = -200 / (hi - 1);
  let b = Math.max(200 / (hi - 1), 50 / (meanTokens - 1));
  // the mean falls with the rate: out of reach when even the most negative rate stays below it
  if (meanAt(a) <= meanTokens) return null;
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (meanAt(m) > meanTokens) a = m;
    else b = m;
  }
  return { lo: 1, hi, ratePerToken: (a + b) / 2 };
}
