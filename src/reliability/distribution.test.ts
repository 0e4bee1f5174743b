import { expect, test } from "vitest";
import { distribution } from "./distribution.ts";

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
