/**
 * The q-quantile of ascending values, interpolated linearly between the two nearest ranks (Hyndman and Fan's
 * type 7, R's and NumPy's default); null when there are none. q = 0.5 is the median.
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}
