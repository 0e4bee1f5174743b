import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BandResidual,
  leaveOneSourceOutCoverage,
  outOfSampleBand,
  residualQuantiles,
  shareReaching,
  widenedInterval,
} from "./out-of-sample-band.ts";

const oneEach = (xs: number[]): BandResidual[] => xs.map((x, i) => ({ source: `s${i}`, logRatio: x }));

describe("outOfSampleBand()", () => {
  it("outOfSampleBand() leaves a tenth of the weight beyond each end", () => {
    // ten sources of one run at 0..9: one run below the band, one above
    const band = outOfSampleBand(oneEach([9, 3, 0, 1, 2, 4, 5, 6, 7, 8]));
    expect(band).toEqual({ logLo: 1, logHi: 8 });
  });

  it("outOfSampleBand() weighs sources equally: one source's hundred rows count as one row", () => {
    const nine = oneEach([0, 0.1, -0.1, 0.2, -0.2, 0.05, -0.05, 0.15, -0.15]);
    const loud = Array.from({ length: 100 }, () => ({ source: "one-benchmark-page", logRatio: 3 }));
    const withOne = outOfSampleBand([...nine, { source: "one-benchmark-page", logRatio: 3 }]);
    const withHundred = outOfSampleBand([...nine, ...loud]);
    expect(withHundred.logLo).toBeCloseTo(withOne.logLo, 12);
    expect(withHundred.logHi).toBeCloseTo(withOne.logHi, 12);
    expect(withHundred.logHi).toBeLessThan(3);
  });

  it("outOfSampleBand() is ordered, holds its stated share, and widens with the coverage asked", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 10, maxLength: 60 }),
        (xs) => {
          const rs = oneEach(xs);
          const b80 = outOfSampleBand(rs, 0.8);
          const b50 = outOfSampleBand(rs, 0.5);
          expect(b80.logLo).toBeLessThanOrEqual(b80.logHi);
          expect(b80.logLo).toBeLessThanOrEqual(b50.logLo + 1e-12);
          expect(b80.logHi).toBeGreaterThanOrEqual(b50.logHi - 1e-12);
          // with equal weights the band holds at least 80 % of the points
          const inside = xs.filter((x) => x >= b80.logLo && x <= b80.logHi).length;
          expect(inside / xs.length).toBeGreaterThanOrEqual(0.8 - 1e-9);
        },
      ),
    );
  });

  it("outOfSampleBand() refuses no residuals and a coverage outside (0, 1)", () => {
    expect(() => outOfSampleBand([])).toThrow(/no residuals/);
    expect(() => outOfSampleBand(oneEach([1, 2]), 1)).toThrow(/coverage 1 is not in \(0, 1\)/);
  });
});

describe("leaveOneSourceOutCoverage()", () => {
  it("leaveOneSourceOutCoverage() judges each source by the others' band: an outlying source falls outside", () => {
    // two calm sources and one far off, five runs each: with its own runs in the band the outlier is covered, left
    // out it is not (review 21: a version that did not leave the source out passed the test before)
    const runs = (source: string, at: number) =>
      Array.from({ length: 5 }, (_, i) => ({ source, logRatio: at + i / 100 }));
    const all = [...runs("a", 0), ...runs("b", 0.05), ...runs("c", 2)];
    const band = outOfSampleBand(all);
    const inSample =
      all.filter((r) => r.logRatio >= band.logLo && r.logRatio <= band.logHi).length / all.length;
    expect(inSample).toBeGreaterThan(0.8);
    const left = leaveOneSourceOutCoverage(all);
    expect(left).toBeLessThanOrEqual(10 / 15);
    expect(left).toBeLessThan(inSample);
  });

  it("leaveOneSourceOutCoverage() refuses fewer than two sources", () => {
    expect(() => leaveOneSourceOutCoverage(oneEach([1]))).toThrow(/fewer than two sources/);
  });
});

describe("widenedInterval()", () => {
  const own = { logLo: -0.1, logHi: 0.3 };
  const wide = { logLo: -0.5, logHi: 0.2 };

  it("widenedInterval() takes the wider band at each end", () => {
    const [lo, hi] = widenedInterval(100, own, wide);
    expect(lo).toBeCloseTo(100 * Math.exp(-0.5), 10);
    expect(hi).toBeCloseTo(100 * Math.exp(0.3), 10);
    expect(widenedInterval(100, own, null)).toEqual([100 * Math.exp(-0.1), 100 * Math.exp(0.3)]);
  });

  it("widenedInterval() mirrors the band for a time metric (a slower system has the larger time)", () => {
    const [lo, hi] = widenedInterval(10, own, wide, true);
    expect(lo).toBeCloseTo(10 * Math.exp(-0.3), 10);
    expect(hi).toBeCloseTo(10 * Math.exp(0.5), 10);
  });
});

describe("shareReaching()", () => {
  it("shareReaching() reads the share of runs at or above a ratio from the residuals' quantiles", () => {
    // 100 sources of one run at -0.99..0: the 50 % quantile is about -0.5, so half the runs reached -0.5
    const q = residualQuantiles(oneEach(Array.from({ length: 100 }, (_, i) => -i / 100)));
    expect(shareReaching(q, -0.5).share).toBeCloseTo(0.5, 1);
    expect(shareReaching(q, -0.2).share).toBeCloseTo(0.2, 1);
    // past the stored quantiles: a bound, not a figure
    expect(shareReaching(q, 0.5)).toMatchObject({ bound: "at-most" });
    expect(shareReaching(q, 0.5).share).toBeCloseTo(0.05, 12);
    expect(shareReaching(q, -2)).toMatchObject({ bound: "at-least" });
    expect(shareReaching(q, -2).share).toBeCloseTo(0.95, 12);
  });

  it("shareReaching() never rises as the ratio asked rises, and stays in [0.05, 0.95]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (xs, a, b) => {
          const q = residualQuantiles(oneEach(xs));
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const sLo = shareReaching(q, lo).share;
          const sHi = shareReaching(q, hi).share;
          expect(sHi).toBeLessThanOrEqual(sLo + 1e-12);
          expect(sLo).toBeGreaterThanOrEqual(0.05 - 1e-12);
          expect(sLo).toBeLessThanOrEqual(0.95 + 1e-12);
        },
      ),
    );
  });
});
