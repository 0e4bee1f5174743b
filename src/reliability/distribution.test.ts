import fc from "fast-check";
import { expect, test } from "vitest";
import { countDistribution, distribution } from "./distribution.ts";

// numpy.percentile([1..10], [10, 50, 90]) with linear interpolation: 1.9, 5.5, 9.1.
test("distribution() gives the mean and type-7 percentiles", () => {
  const d = distribution(Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
  expect(d.mean).toBe(5.5);
  expect(d.p10).toBeCloseTo(1.9, 12);
  expect(d.p50).toBeCloseTo(5.5, 12);
  expect(d.p90).toBeCloseTo(9.1, 12);
});

test("distribution() leaves its input unsorted", () => {
  const v = Float64Array.from([3, 1, 2]);
  distribution(v);
  expect([...v]).toEqual([3, 1, 2]);
});

// numpy.percentile([1..10], [10, 50, 90], method="inverted_cdf"): 1, 5, 9.
test("countDistribution() gives percentiles that are counts a replica saw (inverse empirical CDF)", () => {
  const d = countDistribution(Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
  expect(d).toEqual({ mean: 5.5, p10: 1, p50: 5, p90: 9 });
  expect(countDistribution(Float64Array.from([4])).p90).toBe(4);
});

test("countDistribution() percentiles are members of the sample, ordered, within its range", () => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 40 }), (xs) => {
      const d = countDistribution(Float64Array.from(xs));
      for (const p of [d.p10, d.p50, d.p90]) expect(xs).toContain(p);
      expect(d.p10).toBeLessThanOrEqual(d.p50);
      expect(d.p50).toBeLessThanOrEqual(d.p90);
    }),
  );
});
