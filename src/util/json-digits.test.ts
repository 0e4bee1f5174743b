import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JSON_SIGNIFICANT_DIGITS, jsonDigits } from "./json-digits.ts";

describe("jsonDigits()", () => {
  it("jsonDigits() writes fractions to six significant digits and keeps whole numbers and other values", () => {
    const text = JSON.stringify(
      { tpot_ms: 49.93055162852201, seed: 1234567, tokens: 15e12, p: 0.000123456789, name: "x", none: null },
      jsonDigits,
    );
    expect(JSON.parse(text)).toEqual({
      tpot_ms: 49.9306,
      seed: 1234567,
      tokens: 15e12,
      p: 0.000123457,
      name: "x",
      none: null,
    });
  });

  it("jsonDigits() moves a number by at most half a unit of its sixth digit", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), (x) => {
        const y = jsonDigits("", x) as number;
        expect(Math.abs(y - x)).toBeLessThanOrEqual(
          Math.abs(x) * 0.5 * 10 ** (1 - JSON_SIGNIFICANT_DIGITS) + 1e-300,
        );
      }),
    );
  });
});
