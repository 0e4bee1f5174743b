/** A fraction as a percentage for the fleet's sentences and tables: 1.084 -> "108 %" (`decimals` 1: "108.4 %"). */
export function percentText(fraction: number, decimals = 0): string {
  return `${(fraction * 100).toFixed(decimals)} %`;
}
