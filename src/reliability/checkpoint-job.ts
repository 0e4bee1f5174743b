import { type Advisory, failureRateCounts } from "./assumption.ts";
import type { CheckpointMode } from "./checkpoint-cost.ts";
import { parseReliabilityInput } from "./reliability-input.ts";
import { resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import { closedFormsFor } from "./simulate-reliability.ts";

/** What the checkpoint-interval optimizer needs of a job, as `reliability` resolves that job. */
export interface CheckpointJob {
  /** The job's mean time between unexpected failures, hours (the closed forms' own). */
  mtbfH: number;
  /** Seconds training stalls per checkpoint (the method's default). */
  checkpointBlockingS: number;
  /** Seconds after the stall until an asynchronous checkpoint is durable (0 for a synchronous save). */
  checkpointPersistS: number;
  /** Failure to resumed training, minutes (Daly's R as the closed forms weigh it). */
  restartMin: number;
  /** Failure rates of the family that are assumptions, of all of them. */
  assumedRates: number;
  rates: number;
  advisories: readonly Advisory[];
}

/**
 * The three figures `optimizeCheckpointInterval` takes, for a job named by its chips: the job MTBF and restart time
 * `fleetcast reliability` prints in its closed forms for the same job, and the default checkpoint stall. The CLI's
 * `reliability optimize --chip --count` and the API's `chip` / `chip_count` both read them here (review 19: the user
 * had to run `reliability` first and copy them; review 35: the API took only the figures).
 * @example checkpointJob({ chipFamily: "nvidia-hopper", chipCount: 16384, chipsPerNode: 8 }).mtbfH // ~3.1
 */
export function checkpointJob(job: {
  chipFamily: string;
  chipCount: number;
  chipsPerNode: number;
  /** The job's checkpoint, GB, and how it is saved (`checkpointCost`); absent: ByteCheckpoint's 405B timings, async. */
  stateGB?: number;
  mode?: CheckpointMode;
}): CheckpointJob {
  const plan = resolveReliabilityPlan(
    parseReliabilityInput({
      chipFamily: job.chipFamily,
      chipCount: job.chipCount,
      chipsPerNode: job.chipsPerNode,
      trainDays: 1,
      checkpoint: { stateGB: job.stateGB ?? null, mode: job.mode ?? "async" },
    }),
  );
  const counts = failureRateCounts(plan.assumptions);
  const closed = closedFormsFor(plan);
  return {
    mtbfH: closed.jobMtbfH,
    checkpointBlockingS: plan.blockingH * 3600,
    checkpointPersistS: plan.persistH * 3600,
    restartMin: closed.restartH * 60,
    assumedRates: counts.assumed,
    rates: counts.rates,
    advisories: plan.advisories,
  };
}
