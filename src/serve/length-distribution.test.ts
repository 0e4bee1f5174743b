import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawLength, truncatedExponential, truncatedExponentialMean } from "./length-distribution.ts";

describe("truncatedExponential()", () => {
  it("truncatedExponential() has the asked mean on its interval when one exists", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 100, max: 32_000 }),
        fc.double({ min: 0.02, max: 0.45, noNaN: true }),
        (lo, width, share) => {
          const hi = lo + width;
          const mean = lo + share * width;
          const d = truncatedExponential(mean, lo, hi);
          expect(truncatedExponentialMean(d.scaleTokens, lo, hi)).toBeCloseTo(mean, 3);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("truncatedExponential() is flat when the mean is at or past the midpoint, a point at the floor below it", () => {
    expect(truncatedExponential(600, 1, 1000).scaleTokens).toBe(Number.POSITIVE_INFINITY);
    expect(truncatedExponential(1, 1, 1000).scaleTokens).toBe(0);
    expect(drawLength(truncatedExponential(1, 1, 1000), 0.9)).toBe(1);
  });
});

describe("drawLength()", () => {
  // Riemann sum over evenly spaced quantiles: the mean of the integer draws, without randomness
  const meanOfDraws = (mean: number, lo: number, hi: number, cap?: number) => {
    const d = truncatedExponential(mean, lo, hi);
    const n = 20_000;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += drawLength(d, (k + 0.5) / n, cap);
    return sum / n;
  };

  it("drawLength() keeps the mean of ShareGPT-like answers (201 tokens within 2,048) and a long tail", () => {
    expect(meanOfDraws(201, 1, 1830)).toBeGreaterThan(201 * 0.98);
    expect(meanOfDraws(201, 1, 1830)).toBeLessThan(201 * 1.02);
    const d = truncatedExponential(201, 1, 1830);
    // one answer in a thousand is past 6x the mean: a closed burst of 1,000 prompts ends on it
    expect(drawLength(d, 0.999)).toBeGreaterThan(6 * 201);
    expect(drawLength(d, 0.5)).toBeLessThan(201);
  });

  it("drawLength() stays within [lo, min(hi, cap)] and rises with the quantile", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.integer({ min: 2, max: 4096 }),
        (u1, u2, cap) => {
          const d = truncatedExponential(300, 4, 2048);
          const a = drawLength(d, Math.min(u1, u2), cap);
          const b = drawLength(d, Math.max(u1, u2), cap);
          expect(a).toBeLessThanOrEqual(b);
          expect(a).toBeGreaterThanOrEqual(4);
          expect(b).toBeLessThanOrEqual(Math.max(4, Math.min(2048, cap)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
