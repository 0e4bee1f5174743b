import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSorted } from "./quantile-sorted.ts";

describe("quantileSorted()", () => {
  it("quantileSorted() interpolates between ranks (type 7) and takes the middle two's mean as an even median", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3], 0.5)).toBe(2);
    expect(quantileSorted([0, 10], 0.9)).toBe(9);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it("quantileSorted() stays between the least and the greatest and never falls as q rises", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q1, q2) => {
          const s = [...xs].sort((a, b) => a - b);
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = quantileSorted(s, lo)!;
          const b = quantileSorted(s, hi)!;
          expect(a).toBeGreaterThanOrEqual(s[0]!);
          expect(b).toBeLessThanOrEqual(s[s.length - 1]!);
          expect(b).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, Math.abs(a)));
        },
      ),
    );
  });
});
