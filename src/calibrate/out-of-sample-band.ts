/**
 * An 80 % prediction band from residuals on runs no fit has seen, each source weighted equally.
 *
 * Leave-one-out residuals on the calibration set describe a case whose neighbours were fitted; a new deployment is
 * a new publication, on an engine version and a harness of its own, and misses by more (held-out serving, engine and
 * chip pairs the calibration covers: median 30 % where leave-one-out says 12 %). The band is built as split-conformal
 * prediction builds one (Vovk, Gammerman & Shafer, "Algorithmic Learning in a Random World", 2005, ch. 2; Lei et al.,
 * "Distribution-Free Predictive Inference for Regression", JASA 2018, §2.2): quantiles of the residuals of a set kept
 * out of the fit, here without its (n + 1) / n finite-sample correction, so its coverage is checked, not guaranteed
 * (`leaveOneSourceOutCoverage`). A publication that printed many rows (GPUStack's lab: 82 runs on seven pages) weighs
 * no more than one of a single row, so that no one harness sets the width: each residual weighs 1 / (its source's
 * rows), and each end of the band is the inverse of the weighted empirical distribution read from its own side
 * (Hyndman & Fan's definition 1, weighted): no more than (1 - coverage) / 2 of the weight lies beyond either end.
 */

/** One residual: log(observed / predicted) oriented as throughput (a time metric's sign flipped), and its source. */
export interface BandResidual {
  source: string;
  logRatio: number;
}

/** A band in log space: the observed value lies in predicted x [exp(logLo), exp(logHi)] for `coverage` of runs. */
export interface LogBand {
  logLo: number;
  logHi: number;
}

/**
 * The central `coverage` band of the residuals, sources weighted equally.
 * @throws RangeError when there are no residuals or the coverage is not in (0, 1)
 */
export function outOfSampleBand(residuals: readonly BandResidual[], coverage = 0.8): LogBand {
  if (!(coverage > 0 && coverage < 1))
    throw new RangeError(`Cannot form a band: coverage ${coverage} is not in (0, 1)`);
  if (residuals.length === 0) throw new RangeError("Cannot form a band: no residuals");
  const points = sourceWeighted(residuals);
  const tail = (1 - coverage) / 2;
  // each end reads the inverse weighted CDF from its own side: the band leaves at most `tail` of the weight outside
  // each end, whatever the number of runs (and a source's equal rows weigh as one)
  const mirrored = points.map((p) => ({ x: -p.x, w: p.w })).reverse();
  return { logLo: -upperQuantile(mirrored, 1 - tail), logHi: upperQuantile(points, 1 - tail) };
}

/** The probabilities `residualQuantiles` reads: 5 % to 95 % by 5 %. */
export const RESIDUAL_QUANTILE_PROBS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * The residuals' quantiles at RESIDUAL_QUANTILE_PROBS, sources weighted equally as `outOfSampleBand` weighs them
 * (each the inverse of the weighted empirical distribution): what `shareReaching` reads the odds of a margin from.
 * @throws RangeError when there are no residuals
 */
export function residualQuantiles(residuals: readonly BandResidual[]): number[] {
  if (residuals.length === 0) throw new RangeError("Cannot read quantiles: no residuals");
  const points = sourceWeighted(residuals);
  return RESIDUAL_QUANTILE_PROBS.map((q) => upperQuantile(points, q));
}

/**
 * The share of held-out runs whose log(observed / predicted) reached `logRatio`, read from their quantiles
 * (`residualQuantiles`), linear between them; below the 5 % quantile it is "at least 95 %", above the 95 % one "at
 * most 5 %": returned as 0.95 and 0.05, with `bound` saying which side was clamped.
 * @example shareReaching(q, Math.log(0.93)) // { share: 0.51, bound: null }: half the runs reached 93 % of the prediction
 */
export function shareReaching(
  logQuantiles: readonly number[],
  logRatio: number,
): { share: number; bound: "at-least" | "at-most" | null } {
  const n = Math.min(logQuantiles.length, RESIDUAL_QUANTILE_PROBS.length);
  const first = logQuantiles[0];
  const last = logQuantiles[n - 1];
  if (first === undefined || last === undefined) throw new RangeError("Cannot read a share: no quantiles");
  if (logRatio <= first) return { share: 1 - RESIDUAL_QUANTILE_PROBS[0]!, bound: "at-least" };
  if (logRatio >= last) return { share: 1 - RESIDUAL_QUANTILE_PROBS[n - 1]!, bound: "at-most" };
  for (let i = 1; i < n; i++) {
    const hi = logQuantiles[i]!;
    if (logRatio > hi) continue;
    const lo = logQuantiles[i - 1]!;
    const p0 = RESIDUAL_QUANTILE_PROBS[i - 1]!;
    const p1 = RESIDUAL_QUANTILE_PROBS[i]!;
    const cdf = hi > lo ? p0 + ((logRatio - lo) / (hi - lo)) * (p1 - p0) : p1;
    return { share: 1 - cdf, bound: null };
  }
  return { share: 1 - RESIDUAL_QUANTILE_PROBS[n - 1]!, bound: "at-most" };
}

/**
 * The share of runs inside a band formed without their source (each source left out in turn, its runs judged by the
 * band of the others): what the band's coverage is expected to be on a source not yet seen.
 */
export function leaveOneSourceOutCoverage(residuals: readonly BandResidual[], coverage = 0.8): number {
  const sources = [...new Set(residuals.map((r) => r.source))];
  if (sources.length < 2) throw new RangeError("Cannot check a band: fewer than two sources");
  let inside = 0;
  for (const source of sources) {
    const band = outOfSampleBand(
      residuals.filter((r) => r.source !== source),
      coverage,
    );
    for (const r of residuals)
      if (r.source === source && r.logRatio >= band.logLo && r.logRatio <= band.logHi) inside += 1;
  }
  return inside / residuals.length;
}

/**
 * The interval of a prediction: the wider, at each end, of the calibration's own band and the out-of-sample one.
 * `timeLike` metrics (milliseconds, seconds, hours) move against throughput, so the band is mirrored for them.
 */
export function widenedInterval(
  predicted: number,
  own: LogBand,
  outOfSample: LogBand | null,
  timeLike = false,
): [number, number] {
  const band =
    outOfSample === null
      ? own
      : { logLo: Math.min(own.logLo, outOfSample.logLo), logHi: Math.max(own.logHi, outOfSample.logHi) };
  const lo = predicted * Math.exp(timeLike ? -band.logHi : band.logLo);
  const hi = predicted * Math.exp(timeLike ? -band.logLo : band.logHi);
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

// --- internal ---

/** The residuals sorted, each weighing 1 / its source's runs (a publication of many rows weighs as one of one). */
function sourceWeighted(residuals: readonly BandResidual[]): { x: number; w: number }[] {
  const perSource = new Map<string, number>();
  for (const r of residuals) perSource.set(r.source, (perSource.get(r.source) ?? 0) + 1);
  return residuals
    .map((r) => ({ x: r.logRatio, w: 1 / (perSource.get(r.source) ?? 1) }))
    .sort((a, b) => a.x - b.x);
}

/** The smallest value whose cumulative weight reaches q of the total (the inverse of the weighted step CDF). */
function upperQuantile(sorted: readonly { x: number; w: number }[], q: number): number {
  const total = sorted.reduce((a, p) => a + p.w, 0);
  let cumulative = 0;
  for (const p of sorted) {
    cumulative += p.w;
    if (cumulative >= q * total * (1 - 1e-12)) return p.x;
  }
  return sorted[sorted.length - 1]!.x;
}
