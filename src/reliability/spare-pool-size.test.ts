import fc from "fast-check";
import { expect, test } from "vitest";
import { sparePoolSize } from "./spare-pool-size.ts";

// Binomial(1024, 0.001): mean 1.02; P[X ≤ 3] = 0.9811, P[X ≤ 4] = 0.9963 (exact binomial sums), so the
// P99 pool is 4, matching ByteRobust's "4 backups per 1,024 instances" example (reliability.md row 93).
test("sparePoolSize() is the binomial P99 count", () => {
  expect(sparePoolSize(1024, 0.001)).toBe(4);
});

test("sparePoolSize() never shrinks when the failure probability grows", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 0.2, noNaN: true }), (n, p) => {
      expect(sparePoolSize(n, p * 1.5)).toBeGreaterThanOrEqual(sparePoolSize(n, p));
    }),
  );
});
