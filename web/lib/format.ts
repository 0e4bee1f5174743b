/** Number formatting for tables: significant digits, grouping, and "–" for unknown (null). */

/** `x` with at most `digits` significant digits, grouped ("1,916"); "–" for null, undefined or non-finite. */
export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  // below 1e-3 in exponent notation: six fraction digits showed a 2e-7 failure rate as 0
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(Math.max(0, digits - 1));
  return Number(x.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** A share 0–1 as a percentage ("83 %"). */
export function pct(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${num(x * 100, digits)} %`;
}

/** US dollars in millions ("$7.75M"). */
export function usdM(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `$${num(x / 1e6)}M`;
}

/**
 * A difference with its sign ("+12.4", "−35 pts", "+$1.2M" with `usd`), "0" for none, "–" for unknown: what a
 * constraint costs against the unconstrained best.
 * @example signed(-0.35 * 100, " pts") // "−35 pts"
 */
export function signed(x: number | null | undefined, unit = "", usd = false): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return usd ? "$0" : `0${unit}`;
  const magnitude = usd ? usdM(Math.abs(x)) : num(Math.abs(x));
  return `${x > 0 ? "+" : "−"}${magnitude}${unit}`;
}
