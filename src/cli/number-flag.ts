import type * as z from "zod";
import { FleetcastError } from "../errors.ts";
import { amountOf } from "../util/amount-of.ts";

/** What a numeric flag's text must read as before its schema's bounds apply; the words its message uses. */
export type NumberKind =
  | "number"
  | "positive number"
  | "non-negative number"
  | "positive integer"
  | "non-negative integer";

/**
 * A commander parser for a numeric flag: the text read as a finite number of its kind, then held to `schema`, the
 * library's own field where there is one, so the flag takes what the library takes. Each failure is one
 * FleetcastError line naming the flag and the text given, a bound stated as the bound ("at most 100").
 * @example .option("--count <n>", "chips", numberFlag("simulate", "--count", "positive integer", shape.chipCount))
 * // --count 2.5  Cannot simulate: --count must be a positive integer, got 2.5
 * // --count 2e7  Cannot simulate: --count must be at most 10000000, got 2e7
 */
export function numberFlag(
  verb: string,
  flag: string,
  kind: NumberKind,
  schema?: z.ZodType,
): (text: string) => number {
  return (text) => {
    // decimal notation only: Number() would also read "0x200" (512), "0b11" and "" (0)
    const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
    if (!isKind(value, kind)) throw flagError(verb, flag, `a ${kind}`, text);
    return withinSchema(verb, flag, value, text, schema);
  };
}

/**
 * A commander parser for an amount flag: "14.8T", "300B", "2.5e12", "1,000", or binary "16Mi" (16 x 2^20) and
 * "4Ki" (`amountOf`), positive and finite, then held to `schema`; failures as `numberFlag`'s.
 * @example .option("--tokens <t>", "training tokens", amountFlag("simulate", "--tokens")) // "14.8T" -> 1.48e13
 */
export function amountFlag(verb: string, flag: string, schema?: z.ZodType): (text: string) => number {
  return (text) => {
    const value = amountOf(text);
    if (!(Number.isFinite(value) && value > 0)) throw flagError(verb, flag, AMOUNT, text);
    return withinSchema(verb, flag, value, text, schema);
  };
}

// --- internal ---

/** A decimal number as people type it: 8, -1, 0.5, .5, 1e12, 2.5E-3. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const AMOUNT = "a positive amount like 300B, 14.8T, 2e12 or 16Mi (16 x 2^20)";

function isKind(value: number, kind: NumberKind): boolean {
  if (!Number.isFinite(value)) return false;
  if (kind.endsWith("integer") && !Number.isInteger(value)) return false;
  if (kind.startsWith("positive")) return value > 0;
  if (kind.startsWith("non-negative")) return value >= 0;
  return true;
}

/** `value` when `schema` takes it; otherwise the bound it crosses, stated. */
function withinSchema(verb: string, flag: string, value: number, text: string, schema?: z.ZodType): number {
  const issue = schema?.safeParse(value).error?.issues[0];
  if (issue === undefined) return value;
  if (issue.code === "too_big")
    throw flagError(verb, flag, `${issue.inclusive === false ? "below" : "at most"} ${issue.maximum}`, text);
  if (issue.code === "too_small")
    throw flagError(verb, flag, `${issue.inclusive === false ? "above" : "at least"} ${issue.minimum}`, text);
  if (issue.code === "invalid_type" && issue.expected === "int")
    throw flagError(verb, flag, "an integer", text);
  throw flagError(verb, flag, `valid (${issue.message})`, text);
}

function flagError(verb: string, flag: string, what: string, text: string): FleetcastError {
  return new FleetcastError(`Cannot ${verb}: ${flag} must be ${what}, got ${text}`, flag);
}
