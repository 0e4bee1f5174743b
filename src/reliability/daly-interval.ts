import { requirePositive } from "./require-positive.ts";

/**
 * Daly's higher-order optimum checkpoint interval, in hours. Daly, "A higher order estimate of the optimum
 * checkpoint interval for restart dumps", FGCS 22(3):303-312, 2006 (perturbation solution):
 * τ = sqrt(2δM)·[1 + (1/3)·sqrt(δ/(2M)) + (1/9)·(δ/(2M))] − δ for δ < 2M, and τ = M otherwise.
 * It does not depend on the restart time R.
 */
export function dalyIntervalH(checkpointBlockingH: number, mtbfH: number): number {
  const d = requirePositive(checkpointBlockingH, "checkpoint_blocking_h", "compute Daly's interval");
  const m = requirePositive(mtbfH, "mtbf_h", "compute Daly's interval");
  if (d >= 2 * m) return m;
  const x = d / (2 * m);
  return Math.sqrt(2 * d * m) * (1 + Math.sqrt(x) / 3 + x / 9) - d;
}
