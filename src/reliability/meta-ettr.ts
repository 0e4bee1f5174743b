import { requireNonNegative, requirePositive } from "./require-positive.ts";

export interface MetaEttrInput {
  /** Job failure rate N_nodes·r_f, per hour. */
  readonly failuresPerH: number;
  /** Restart overhead u₀ per failure. */
  readonly restartH: number;
  /** Checkpoint interval Δt_cp. */
  readonly intervalH: number;
  /** Checkpoint write time w_cp (blocking). */
  readonly checkpointH: number;
}

/**
 * Meta's expected effective-training-time ratio (Kokolis et al., HPCA 2025, arXiv 2410.21680, §IV, as
 * reproduced in reliability.md §2.4): E[ETTR] ≈ (1 − N·r_f·(u₀ + Δt_cp/2)) / (1 + w_cp/Δt_cp), queue time
 * left out. Clamped at 0 where failures outrun progress (the approximation then says nothing).
 */
export function metaEttr(input: MetaEttrInput): number {
  const action = "compute Meta's ETTR";
  const rate = requireNonNegative(input.failuresPerH, "failures_per_h", action);
  const u0 = requireNonNegative(input.restartH, "restart_h", action);
  const dt = requirePositive(input.intervalH, "interval_h", action);
  const w = requireNonNegative(input.checkpointH, "checkpoint_h", action);
  return Math.max(0, (1 - rate * (u0 + dt / 2)) / (1 + w / dt));
}
