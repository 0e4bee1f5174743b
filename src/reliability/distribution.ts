/** Mean and percentiles of a simulated quantity across replicas. */
export interface Distribution {
  readonly mean: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** The `q` quantile of unsorted values, as `distribution` reads its percentiles (type 7). */
export function quantileOf(values: Float64Array, q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

/** Linear-interpolation quantile (Hyndman-Fan type 7, as numpy's default) of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

/** Summarises values (any order; the array is not modified). Empty input gives NaN fields. */
export function distribution(values: Float64Array): Distribution {
  if (values.length === 0) return { mean: Number.NaN, p10: Number.NaN, p50: Number.NaN, p90: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] ?? 0;
  return {
    mean: sum / sorted.length,
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
  };
}

/**
 * Summarises counts (interruptions): the mean, and percentiles that are counts some replica saw, the inverse of the
 * empirical distribution function (Hyndman-Fan type 1: the smallest value with at least a share q of the replicas at
 * or below it), so a p50 of 10 replicas reads 9 interruptions, not 9.5.
 */
export function countDistribution(values: Float64Array): Distribution {
  const d = distribution(values);
  if (values.length === 0) return d;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { mean: d.mean, p10: at(0.1), p50: at(0.5), p90: at(0.9) };
}
