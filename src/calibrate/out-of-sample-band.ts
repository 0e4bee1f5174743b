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
  const perSource = new Map<string, number>();
  for (const r of residuals) perSource.set(r.source, (perSource.get(r.source) ?? 0) + 1);
  const points = residuals
    .map((r) => ({ x: r.logRatio, w: 1 / (perSource.get(r.source) ?? 1) }))
    .sort((a, b) => a.x - b.x);
  const tail = (1 - coverage) / 2;
  // each end reads the inverse weighted CDF from its own side: the band leaves at most `tail` of the weight outside
  // each end, whatever the number of runs (and a source's equal rows weigh as one)
  const mirrored = points.map((p) => ({ x: -p.x, w: p.w })).reverse();
  return { logLo: -upperQuantile(mirrored, 1 - tail), logHi: upperQuantile(points, 1 - tail) };
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
