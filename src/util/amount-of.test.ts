import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AMOUNT_PATTERN, amountOf } from "./amount-of.ts";

describe("amountOf()", () => {
  it("amountOf() reads decimal and binary suffixes, separators and exponents, and NaN otherwise", () => {
    expect(amountOf("20B")).toBe(2e10);
    expect(amountOf("14.8T")).toBe(14.8e12);
    expect(amountOf("16Mi")).toBe(16_777_216);
    expect(amountOf("1,000")).toBe(1000);
    expect(amountOf(".5k")).toBe(500);
    expect(amountOf("1.5E12")).toBe(1.5e12);
    expect(amountOf("1T2")).toBeNaN();
    expect(amountOf("16Bi")).toBeNaN();
    expect(amountOf("lots")).toBeNaN();
  });

  it("amountOf() gives back any whole number written plainly, and 1,000 times it with K", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        expect(amountOf(String(n))).toBe(n);
        expect(amountOf(`${n}K`)).toBe(n * 1000);
      }),
    );
  });
});

describe("AMOUNT_PATTERN", () => {
  it("AMOUNT_PATTERN carries no flag and matches exactly the texts amountOf reads", () => {
    expect(AMOUNT_PATTERN.flags).toBe("");
    const texts = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^ ?[0-9.,_]{1,6}(e-?[0-9])?[kKmMbBtTgGiI]{0,2} ?$/),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(AMOUNT_PATTERN.test(text)).toBe(!Number.isNaN(amountOf(text)));
      }),
    );
  });
});
