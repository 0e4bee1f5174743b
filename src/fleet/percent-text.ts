/** A fraction as a percentage for the fleet's sentences and tables: 1.084 -> "108 %" (`decimals` 1: "108.4 %"). */
export function percentText(fraction: number, decimals = 0): string {
  return `${(fraction * 100).toFixed(decimals)} %`;
}

/**
 * A share measured against 100 % (demand carried): whole percents, but never "100 %" for a share short of it, which
 * reads as met (QA 40: 99.7 % printed "100 %" beside "ok: no"): "99.7 %", cut, not rounded up.
 */
export function shareOfWholeText(fraction: number): string {
  if (fraction < 1 && Math.round(fraction * 100) >= 100)
    return `${(Math.floor(fraction * 1000) / 10).toFixed(1)} %`;
  return percentText(fraction);
}
