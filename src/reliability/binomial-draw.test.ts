import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialDraw } from "./binomial-draw.ts";
import { normalQuantile } from "./normal-quantile.ts";

describe("normalQuantile()", () => {
  it("normalQuantile() gives the textbook quantiles", () => {
    // standard normal table: 1.959964 (97.5 %), 2.326348 (99 %), 1.281552 (90 %)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.281552, 5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 4);
  });
});

describe("binomialDraw()", () => {
  it("binomialDraw() keeps the mean where (1 - p)^n underflows", () => {
    // 16,384 nodes at f = 0.5 and 131,072 at f = 0.05: inversion from (1-f)^n = 0 made every node a lemon
    const mean = (n: number, p: number) => {
      let sum = 0;
      const k = 2000;
      for (let i = 0; i < k; i++) sum += binomialDraw(n, p, (i + 0.5) / k);
      return sum / k;
    };
    expect(mean(16_384, 0.5)).toBeCloseTo(8192, -1);
    expect(mean(131_072, 0.05)).toBeCloseTo(6553.6, -1);
    expect(mean(2048, 0.05)).toBeCloseTo(102.4, 0);
  });

  it("binomialDraw() is exact inversion for small variance", () => {
    // Binomial(10, 0.2): P(0) = 0.107374, P(<=1) = 0.375810, P(<=2) = 0.677800
    expect(binomialDraw(10, 0.2, 0.1)).toBe(0);
    expect(binomialDraw(10, 0.2, 0.2)).toBe(1);
    expect(binomialDraw(10, 0.2, 0.6)).toBe(2);
    expect(binomialDraw(10, 0.8, 0.1)).toBe(10 - binomialDraw(10, 0.2, 0.9));
  });

  it("binomialDraw() stays in [0, n] and grows with u", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p, u1, u2) => {
          const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
          const a = binomialDraw(n, p, lo);
          const b = binomialDraw(n, p, hi);
          return a >= 0 && b <= n && a <= b && Number.isInteger(a);
        },
      ),
    );
  });
});
