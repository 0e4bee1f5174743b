// Binary multiples: "16Mi" is 16 x 2^20 = 16,777,216, the "16M tokens" of a batch of 2,048 8K sequences.
const AMOUNT_SCALE: Readonly<Record<string, number>> = {
  "": 1,
  k: 1e3,
  m: 1e6,
  b: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

/**
 * The text of an amount, as `amountOf` reads it: digits with "," or "_" separators, an exponent, a suffix. No regex
 * flag, both cases spelled out, so a JSON Schema `pattern` carries it whole (review 18: /i was lost there) and a
 * schema's pattern admits exactly what the parser reads.
 */
export const AMOUNT_PATTERN =
  /^\s*((?:[0-9][0-9_,]*\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([kKmMbBtT]|[kKmMgGtT][iI])?\s*$/;

/**
 * The value of an amount ("14.8T", "20B", "16Mi", "2.5e12", "1,000", ".5"), or NaN when the text is not one.
 * Decimal suffixes K, M, B, T are powers of 1,000; Ki, Mi, Gi, Ti powers of 1,024.
 * @example amountOf("20B") // 2e10
 */
export function amountOf(text: string): number {
  const m = AMOUNT_PATTERN.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]!.replace(/[_,]/g, "")) * (AMOUNT_SCALE[(m[2] ?? "").toLowerCase()] ?? Number.NaN);
}
