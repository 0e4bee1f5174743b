/** Significant digits of a fraction in the JSON the CLI and the API write (train plan's since QA 29; review 35 L3). */
export const JSON_SIGNIFICANT_DIGITS = 6;

/**
 * A `JSON.stringify` replacer that writes a number that is not whole to `JSON_SIGNIFICANT_DIGITS` significant digits
 * (6468.985209758659 → 6468.99): no model here is known to that many digits, and every answer then reads alike
 * (review 35 L3: serve plan wrote 16 digits, train plan 6). Whole numbers (counts, seeds, token budgets) stay exact.
 * @example JSON.stringify({ tpot_ms: 49.93055162852201, seed: 1234567 }, jsonDigits) // '{"tpot_ms":49.9306,"seed":1234567}'
 */
export function jsonDigits(_key: string, value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)
    ? Number(value.toPrecision(JSON_SIGNIFICANT_DIGITS))
    : value;
}
