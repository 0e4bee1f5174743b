import * as z from "zod";
import { AMOUNT_PATTERN, amountOf } from "./amount-of.ts";

/**
 * A positive amount, as a number or as the CLI's amount flags take it ("776B", "14.8T", "16Mi": `amountOf`), held
 * to `max` (and to whole numbers with `integer`) either way. The one rule for token amounts in scenario files and API
 * bodies, so `training.tokens: 15T` reads as `--tokens 15T` does (QA 27 #6). Its JSON Schema (input side) is a
 * number or a string matching AMOUNT_PATTERN.
 * @example amountSchema(1e15).parse("15T") // 1.5e13
 */
export function amountSchema(max: number, options: { integer?: boolean } = {}) {
  const number = (options.integer === true ? z.int() : z.number()).positive().max(max);
  const text = z.string().regex(AMOUNT_PATTERN).transform(amountOf).pipe(number);
  const kind = options.integer === true ? "integer" : "number";
  const like = options.integer === true ? "4M or 16Mi (16 x 2^20)" : "776B or 1.5T";
  return z.union([number, text], {
    error: `must be a positive ${kind} (at most ${maxText(max)}) or an amount like ${like}`,
  });
}

// --- internal ---

/** A bound as people read it: 1e+15 for a power of ten, 68,719,476,736 for 2^36. */
function maxText(max: number): string {
  return Number.isInteger(Math.log10(max)) && max >= 1e6 ? max.toExponential() : max.toLocaleString("en-US");
}
