import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { FleetcastError } from "../errors.ts";
import { amountFlag, numberFlag } from "./number-flag.ts";

/** The error a parser throws for `text`, or a failure when it takes it. */
function errorOf(parse: (text: string) => number, text: string): FleetcastError {
  try {
    parse(text);
  } catch (error) {
    return error as FleetcastError;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe("numberFlag()", () => {
  it("numberFlag() reads the number of each kind, exponents included", () => {
    expect(numberFlag("simulate", "--count", "positive integer")("16384")).toBe(16384);
    expect(numberFlag("simulate", "--count", "positive integer")("1e3")).toBe(1000);
    expect(numberFlag("simulate", "--seed", "non-negative integer")("0")).toBe(0);
    expect(numberFlag("simulate", "--days", "positive number")("0.5")).toBe(0.5);
    expect(numberFlag("simulate", "--blocking-s", "non-negative number")("0")).toBe(0);
    expect(numberFlag("plan serving", "--x", "number")("-2.5")).toBe(-2.5);
  });

  it("numberFlag() refuses what is not of its kind, naming the flag and the text given", () => {
    const refusals: [Parameters<typeof numberFlag>[2], string][] = [
      ["positive integer", "0"],
      ["positive integer", "2.5"],
      ["non-negative integer", "-1"],
      ["positive number", "0"],
      ["non-negative number", "-0.1"],
      ["number", "abc"],
      // review 20: Number() reads hex and binary; a flag takes decimal notation only
      ["positive integer", "0x200"],
      ["positive integer", "0b11"],
      ["number", "Infinity"],
      ["number", ""],
      ["number", "  "],
      ["number", "Infinity"],
      ["positive number", "1T"],
    ];
    for (const [kind, text] of refusals) {
      const error = errorOf(numberFlag("simulate", "--x", kind), text);
      expect(error).toBeInstanceOf(FleetcastError);
      expect(error.message).toBe(`Cannot simulate: --x must be a ${kind}, got ${text}`);
      expect(error.path).toBe("--x");
    }
  });

  it("numberFlag() states the schema's bound a value crosses, inclusive or not", () => {
    const parse = (schema: z.ZodType, text: string) =>
      errorOf(numberFlag("plan serving", "--x", "number", schema), text).message;
    expect(parse(z.number().max(0.99), "1")).toBe("Cannot plan serving: --x must be at most 0.99, got 1");
    expect(parse(z.number().lt(1), "1")).toBe("Cannot plan serving: --x must be below 1, got 1");
    expect(parse(z.number().min(1), "0.5")).toBe("Cannot plan serving: --x must be at least 1, got 0.5");
    expect(parse(z.number().positive(), "0")).toBe("Cannot plan serving: --x must be above 0, got 0");
    // a default or an optional around the bounds does not hide them
    expect(parse(z.number().min(0).max(0.99).default(0), "-1")).toBe(
      "Cannot plan serving: --x must be at least 0, got -1",
    );
    expect(
      parse(
        z
          .int()
          .max(2 ** 31 - 1)
          .optional(),
        "2147483648",
      ),
    ).toBe("Cannot plan serving: --x must be at most 2147483647, got 2147483648");
    expect(parse(z.int(), "1.5")).toBe("Cannot plan serving: --x must be an integer, got 1.5");
  });

  it("numberFlag() takes every value its schema takes, the bounds included", () => {
    const parse = numberFlag("simulate", "--x", "number", z.number().min(0).max(0.99));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), (x) => {
        expect(parse(String(x))).toBe(x);
      }),
    );
  });
});

describe("amountFlag()", () => {
  it("amountFlag() reads decimal and binary suffixes, separators and exponents", () => {
    const parse = amountFlag("simulate", "--tokens");
    expect(parse("14.8T")).toBe(14.8e12);
    expect(parse("300B")).toBe(300e9);
    expect(parse("2m")).toBe(2e6);
    expect(parse("16M")).toBe(16e6);
    expect(parse("16Mi")).toBe(16_777_216);
    expect(parse("4ki")).toBe(4096);
    expect(parse("1,000")).toBe(1000);
    expect(parse("2.5e12")).toBe(2.5e12);
    expect(parse("42")).toBe(42);
  });

  it("amountFlag() refuses zero, negatives, unknown and bare suffixes, naming the flag", () => {
    for (const bad of ["0", "-1T", "14.8X", "16Bi", "T", "", "1T2", "lots", "1e400"]) {
      const error = errorOf(amountFlag("simulate", "--tokens"), bad);
      expect(error).toBeInstanceOf(FleetcastError);
      expect(error.message).toBe(
        `Cannot simulate: --tokens must be a positive amount like 300B, 14.8T, 2e12 or 16Mi (16 x 2^20), got ${bad}`,
      );
      expect(error.path).toBe("--tokens");
    }
  });

  it("amountFlag() states its schema's bound", () => {
    expect(errorOf(amountFlag("plan serving", "--x", z.number().max(1e15)), "2000T").message).toBe(
      "Cannot plan serving: --x must be at most 1000000000000000, got 2000T",
    );
  });

  it("amountFlag() scales any integer by its suffix", () => {
    const mult = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 } as const;
    const parse = amountFlag("simulate", "--tokens");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("K", "M", "B", "T"), (n, s) => {
        expect(parse(`${n}${s}`)).toBe(n * mult[s]);
      }),
    );
  });
});
