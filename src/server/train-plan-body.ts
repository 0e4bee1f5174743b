import * as z from "zod";
import { modelAdvisories } from "../arch/index.ts";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinChips, MAX_SCALE_OUT_GBPS, makeChipCatalog } from "../catalog/chips/index.ts";
import {
  CHECKPOINT_MODES,
  DEFAULT_REPLICAS,
  MAX_TRAIN_DAYS,
  reliabilityInputSchema,
} from "../reliability/index.ts";
import {
  type PlanConstraints,
  planTraining,
  RECOMPUTE_MODES,
  SCHEDULES,
  TRAIN_PRECISIONS,
  type TrainPlanRequest,
  trainPlanJson,
} from "../train/index.ts";
import { amountSchema } from "../util/amount-schema.ts";
import { SeedSchema } from "../util/seed-schema.ts";
import {
  MAX_CHIPS,
  MAX_GLOBAL_BATCH_TOKENS,
  MAX_SEQ_LEN,
  MAX_TOP_PLANS,
  MAX_TRAIN_RELIABILITY_REPLICAS,
  MAX_TRAIN_TOKENS,
} from "./api-limits.ts";
import { importModelRef, ModelRefSchema } from "./model-ref.ts";

const degree = z.int().min(1).max(MAX_CHIPS);

/** `POST /api/train/plan`: the flags of `fleetcast train plan`, snake_case, with the API's bounds. */
export const TrainPlanBodySchema = z
  .strictObject({
    model: ModelRefSchema,
    chip: z.string().min(1).max(100).meta({ description: "Catalog chip id (GET /api/chips)" }),
    count: z.int().min(1).max(MAX_CHIPS).meta({ description: "Chips in the job" }),
    chips_per_node: z.int().min(1).max(4096).optional(),
    scale_out_gbps_per_chip: z.number().positive().max(MAX_SCALE_OUT_GBPS).optional(),
    seq_len: z.int().min(1).max(MAX_SEQ_LEN).meta({ description: "Sequence length, tokens" }),
    global_batch_tokens: amountSchema(MAX_GLOBAL_BATCH_TOKENS, { integer: true }).meta({
      description:
        'Tokens per optimizer step: a number, or an amount as the CLI takes it ("4M", "16Mi" = 16 x 2^20)',
    }),
    // the library's list (fp16 runs at the BF16 peak): one list for the library, the CLI and the API (re-read 21)
    precision: z.enum(TRAIN_PRECISIONS).default("bf16"),
    stack: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: "Software stack id (default per family)" }),
    tokens: amountSchema(MAX_TRAIN_TOKENS).optional().meta({
      description: 'Token budget: a number, or an amount as the CLI\'s --tokens takes it ("15T", "300B")',
    }),
    top: z.int().min(1).max(MAX_TOP_PLANS).default(5),
    constraints: z
      .strictObject({
        tp: degree.optional(),
        pp: degree.optional(),
        dp: degree.optional(),
        cp: degree.optional(),
        ep: degree.optional(),
        vpp: z.int().min(1).max(64).optional(),
        micro_batch: z.int().min(1).max(1024).optional(),
        recompute: z.enum(RECOMPUTE_MODES).optional(),
        zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
        sequence_parallel: z.boolean().optional(),
        schedule: z.enum(SCHEDULES).optional(),
      })
      .default({})
      .meta({ description: "Plan fields to fix; the others are searched" }),
    profile: z
      .enum(["builtin", "none"])
      .default("builtin")
      .meta({ description: "builtin: efficiencies fitted on published runs; none: the stack priors" }),
    reliability: z
      .strictObject({
        seed: SeedSchema.default(1),
        // as `fleetcast reliability` and `train plan` run by default (review 19)
        replicas: z.int().min(1).max(MAX_TRAIN_RELIABILITY_REPLICAS).default(DEFAULT_REPLICAS),
        scenario: reliabilityInputSchema.shape.scenario,
        cluster: reliabilityInputSchema.shape.cluster.meta({
          description:
            "dedicated: a pre-training run owning its nodes; shared: one job of a shared research cluster",
        }),
        site_spread: z.boolean().optional().meta({
          description:
            "The fleet's own failure rate is unmeasured: spread it over published sites' rates (x/÷ 2.7 at 80 %, the median kept), as train plan --site-spread",
        }),
        checkpoint_mode: z.enum(CHECKPOINT_MODES).optional().meta({
          description:
            "async (default: a stall for the copy to host memory) or sync (training stalls until durable; Megatron-LM's and MindSpeed's own default, which the default answer prices in its advice), as train plan --checkpoint-mode",
        }),
      })
      .optional(),
    deadline_days: z.number().positive().max(MAX_TRAIN_DAYS).optional().meta({
      description: "A deadline for the token budget, days: P(finish by it) beside the failure-aware days",
    }),
  })
  .superRefine((b, ctx) => {
    // the failure simulation runs for a token budget: a save mode alone would be ignored (the CLI refuses it too)
    if (b.reliability?.checkpoint_mode !== undefined && b.tokens === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["reliability", "checkpoint_mode"],
        message: "sets the failure simulation, which runs for a token budget: give tokens too",
      });
    }
  });
export type TrainPlanBody = z.output<typeof TrainPlanBodySchema>;

/**
 * Plans training for a request body: the same search as `fleetcast train plan`, answered as its `--json`.
 * @throws {FleetcastError} for an unknown chip, model or stack, or a batch that is not whole sequences
 */
export function trainPlanJob(body: TrainPlanBody) {
  const chip = makeChipCatalog(builtinChips()).get(body.chip);
  const imported = importModelRef(body.model, "model");
  const { arch } = imported;
  const c = body.constraints;
  const constraints: PlanConstraints = {};
  if (c.tp !== undefined) constraints.tp = c.tp;
  if (c.pp !== undefined) constraints.pp = c.pp;
  if (c.dp !== undefined) constraints.dp = c.dp;
  if (c.cp !== undefined) constraints.cp = c.cp;
  if (c.ep !== undefined) constraints.ep = c.ep;
  if (c.vpp !== undefined) constraints.vpp = c.vpp;
  if (c.micro_batch !== undefined) constraints.microBatch = c.micro_batch;
  if (c.recompute !== undefined) constraints.recompute = c.recompute;
  if (c.zero !== undefined) constraints.zero = c.zero;
  if (c.sequence_parallel !== undefined) constraints.sequenceParallel = c.sequence_parallel;
  if (c.schedule !== undefined) constraints.schedule = c.schedule;
  const request: TrainPlanRequest = {
    model: arch,
    chip,
    count: body.count,
    seqLen: body.seq_len,
    globalBatchTokens: body.global_batch_tokens,
    precision: body.precision,
    top: body.top,
    constraints,
    profile: body.profile === "builtin" ? builtinProfile().train : null,
    ...(body.chips_per_node !== undefined ? { chipsPerNode: body.chips_per_node } : {}),
    ...(body.scale_out_gbps_per_chip !== undefined
      ? { scaleOutGbpsPerChip: body.scale_out_gbps_per_chip }
      : {}),
    ...(body.stack !== undefined ? { stackId: body.stack } : {}),
    ...(body.tokens !== undefined ? { tokens: body.tokens } : {}),
    ...(body.reliability !== undefined
      ? {
          reliability: {
            seed: body.reliability.seed,
            replicas: body.reliability.replicas,
            scenario: body.reliability.scenario,
            cluster: body.reliability.cluster,
            ...(body.reliability.site_spread === true ? { siteSpread: true } : {}),
            ...(body.reliability.checkpoint_mode === undefined
              ? {}
              : { checkpointMode: body.reliability.checkpoint_mode }),
          },
        }
      : {}),
    ...(body.deadline_days !== undefined ? { deadlineDays: body.deadline_days } : {}),
  };
  // planTraining refuses a deadline without tokens and fixed fields that contradict the job (a 422); a search that
  // finds nothing stays a 200 with its nearest plan and advice
  const plan = trainPlanJson(planTraining(request));
  return {
    model: arch.name,
    chip: chip.id,
    count: body.count,
    ...plan,
    advisories: [...modelAdvisories(imported), ...plan.advisories],
  };
}
