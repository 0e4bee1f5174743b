import { describe, expect, it } from "vitest";
import { FleetcastError } from "../errors.ts";
import { amountOf, parseAmount } from "./context.ts";

describe("parseAmount()", () => {
  it("reads decimal and binary suffixes, separators and exponents", () => {
    expect(parseAmount("14.8T", "--tokens")).toBe(14.8e12);
    expect(parseAmount("300B", "--tokens")).toBe(300e9);
    expect(parseAmount("16M", "--global-batch-tokens")).toBe(16e6);
    expect(parseAmount("16Mi", "--global-batch-tokens")).toBe(16_777_216);
    expect(parseAmount("4ki", "--x")).toBe(4096);
    expect(parseAmount("1,000", "--x")).toBe(1000);
    expect(parseAmount("2.5e12", "--x")).toBe(2.5e12);
    expect(amountOf("1.5E12")).toBe(1.5e12);
    expect(amountOf(".5k")).toBe(500);
    expect(amountOf("1T2")).toBeNaN();
  });

  it("refuses what is not an amount, naming the flag", () => {
    expect(() => parseAmount("16Bi", "--tokens")).toThrow(FleetcastError);
    expect(() => parseAmount("lots", "--tokens")).toThrow(
      /^Cannot read --tokens: expected a number like 14.8T/,
    );
    expect(() => parseAmount("0", "--tokens")).toThrow(/must be > 0/);
  });
});
