export { threeDigits } from "../util/three-digits.ts";

/** A whole count with thousands separators, for advisory messages ("1,456"). */
export function countText(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** A count and its noun, singular for one: "1 prompt", "320 prompts" (the count as given). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** An instance layout as messages and tables print it: "TP 2 x DP 8, EP 16"; "TP 8 x DP 1 x PP 2, EP 1". */
export function layoutLabel(p: {
  tp: number;
  dpAttention: number;
  ep: number;
  pp?: number | undefined;
}): string {
  const pp = p.pp !== undefined && p.pp > 1 ? ` x PP ${p.pp}` : "";
  return `TP ${p.tp} x DP ${p.dpAttention}${pp}, EP ${p.ep}`;
}
