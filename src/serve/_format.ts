/** A number with 3 significant digits and thousands separators, for advisory messages ("12,700", "0.367"). */
export function threeDigits(x: number): string {
  return Number(x.toPrecision(3)).toLocaleString("en-US");
}

/** An instance layout as messages and tables print it: "TP 2 x DP 8, EP 16". */
export function layoutLabel(p: { tp: number; dpAttention: number; ep: number }): string {
  return `TP ${p.tp} x DP ${p.dpAttention}, EP ${p.ep}`;
}
