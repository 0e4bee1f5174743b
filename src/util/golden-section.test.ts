import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goldenSectionMin } from "./golden-section.ts";

describe("goldenSectionMin()", () => {
  it("finds the minimum of a parabola anywhere in the bracket (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -9, max: 9, noNaN: true }), (c) => {
        const { x } = goldenSectionMin((v) => (v - c) ** 2, -10, 10);
        return Math.abs(x - c) < 1e-6;
      }),
    );
  });

  it("stops at the bracket's edge for a monotone function", () => {
    expect(goldenSectionMin((v) => v, 2, 5).x).toBeCloseTo(2, 6);
  });
});
