import { requireNonNegative, requirePositive } from "./require-positive.ts";

export interface DalyWallTimeInput {
  /** Failure-free solve time T_s (compute only). */
  readonly solveH: number;
  /** Compute time between checkpoints τ. */
  readonly intervalH: number;
  /** Blocking checkpoint time δ. */
  readonly checkpointBlockingH: number;
  /** Restart time R (failure to resumed compute, excluding lost work). */
  readonly restartH: number;
  /** Job mean time between failures M (exponential). */
  readonly mtbfH: number;
}

/**
 * Daly's expected wall-clock time with exponential failures that may also strike during checkpoints and
 * restarts (Daly, FGCS 22(3), 2006): T_w = M·e^(R/M)·(e^((τ+δ)/M) − 1)·T_s/τ.
 */
export function dalyWallTimeH(input: DalyWallTimeInput): number {
  const action = "compute Daly's wall time";
  const ts = requirePositive(input.solveH, "solve_h", action);
  const tau = requirePositive(input.intervalH, "interval_h", action);
  const d = requireNonNegative(input.checkpointBlockingH, "checkpoint_blocking_h", action);
  const r = requireNonNegative(input.restartH, "restart_h", action);
  const m = requirePositive(input.mtbfH, "mtbf_h", action);
  return m * Math.exp(r / m) * Math.expm1((tau + d) / m) * (ts / tau);
}
