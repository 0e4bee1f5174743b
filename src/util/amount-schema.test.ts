import { describe, expect, it } from "vitest";
import * as z from "zod";
import { AMOUNT_PATTERN } from "./amount-of.ts";
import { amountSchema } from "./amount-schema.ts";

describe("amountSchema()", () => {
  it("amountSchema() reads an amount as the CLI's flags do, and numbers as before", () => {
    const tokens = amountSchema(1e16);
    expect(tokens.parse("15T")).toBe(1.5e13);
    expect(tokens.parse("14.8T")).toBe(14.8e12);
    expect(tokens.parse("300B")).toBe(3e11);
    expect(tokens.parse("1,000B")).toBe(1e12);
    expect(tokens.parse(" 2.5e12 ")).toBe(2.5e12);
    expect(tokens.parse(1.5e13)).toBe(1.5e13);
    expect(amountSchema(1e12, { integer: true }).parse("16Mi")).toBe(16 * 2 ** 20);
  });

  it("amountSchema() refuses text that is not an amount, zero and the bound, either way", () => {
    const tokens = amountSchema(1e16);
    const message = (value: unknown) => tokens.safeParse(value).error?.issues[0]?.message;
    expect(message("15X")).toBe("must be a positive number (at most 1e+16) or an amount like 776B or 1.5T");
    expect(message("15T2")).toBeDefined();
    expect(message("-5T")).toBeDefined();
    expect(message(0)).toBeDefined();
    expect(message("0T")).toBeDefined();
    expect(message(2e16)).toBeDefined();
    expect(message("20000T")).toBeDefined();
    // a whole-number amount stays whole: 1.0001K tokens per step is no batch
    expect(amountSchema(2 ** 36, { integer: true }).safeParse("1.0001K").error?.issues[0]?.message).toBe(
      "must be a positive integer (at most 68,719,476,736) or an amount like 4M or 16Mi (16 x 2^20)",
    );
  });

  it("amountSchema() publishes a JSON Schema pattern that admits exactly the texts it reads", () => {
    const json = z.toJSONSchema(amountSchema(1e16), { io: "input" }) as { anyOf: { pattern?: string }[] };
    const pattern = json.anyOf.find((s) => s.pattern !== undefined)?.pattern;
    expect(pattern).toBe(AMOUNT_PATTERN.source);
    const re = new RegExp(pattern!);
    for (const ok of ["15T", "14.8t", "16Mi", "1,000", ".5k", "2.5E12"]) expect(re.test(ok), ok).toBe(true);
    for (const bad of ["15X", "1T2", "16Bi", ".", "lots"]) expect(re.test(bad), bad).toBe(false);
  });
});
