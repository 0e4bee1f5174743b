import * as z from "zod";
import { builtinChips, defaultChipsPerNode, makeChipCatalog } from "../catalog/chips/index.ts";
import {
  CHECKPOINT_MODES,
  checkpointJob,
  optimizeCheckpointInputSchema,
  optimizeCheckpointInterval,
  reliabilityInputSchema,
} from "../reliability/index.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { MAX_CHIPS } from "./api-limits.ts";

// Field bounds are the library's (reliability/optimize-checkpoint-interval.ts), under snake_case names.
const lib = optimizeCheckpointInputSchema.shape;
const checkpoint = reliabilityInputSchema.shape.checkpoint.unwrap().shape;

/**
 * Replicas per evaluated interval: 5,000 (the library's default is 200). The optimizer evaluates 31 intervals
 * (17 grid points and 14 golden-section steps) of ~100 failures per replica, so 5,000 replicas is ~1.6e7 failures.
 */
const MAX_OPTIMIZE_REPLICAS = 5_000;

/**
 * `POST /api/reliability/optimize`: the inputs of `fleetcast reliability optimize`, snake_case: the three figures, or
 * a job named by its chips (`chip`, `chip_count`) whose figures `reliability` resolves, each figure given overriding
 * the job's (review 35: the CLI took `--chip --count`, the API only the figures).
 */
export const ReliabilityOptimizeBodySchema = z
  .strictObject({
    mtbf_h: lib.mtbfH.optional().meta({ description: "Mean time between failures of the job, hours" }),
    checkpoint_blocking_s: lib.checkpointBlockingS.optional().meta({
      description: "Seconds training stalls per checkpoint",
    }),
    restart_min: lib.restartMin.optional().meta({ description: "Failure to resumed training, minutes" }),
    chip: z.string().min(1).optional().meta({
      description: "A job by its chips: catalog chip id (with chip_count), for the figures not given",
    }),
    chip_count: z
      .int()
      .min(1)
      .max(MAX_CHIPS)
      .optional()
      .meta({ description: "Chips of the job (with chip)" }),
    chips_per_node: z
      .int()
      .min(1)
      .max(1024)
      .optional()
      .meta({ description: "Chips per node (default the chip's)" }),
    checkpoint_state_gb: checkpoint.stateGB.unwrap().unwrap().optional().meta({
      description:
        "The job's whole checkpoint, GB (with chip): its stall and load from its size; absent: ByteCheckpoint's 405B timings",
    }),
    checkpoint_mode: z.enum(CHECKPOINT_MODES).optional().meta({
      description: "async (default) or sync: training stalls until each checkpoint is durable (with chip)",
    }),
    seed: SeedSchema.default(1),
    replicas: z.int().min(1).max(MAX_OPTIMIZE_REPLICAS).default(200),
  })
  .superRefine((b, ctx) => {
    const job = b.chip !== undefined || b.chip_count !== undefined;
    if (job && (b.chip === undefined || b.chip_count === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [b.chip === undefined ? "chip" : "chip_count"],
        message: "is required: a job needs both chip and chip_count",
      });
      return;
    }
    if (!job)
      for (const key of ["chips_per_node", "checkpoint_state_gb", "checkpoint_mode"] as const)
        if (b[key] !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "describes a job: give chip and chip_count too",
          });
    if (!job)
      for (const key of ["mtbf_h", "checkpoint_blocking_s", "restart_min"] as const)
        if (b[key] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required (or give the job: chip and chip_count)",
          });
  });
export type ReliabilityOptimizeBody = z.output<typeof ReliabilityOptimizeBodySchema>;

/**
 * The checkpoint interval three ways (Young, Daly, simulated best) for a request body, as
 * `fleetcast reliability optimize --json`.
 * @throws {FleetcastError} for an unknown chip, or when restart or checkpoint cost is many MTBFs (the job would
 * hardly progress)
 */
export function reliabilityOptimizeJob(body: ReliabilityOptimizeBody) {
  const chip = body.chip === undefined ? null : makeChipCatalog(builtinChips()).get(body.chip);
  const job =
    chip === null || body.chip_count === undefined
      ? null
      : checkpointJob({
          chipFamily: chip.family,
          chipCount: body.chip_count,
          chipsPerNode: body.chips_per_node ?? defaultChipsPerNode(chip),
          ...(body.checkpoint_state_gb === undefined ? {} : { stateGB: body.checkpoint_state_gb }),
          ...(body.checkpoint_mode === undefined ? {} : { mode: body.checkpoint_mode }),
        });
  const inputs = {
    mtbfH: body.mtbf_h ?? job?.mtbfH ?? 0,
    checkpointBlockingS: body.checkpoint_blocking_s ?? job?.checkpointBlockingS ?? 0,
    restartMin: body.restart_min ?? job?.restartMin ?? 0,
    // an asynchronous checkpoint's persist, from the job (a stall given alone is read as a synchronous save's)
    checkpointPersistS: body.checkpoint_blocking_s === undefined ? (job?.checkpointPersistS ?? 0) : 0,
  };
  const best = optimizeCheckpointInterval(inputs, { seed: body.seed, replicas: body.replicas });
  return snakeCaseKeys({
    inputs: { ...inputs, seed: body.seed, replicas: body.replicas },
    ...best,
    // the job's own advice, as the CLI prints it (QA 40)
    advisories: job?.advisories ?? [],
  });
}
