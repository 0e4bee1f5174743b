import { requirePositive } from "./require-positive.ts";

/**
 * Young's first-order optimum checkpoint interval (compute time between checkpoints), in hours.
 * Young, "A first order approximation to the optimum checkpoint interval", CACM 17(9):530-531, 1974:
 * τ_opt ≈ sqrt(2 δ M), δ the blocking checkpoint time and M the job's mean time between interruptions.
 */
export function youngIntervalH(checkpointBlockingH: number, mtbfH: number): number {
  requirePositive(checkpointBlockingH, "checkpoint_blocking_h", "compute Young's interval");
  requirePositive(mtbfH, "mtbf_h", "compute Young's interval");
  return Math.sqrt(2 * checkpointBlockingH * mtbfH);
}
