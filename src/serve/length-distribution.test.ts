import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drawLength,
  outputLengths,
  type TruncatedExponential,
  truncatedExponential,
  truncatedExponentialMean,
} from "./length-distribution.ts";

const dist = (mean: number, lo: number, hi: number): TruncatedExponential => {
  const d = truncatedExponential(mean, lo, hi);
  if (d === null) throw new Error(`no distribution of mean ${mean} on [${lo}, ${hi}]`);
  return d;
};
// midpoint rule over evenly spaced quantiles: the mean of the integer draws, without randomness
const meanOfDraws = (d: TruncatedExponential, cap?: (k: number) => number) => {
  const n = 20_000;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += drawLength(d, (k + 0.5) / n, cap?.(k));
  return sum / n;
};

describe("truncatedExponential()", () => {
  it("truncatedExponential() has the asked mean anywhere strictly inside its interval", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 100, max: 32_000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (lo, width, share) => {
          const hi = lo + width;
          const mean = lo + share * width;
          const d = dist(mean, lo, hi);
          expect(truncatedExponentialMean(d.ratePerToken, lo, hi)).toBeCloseTo(mean, 3);
          // below the midpoint a long tail (positive rate), above it a negative rate
          if (share < 0.49) expect(d.ratePerToken).toBeGreaterThan(0);
          if (share > 0.51) expect(d.ratePerToken).toBeLessThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("truncatedExponential() refuses a mean outside (lo, hi)", () => {
    expect(truncatedExponential(1, 1, 1000)).toBeNull();
    expect(truncatedExponential(1000, 1, 1000)).toBeNull();
    expect(truncatedExponential(2000, 1, 1024)).toBeNull();
    expect(truncatedExponential(10, 5, 5)).toBeNull();
  });
});

describe("drawLength()", () => {
  it("drawLength() keeps the mean of ShareGPT-like answers (201 tokens within 2,048) and a long tail", () => {
    const d = dist(201, 1, 1830);
    expect(meanOfDraws(d)).toBeGreaterThan(201 * 0.98);
    expect(meanOfDraws(d)).toBeLessThan(201 * 1.02);
    // one answer in a thousand is past 6x the mean: a closed burst of 1,000 prompts ends on it
    expect(drawLength(d, 0.999)).toBeGreaterThan(6 * 201);
    expect(drawLength(d, 0.5)).toBeLessThan(201);
  });

  it("drawLength() keeps a mean above the midpoint (a negative rate), as 800 within 1,024", () => {
    const d = dist(800, 1, 1024);
    expect(meanOfDraws(d)).toBeGreaterThan(800 * 0.99);
    expect(meanOfDraws(d)).toBeLessThan(800 * 1.01);
  });

  it("drawLength() stays within [lo, min(hi, cap)] and rises with the quantile", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.integer({ min: 2, max: 4096 }),
        (u1, u2, cap) => {
          const d = dist(300, 4, 2048);
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

describe("outputLengths()", () => {
  it("outputLengths() keeps the output mean when each answer is capped by what its prompt leaves", () => {
    // 500-token prompts and answers within 1,500 in total: the cap binds for long prompts
    const input = dist(500, 1, 1499);
    const output = outputLengths(500, input, 1500);
    expect(output).not.toBeNull();
    const n = 20_000;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = drawLength(input, (k + 0.5) / n);
      // pair each prompt quantile with an output quantile from a co-prime stride: a deterministic mix
      sum += drawLength(output!, (((k * 7919) % n) + 0.5) / n, 1500 - i);
    }
    expect(sum / n).toBeGreaterThan(500 * 0.97);
    expect(sum / n).toBeLessThan(500 * 1.03);
  });

  it("outputLengths() refuses a mean the caps cannot leave room for", () => {
    expect(outputLengths(600, dist(500, 1, 999), 1000)).toBeNull();
  });
});

describe("outputLengths() for short answers under a long cap", () => {
  it("reaches a mean a few tokens above 1, where the bracket used to stop the search", () => {
    // 8,000-token prompts, 50-token answers, total cap 10 x (I + O): the draw's mean was 403
    const maxTotal = 10 * 8050;
    const input = truncatedExponential(8000, 1, maxTotal - 1)!;
    const out = outputLengths(50, input, maxTotal)!;
    let sum = 0;
    const k = 4000;
    for (let j = 0; j < k; j++) {
      const prompt = drawLength(input, (j + 0.5) / k);
      sum += drawLength(out, (((j * 7919) % k) + 0.5) / k, maxTotal - prompt);
    }
    expect(sum / k).toBeGreaterThan(47);
    expect(sum / k).toBeLessThan(53);
    expect(truncatedExponential(3, 1, 80_000)!.ratePerToken).toBeGreaterThan(0.4);
  });
});
