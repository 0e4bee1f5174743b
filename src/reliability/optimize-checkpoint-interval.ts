import { z } from "zod";
import { FleetcastError } from "../errors.ts";
import { goldenSectionMin } from "../util/golden-section.ts";
import { dalyIntervalH } from "./daly-interval.ts";
import { parseOrThrow } from "./reliability-input.ts";
import type { ReliabilityPlan } from "./resolve-reliability-plan.ts";
import { runMonteCarlo } from "./run-monte-carlo.ts";
import { youngIntervalH } from "./young-interval.ts";

export const optimizeCheckpointInputSchema = z.object({
  mtbfH: z.number().positive().max(1e7),
  checkpointBlockingS: z.number().positive().max(1e6),
  restartMin: z.number().min(0).max(1e6),
  /**
   * Seconds an asynchronous checkpoint takes to become durable after its stall (0: durable as the stall ends, a
   * synchronous save). The next checkpoint cannot start sooner, so no interval shorter is tried (review 37).
   */
  checkpointPersistS: z.number().min(0).max(1e6).default(0),
});
export type OptimizeCheckpointInput = z.input<typeof optimizeCheckpointInputSchema>;

export interface OptimizeCheckpointOptions {
  readonly seed: number;
  /** Replicas per evaluated interval (default 200; common random numbers across intervals). */
  readonly replicas?: number;
}

export interface CheckpointOptimum {
  readonly youngMin: number;
  readonly dalyMin: number;
  /** The interval maximising mean simulated goodput (no shorter than the persist time). */
  readonly simulatedBestMin: number;
  readonly simulatedGoodputAtBest: number;
  /** At Daly's interval, or the persist time where that is longer (the interval `reliability` takes). */
  readonly simulatedGoodputAtDaly: number;
}

/** Expected failures per replica: enough that the goodput curve is smooth, few enough to stay fast. */
const FAILURES_PER_REPLICA = 100;
const GRID_POINTS = 17;
const GOLDEN_STEPS = 14;
/**
 * Largest restart plus checkpoint time, in MTBFs, that still progresses in bounded time. Every attempt at an
 * interval τ must survive R + δ + τ, so the tries grow as e^((R + δ + τ)/M); the grid reaches τ = 2M, so this
 * bound keeps the worst at e^(4 + 2) ≈ 400 tries per interval. Restart and checkpoint count together: each
 * alone at 5 MTBFs (the bound before 2026-11-30) let their sum reach 10, an hour-long run (review).
 */
const MAX_COST_OVER_MTBF = 4;

/** A Daly-style job: one exponential failure process, fixed restart R, blocking checkpoints. */
function dalyPlan(
  mtbfH: number,
  blockingH: number,
  restartH: number,
  intervalH: number,
  persistH: number,
): ReliabilityPlan {
  const workH = FAILURES_PER_REPLICA * mtbfH;
  return {
    chips: 1,
    nodes: 1,
    causes: [{ cause: "failure", scope: "job", jobRatePerH: 1 / mtbfH, replacesNode: false, silent: false }],
    unexpectedRatePerH: 1 / mtbfH,
    usefulH: workH,
    failSlowFraction: 0,
    workH,
    workLogSigma: 0,
    rateLogSigma: 0,
    intervalH,
    blockingH,
    persistH,
    checkpointMode: "async",
    detectH: 0,
    restartCoreH: restartH,
    swapH: 0,
    repairH: 1,
    plannedIntervalH: null,
    spareNodes: 0,
    sdcDetectH: 0,
    lemonFraction: 0,
    lemonMultiplier: 1,
    horizonH: Number.POSITIVE_INFINITY,
    deadlineH: null,
    assumptions: [],
    advisories: [],
  };
}

/**
 * Checkpoint interval three ways: Young's first-order optimum, Daly's higher-order optimum, and the interval
 * that maximises goodput in the Monte Carlo (a log-spaced grid from Daly/8 to Daly×8, then a golden-section
 * refinement, every evaluation on the same failure times).
 */
export function optimizeCheckpointInterval(
  raw: OptimizeCheckpointInput,
  options: OptimizeCheckpointOptions,
): CheckpointOptimum {
  const input = parseOrThrow(optimizeCheckpointInputSchema, raw, "optimize the checkpoint interval");
  const replicas = options.replicas ?? 200;
  const m = input.mtbfH;
  const d = input.checkpointBlockingS / 3600;
  const r = input.restartMin / 60;
  const p = input.checkpointPersistS / 3600;
  // A restart and checkpoint many MTBFs long make progress take e^((R+δ)/M) attempts: refuse them, never hang.
  if ((r + d) / m > MAX_COST_OVER_MTBF) {
    const path = r >= d ? "restart_min" : "checkpoint_blocking_s";
    throw new FleetcastError(
      `Cannot optimize the checkpoint interval: a ${(r * 60).toFixed(2)}-min restart plus a ${input.checkpointBlockingS}-s checkpoint is ${((r + d) / m).toFixed(1)}× the ${m} h MTBF, over ${MAX_COST_OVER_MTBF}× (the job would hardly progress)`,
      path,
    );
  }
  const young = youngIntervalH(d, m);
  const daly = dalyIntervalH(d, m);
  const goodputAt = (logTau: number): number => {
    const samples = runMonteCarlo(dalyPlan(m, d, r, Math.exp(logTau), p), {
      seed: options.seed,
      replicas,
      timelineMaxSegments: 0,
    });
    let sum = 0;
    for (let i = 0; i < replicas; i++) sum += samples.goodput[i]!;
    return sum / replicas;
  };
  // no shorter than the persist: an asynchronous checkpoint cannot start before the last one is durable
  const lo = Math.log(Math.max(daly / 8, p));
  const hi = Math.log(Math.max(Math.min(daly * 8, 2 * m), p));
  const step = (hi - lo) / (GRID_POINTS - 1);
  let bestI = 0;
  let bestG = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < GRID_POINTS; i++) {
    const g = goodputAt(lo + i * step);
    if (g > bestG) {
      bestG = g;
      bestI = i;
    }
  }
  // Golden-section search on the bracket around the best grid point.
  const golden = goldenSectionMin(
    (x) => -goodputAt(x),
    lo + Math.max(0, bestI - 1) * step,
    lo + Math.min(GRID_POINTS - 1, bestI + 1) * step,
    GOLDEN_STEPS,
  );
  const [bestX, bestGoodput] = [golden.x, -golden.fx];
  const [finalX, finalG] = bestGoodput >= bestG ? [bestX, bestGoodput] : [lo + bestI * step, bestG];
  return {
    youngMin: young * 60,
    dalyMin: daly * 60,
    simulatedBestMin: Math.exp(finalX) * 60,
    simulatedGoodputAtBest: finalG,
    simulatedGoodputAtDaly: goodputAt(Math.log(Math.max(daly, p))),
  };
}
