/** A figure for a message, to 3 significant digits with thousands grouped ("9,000,000", "0.0001", "14.2"). */
export function threeDigits(x: number): string {
  return x.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}
