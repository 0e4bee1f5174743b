import { z } from "zod";
import { issuesError } from "../util/describe-issue.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { CHECKPOINT_MODES } from "./checkpoint-cost.ts";
import { CHIP_FAMILIES, CLUSTER_KINDS, RATE_SCENARIOS } from "./failure-rate-set.ts";

/** The longest failure-free run the reliability model takes, days (ten years: past any planned training run). */
export const MAX_TRAIN_DAYS = 3650;

/** Hard bound on Monte Carlo replicas: 10^6 keeps memory under ~200 MB and a run under minutes. */
export const MAX_REPLICAS = 1_000_000;

/** A user-supplied failure process, replacing the family's rate set. */
export const failureComponentSchema = z.object({
  cause: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a snake_case cause name"),
  scope: z.enum(["chip", "node", "job"]),
  failuresPerUnitHour: z.number().positive().max(1e3),
  replacesNode: z.boolean().default(false),
  silent: z.boolean().default(false),
  source: z.string().default("user input"),
});

/**
 * What a reliability prediction needs. Nullable fields mean "use the sourced default" (listed in the
 * output's `assumptions`). Times carry their unit in the name.
 */
export const reliabilityInputSchema = z.object({
  /** Catalog chip family (`Chip.family`), e.g. "nvidia-hopper", "ascend-910c". */
  chipFamily: z.enum(CHIP_FAMILIES),
  chipCount: z.int().positive().max(10_000_000),
  chipsPerNode: z.int().positive().max(4096).default(8),
  /** Failure-free training time (compute only), in days. */
  trainDays: z.number().positive().max(MAX_TRAIN_DAYS),
  /**
   * How uncertain `trainDays` is, as the sigma of its logarithm: each replica draws its failure-free time from a
   * log-normal around `trainDays` (the step-time model's prediction interval; 0 = known exactly).
   */
  trainDaysLogSigma: z.number().min(0).max(2).default(0),
  /**
   * Sigma of log(failure rate) across replicas: how unsure the rate set is for this fleet (0: it is this fleet's).
   * `publishedSiteRateLogSigma()` (~0.77) is the spread of published sites' rates (site-rate-spread.ts).
   */
  rateLogSigma: z.number().min(0).max(2).default(0),
  deadlineDays: z.number().positive().max(36_500).nullable().default(null),
  /** Stop each replica at this wall time (a counting window, or a cap); default 10× the failure-free time. */
  horizonDays: z.number().positive().max(36_500).nullable().default(null),
  scenario: z.enum(RATE_SCENARIOS).default("high"),
  /** A dedicated pre-training run (the default) or one job of a shared research cluster (`failureRateSet`). */
  cluster: z.enum(CLUSTER_KINDS).default("dedicated"),
  /** Multiplies every failure rate (the fleet planner's break-even sweep). */
  rateMultiplier: z.number().positive().max(10_000).default(1),
  /** Replaces the family's rate set when given. */
  components: z.array(failureComponentSchema).min(1).max(64).nullable().default(null),
  /** Undefined: the rate set's default; null: no planned maintenance. */
  plannedMaintenanceIntervalH: z.number().positive().nullable().optional(),
  checkpoint: z
    .object({
      intervalMin: z.number().positive().max(1e6).nullable().default(null),
      blockingS: z.number().min(0).max(1e6).nullable().default(null),
      persistS: z.number().min(0).max(1e6).nullable().default(null),
      loadS: z.number().min(0).max(1e6).nullable().default(null),
      /**
       * The job's whole checkpoint, GB (weights, master copy and optimizer moments of every rank, once): the stall,
       * persist and load times then follow from it (`checkpointCost`); null keeps ByteCheckpoint's 405B timings.
       */
      stateGB: z.number().positive().max(1e7).nullable().default(null),
      /** `sync`: training stalls until the checkpoint is durable (Megatron-LM's and MindSpeed's default save). */
      mode: z.enum(CHECKPOINT_MODES).default("async"),
      /** Aggregate write rate of the checkpoint storage, GB/s; null: ByteCheckpoint's HDFS as fitted (~180 GB/s). */
      storageWriteGBps: z.number().positive().max(1e6).nullable().default(null),
    })
    .prefault({}),
  recovery: z
    .object({
      /** Failure to resumed training, excluding lost work and any wait for repair (Daly's R). */
      restartMin: z.number().positive().max(1e6).nullable().default(null),
      detectMin: z.number().min(0).max(1e5).nullable().default(null),
      spareSwapMin: z.number().min(0).max(1e5).nullable().default(null),
      repairH: z.number().positive().max(1e5).nullable().default(null),
      warmupMin: z.number().min(0).max(1e5).nullable().default(null),
      commInitSPerChip: z.number().min(0).max(100).nullable().default(null),
      /** Spare nodes; null sizes the pool by ByteRobust's P99 binomial rule. */
      spareNodes: z.int().min(0).max(1_000_000).nullable().default(null),
    })
    .prefault({}),
  /** A sub-population of failure-prone nodes; the mean rate is kept, lemons fail `rateMultiplier`× more. */
  lemon: z
    .object({ nodeFraction: z.number().min(0).max(1), rateMultiplier: z.number().min(1).max(10_000) })
    .nullable()
    .default(null),
  /** Fail-slow episodes: throughput loss without restart. */
  failSlow: z
    .object({
      episodesPerNodeDay: z.number().min(0).max(1000),
      durationMin: z.number().positive().max(1e5).nullable().default(null),
      slowdown: z.number().min(1).max(100).nullable().default(null),
    })
    .nullable()
    .default(null),
  /** Delay from a silent data corruption to its detection. */
  sdcDetectH: z.number().min(0).max(1e5).nullable().default(null),
});

export type ReliabilityInput = z.output<typeof reliabilityInputSchema>;
export type ReliabilityInputRaw = z.input<typeof reliabilityInputSchema>;

/** Monte Carlo replicas when none are asked for (every shell and `train plan` alike). */
export const DEFAULT_REPLICAS = 1000;

/** Monte Carlo settings. */
export const simulationOptionsSchema = z.object({
  seed: SeedSchema,
  replicas: z.int().positive().max(MAX_REPLICAS).default(DEFAULT_REPLICAS),
  timelineMaxSegments: z.int().min(0).max(100_000).default(500),
  /**
   * Deadlines, days, to read P(finish by each) off the same replicas (`finishCurve`): the curve of a deadline chart
   * from one run, not one run per deadline (a deadline does not change the simulation, only what is counted).
   */
  finishCurveDays: z.array(z.number().positive().max(36_500)).max(64).default([]),
  /** Shares of the replicas, 0-1, to read the wall days they finish within off the same replicas (`wallDaysAt`). */
  wallDaysQuantiles: z.array(z.number().gt(0).lt(1)).max(16).default([]),
});
export type SimulationOptionsRaw = z.input<typeof simulationOptionsSchema> & {
  /** Called with the done fraction (0-1) about every 1% of replicas. */
  readonly onProgress?: (doneFraction: number) => void;
};

/**
 * Parses with `schema`, turning its issues into a one-line FleetcastError naming each field by the caller's own
 * (camelCase) path: "Cannot <action>: chipCount must be > 0, got 0".
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, action: string): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw issuesError(action, result.error.issues, { root: raw });
}

/** Validates a reliability input (camelCase keys), throwing FleetcastError naming the bad fields. */
export function parseReliabilityInput(raw: unknown): ReliabilityInput {
  return parseOrThrow(reliabilityInputSchema, raw, "read the reliability input");
}
