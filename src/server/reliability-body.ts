import * as z from "zod";
import { intervalFactorLogSigma, MAX_INTERVAL_FACTOR } from "../calibrate/index.ts";
import { builtinChips, defaultChipsPerNode, makeChipCatalog } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import {
  CHECKPOINT_MODES,
  CHIP_FAMILIES,
  expectedEvents,
  publishedSiteRateLogSigma,
  type ReliabilityInputRaw,
  reliabilityInputSchema,
  simulateReliability,
} from "../reliability/index.ts";
import { amountSchema } from "../util/amount-schema.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import {
  MAX_API_REPLICAS,
  MAX_CHIPS,
  MAX_RELIABILITY_EVENTS,
  MAX_RELIABILITY_WORK,
  MAX_TRAIN_TOKENS,
} from "./api-limits.ts";

// Field bounds are the library's own (reliability/reliability-input.ts), reused here under snake_case names.
const lib = reliabilityInputSchema.shape;
const checkpoint = lib.checkpoint.unwrap().shape;
const recovery = lib.recovery.unwrap().shape;
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const ComponentSchema = z.strictObject({
  cause: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a snake_case cause name"),
  scope: z.enum(["chip", "node", "job"]),
  failures_per_unit_hour: z.number().positive().max(1e3),
  replaces_node: z.boolean().default(false),
  silent: z.boolean().default(false),
  source: z.string().max(500).default("user input"),
});

/**
 * `POST /api/reliability`: the inputs of `fleetcast reliability`, snake_case. The job is `chip` (a catalog id) or
 * `chip_family`; its length is `train_days`, or `tokens` with `tokens_per_s_per_chip`. Null or absent settings
 * take the sourced defaults listed in the answer's `assumptions`.
 */
export const ReliabilityBodySchema = z
  .strictObject({
    chip: z.string().min(1).max(100).optional().meta({ description: "Catalog chip id; sets chip_family" }),
    chip_family: z.enum(CHIP_FAMILIES).optional(),
    chip_count: z.int().min(1).max(MAX_CHIPS),
    chips_per_node: lib.chipsPerNode.optional(),
    train_days: lib.trainDays.optional().meta({ description: "Failure-free training time, days" }),
    train_days_interval_factor: z.number().min(1).max(MAX_INTERVAL_FACTOR).optional().meta({
      description:
        "80 % interval of the failure-free time as a factor (x/÷ F, as train plan prints it): each replica draws its time log-normally; absent = exact",
    }),
    site_spread: z.boolean().optional().meta({
      description:
        "The fleet's own failure rate is unmeasured: spread each replica's rates log-normally as published sites' rates spread (sigma ~0.77 in log: site-rate-spread.ts; the median rate kept, the mean 1.35x); absent = the rate set is this fleet's",
    }),
    tokens: amountSchema(MAX_TRAIN_TOKENS).optional().meta({
      description: 'Training tokens: a number, or an amount as the CLI\'s --tokens takes it ("14.8T")',
    }),
    tokens_per_s_per_chip: z.number().positive().max(1e9).optional(),
    deadline_days: nullable(lib.deadlineDays.unwrap().unwrap()),
    horizon_days: nullable(lib.horizonDays.unwrap().unwrap()),
    scenario: lib.scenario,
    cluster: lib.cluster.meta({
      description:
        "dedicated: a pre-training run owning its nodes; shared: one job of a shared research cluster (Kokolis et al.'s measured job failures added)",
    }),
    rate_multiplier: z.number().positive().max(10_000).default(1),
    components: z.array(ComponentSchema).min(1).max(64).nullable().optional(),
    planned_maintenance_interval_h: z.number().positive().max(1e6).nullable().optional(),
    checkpoint: z
      .strictObject({
        interval_min: nullable(checkpoint.intervalMin.unwrap().unwrap()),
        blocking_s: nullable(checkpoint.blockingS.unwrap().unwrap()),
        persist_s: nullable(checkpoint.persistS.unwrap().unwrap()),
        load_s: nullable(checkpoint.loadS.unwrap().unwrap()),
        state_gb: nullable(checkpoint.stateGB.unwrap().unwrap()).meta({
          description:
            "The job's whole checkpoint, GB (14 B a parameter with Adam in mixed precision); stall, persist and load follow from it. Absent: ByteCheckpoint's 405B timings",
        }),
        mode: z.enum(CHECKPOINT_MODES).optional().meta({
          description:
            "async (default: stalls for the copy to host memory) or sync (stalls until durable: Megatron-LM's and MindSpeed's default save)",
        }),
        storage_write_gbps: nullable(checkpoint.storageWriteGBps.unwrap().unwrap()).meta({
          description:
            "Aggregate write rate of the checkpoint storage, GB/s (absent: ~180, ByteCheckpoint's HDFS)",
        }),
      })
      .default({}),
    recovery: z
      .strictObject({
        restart_min: nullable(recovery.restartMin.unwrap().unwrap()),
        detect_min: nullable(recovery.detectMin.unwrap().unwrap()),
        spare_swap_min: nullable(recovery.spareSwapMin.unwrap().unwrap()),
        repair_h: nullable(recovery.repairH.unwrap().unwrap()),
        warmup_min: nullable(recovery.warmupMin.unwrap().unwrap()),
        comm_init_s_per_chip: nullable(recovery.commInitSPerChip.unwrap().unwrap()),
        spare_nodes: nullable(recovery.spareNodes.unwrap().unwrap()),
      })
      .default({}),
    lemon: z
      .strictObject({
        node_fraction: z.number().min(0).max(1),
        rate_multiplier: z.number().min(1).max(10_000),
      })
      .nullable()
      .optional(),
    fail_slow: z
      .strictObject({
        episodes_per_node_day: z.number().min(0).max(1000),
        duration_min: z.number().positive().max(1e5).nullable().optional(),
        slowdown: z.number().min(1).max(100).nullable().optional(),
      })
      .nullable()
      .optional(),
    sdc_detect_h: z.number().min(0).max(1e5).nullable().optional(),
    seed: SeedSchema.default(1),
    replicas: z.int().min(1).max(MAX_API_REPLICAS).default(1000),
    timeline_max_segments: z
      .int()
      .min(0)
      .max(10_000)
      .default(0)
      .meta({ description: "Segments of one replica's timeline to return (0 = none)" }),
    finish_curve_days: z
      .array(z.number().positive().max(36_500))
      .max(64)
      .default([])
      .meta({ description: "Deadlines, days: P(finish by each) read off the same replicas (finish_curve)" }),
  })
  .superRefine((b, ctx) => {
    if ((b.chip === undefined) === (b.chip_family === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["chip"],
        message: "give exactly one of chip (a catalog id) or chip_family",
      });
    }
    const byTokens = b.tokens !== undefined || b.tokens_per_s_per_chip !== undefined;
    if (b.train_days !== undefined && byTokens) {
      ctx.addIssue({
        code: "custom",
        path: ["train_days"],
        message: "give either train_days or tokens with tokens_per_s_per_chip, not both",
      });
    } else if (
      b.train_days === undefined &&
      (b.tokens === undefined || b.tokens_per_s_per_chip === undefined)
    ) {
      ctx.addIssue({
        code: "custom",
        path: [b.train_days === undefined && b.tokens !== undefined ? "tokens_per_s_per_chip" : "train_days"],
        message: "is required: give train_days, or tokens with tokens_per_s_per_chip",
      });
    }
    const days = trainDaysOf(b);
    if (days !== undefined && b.train_days === undefined && !lib.trainDays.safeParse(days).success) {
      ctx.addIssue({
        code: "custom",
        path: ["tokens"],
        message: `gives ${days.toPrecision(3)} failure-free days (tokens / (tokens_per_s_per_chip × chip_count) / 86400); must be in (0, 3650]`,
      });
    } else if (days !== undefined && b.replicas <= MAX_API_REPLICAS && b.chip_count <= MAX_CHIPS) {
      const work = b.replicas * b.chip_count * days * b.rate_multiplier;
      if (work > MAX_RELIABILITY_WORK) {
        ctx.addIssue({
          code: "custom",
          path: ["replicas"],
          message: `replicas × chip_count × train_days × rate_multiplier is ${work.toPrecision(3)}, above the API's work limit of ${MAX_RELIABILITY_WORK.toExponential(0)}: lower replicas`,
        });
      }
    }
  });
export type ReliabilityBody = z.output<typeof ReliabilityBodySchema>;

/**
 * Simulates one training job's failures for a request body: the answer of `fleetcast reliability --json`
 * (snake_case), with one replica's timeline when `timeline_max_segments` > 0.
 * @throws {FleetcastError} for an unknown chip, or inputs the library refuses (naming the field)
 */
export function reliabilityJob(body: ReliabilityBody) {
  const chip = body.chip === undefined ? null : makeChipCatalog(builtinChips()).get(body.chip);
  const chipFamily = chip?.family ?? body.chip_family;
  if (chipFamily === undefined) throw new FleetcastError("Cannot simulate: chip is required", "chip");
  const trainDays = trainDaysOf(body);
  if (trainDays === undefined)
    throw new FleetcastError("Cannot simulate: train_days is required", "train_days");
  const input: ReliabilityInputRaw = {
    chipFamily,
    chipCount: body.chip_count,
    // a catalog chip's own node (min(8, its scale-up domain)), as the CLI and train plan take it
    ...(body.chips_per_node !== undefined
      ? { chipsPerNode: body.chips_per_node }
      : chip !== null
        ? { chipsPerNode: defaultChipsPerNode(chip) }
        : {}),
    trainDays,
    ...(body.train_days_interval_factor === undefined
      ? {}
      : { trainDaysLogSigma: intervalFactorLogSigma(body.train_days_interval_factor) }),
    deadlineDays: body.deadline_days ?? null,
    ...(body.site_spread === true ? { rateLogSigma: publishedSiteRateLogSigma() } : {}),
    horizonDays: body.horizon_days ?? null,
    scenario: body.scenario,
    cluster: body.cluster,
    rateMultiplier: body.rate_multiplier,
    components:
      body.components?.map((c) => ({
        cause: c.cause,
        scope: c.scope,
        failuresPerUnitHour: c.failures_per_unit_hour,
        replacesNode: c.replaces_node,
        silent: c.silent,
        source: c.source,
      })) ?? null,
    ...(body.planned_maintenance_interval_h === undefined
      ? {}
      : { plannedMaintenanceIntervalH: body.planned_maintenance_interval_h }),
    checkpoint: {
      intervalMin: body.checkpoint.interval_min ?? null,
      blockingS: body.checkpoint.blocking_s ?? null,
      persistS: body.checkpoint.persist_s ?? null,
      loadS: body.checkpoint.load_s ?? null,
      stateGB: body.checkpoint.state_gb ?? null,
      mode: body.checkpoint.mode ?? "async",
      storageWriteGBps: body.checkpoint.storage_write_gbps ?? null,
    },
    recovery: {
      restartMin: body.recovery.restart_min ?? null,
      detectMin: body.recovery.detect_min ?? null,
      spareSwapMin: body.recovery.spare_swap_min ?? null,
      repairH: body.recovery.repair_h ?? null,
      warmupMin: body.recovery.warmup_min ?? null,
      commInitSPerChip: body.recovery.comm_init_s_per_chip ?? null,
      spareNodes: body.recovery.spare_nodes ?? null,
    },
    lemon: body.lemon
      ? { nodeFraction: body.lemon.node_fraction, rateMultiplier: body.lemon.rate_multiplier }
      : null,
    failSlow: body.fail_slow
      ? {
          episodesPerNodeDay: body.fail_slow.episodes_per_node_day,
          durationMin: body.fail_slow.duration_min ?? null,
          slowdown: body.fail_slow.slowdown ?? null,
        }
      : null,
    sdcDetectH: body.sdc_detect_h ?? null,
  };
  const events = expectedEvents(input, body.replicas);
  if (events > MAX_RELIABILITY_EVENTS) {
    throw new FleetcastError(
      `Cannot simulate within the API's limits: about ${events.toPrecision(2)} failure events (${(events / body.replicas).toPrecision(2)} in each of ${body.replicas} replicas), above ${MAX_RELIABILITY_EVENTS.toExponential(0)}; lower replicas to ${Math.max(1, Math.floor((body.replicas * MAX_RELIABILITY_EVENTS) / events))} or fewer, or run \`fleetcast reliability\` locally`,
      "replicas",
    );
  }
  const r = simulateReliability(input, {
    seed: body.seed,
    replicas: body.replicas,
    timelineMaxSegments: body.timeline_max_segments,
    finishCurveDays: body.finish_curve_days,
  });
  return snakeCaseKeys({
    // the same keys as `fleetcast reliability --json` echoes (QA 30: the API's had eight of its seventeen)
    inputs: {
      chip: chip?.id ?? null,
      chipFamily,
      chipCount: body.chip_count,
      chipsPerNode: input.chipsPerNode ?? null,
      trainDays,
      tokens: body.tokens ?? null,
      tokensPerSPerChip: body.tokens_per_s_per_chip ?? null,
      deadlineDays: body.deadline_days ?? null,
      rateScenario: body.scenario,
      cluster: body.cluster,
      rateMultiplier: body.rate_multiplier,
      checkpointIntervalMin: body.checkpoint.interval_min ?? null,
      checkpointBlockingS: body.checkpoint.blocking_s ?? null,
      checkpointStateGb: body.checkpoint.state_gb ?? null,
      checkpointMode: body.checkpoint.mode ?? "async",
      restartMin: body.recovery.restart_min ?? null,
      spareNodes: body.recovery.spare_nodes ?? null,
      seed: body.seed,
      replicas: body.replicas,
    },
    ...r,
  });
}

// --- internal ---

/** Failure-free days: given, or tokens / (tokens/s per chip × chips) / 86,400 s per day. */
function trainDaysOf(b: {
  train_days?: number | undefined;
  tokens?: number | undefined;
  tokens_per_s_per_chip?: number | undefined;
  chip_count: number;
}): number | undefined {
  if (b.train_days !== undefined) return b.train_days;
  if (b.tokens === undefined || b.tokens_per_s_per_chip === undefined) return undefined;
  return b.tokens / (b.tokens_per_s_per_chip * b.chip_count) / 86_400;
}
