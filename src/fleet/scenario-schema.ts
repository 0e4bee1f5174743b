/**
 * @module The scenario file: pools of chips, one training job with a deadline, one serving demand with latency
 * limits, a supply/policy section and the knobs of the reliability model. Keys are snake_case, as in the case
 * format (cases/FORMAT.md) and the chip catalog; YAML or JSON.
 */
import * as z from "zod";
import { DEFAULT_REPLICAS } from "../reliability/index.ts";
import { amountSchema } from "../util/amount-schema.ts";
import { MAX_TPOT_MS, MAX_TTFT_MS } from "../util/engineering-bounds.ts";
import { SeedSchema } from "../util/seed-schema.ts";

const positive = z.number().positive().finite();
const share = z.number().min(0).max(1);

/** Regions the supply rules know (src/fleet/region-rules.ts); "any" admits every catalog chip. */
export const REGIONS = ["china", "us", "any"] as const;
export type Region = (typeof REGIONS)[number];

/** One pool: chips of one catalog id, with site-specific price, power and network where they differ. */
export const PoolSchema = z.strictObject({
  /** Pool name, unique in the scenario (kebab-case). */
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "expected a lowercase name (a-z, 0-9, '-', '_', '.')"),
  /** Catalog chip id (`fleetcast chips`). */
  chip: z.string().min(1),
  count: z.int().positive().max(10_000_000),
  /** Training stack id (default: the family's usual one, Megatron on NVIDIA, MindSpeed on Ascend). */
  stack: z.string().min(1).optional(),
  /** Serving stack id (default: vLLM on NVIDIA, vLLM-Ascend on Ascend). */
  serve_stack: z.string().min(1).optional(),
  /** Cost of one chip for one hour, all-in (rent, or amortised purchase plus hosting); default from the catalog. */
  usd_per_chip_hour: positive.max(1000).optional(),
  /** Power of one chip in watts for the energy figures; default: the catalog's TDP. */
  power_w: positive.max(100_000).optional(),
  /** Counts as domestic for the policy; default from the region's rule (Huawei in China, NVIDIA/AMD in the US). */
  domestic: z.boolean().optional(),
  /** NIC line rate per chip when the site differs from the catalog (or the catalog does not know it), Gb/s. */
  scaleout_gbps_per_chip: positive.max(100_000).optional(),
});
export type PoolSpec = z.output<typeof PoolSchema>;

/** The training job: a model on a token budget, by a deadline. */
export const TrainingJobSchema = z.strictObject({
  /** Built-in model name (`fleetcast models`). */
  model: z.string().min(1),
  /** Token budget: a number, or an amount as the CLI's `--tokens` takes it ("15T", "300B"). */
  tokens: amountSchema(1e16),
  seq_len: z.int().positive().max(10_000_000),
  /** Tokens per optimizer step, whole sequences: a number, or an amount ("16Mi" = 16 x 2^20, "4M"). */
  global_batch_tokens: amountSchema(1e12, { integer: true }),
  /**
   * GEMM precision, default BF16 as `train plan`'s; chips without FP8 (Ascend 910B/910C) train in BF16 instead, with an
   * advisory.
   */
  precision: z.enum(["bf16", "fp16", "fp8"]).default("bf16"),
  deadline_days: positive.max(36_500),
  /** Probability of finishing by the deadline that counts as "meets the deadline" (default 0.8). */
  deadline_confidence: z.number().gt(0).lt(1).default(0.8),
});
export type TrainingJobSpec = z.output<typeof TrainingJobSchema>;

/** The serving demand: a model under a load, per-request lengths and latency limits (means). */
export const ServingDemandSchema = z
  .strictObject({
    model: z.string().min(1),
    input_tokens: z.int().positive().max(10_000_000),
    output_tokens: z.int().positive().max(10_000_000),
    /** Input plus output tokens per day, averaged over the day ("776B" as the CLI's flag takes it, or a number). */
    demand_tokens_per_day: amountSchema(1e18).optional(),
    requests_per_s: positive.max(1e9).optional(),
    /** Peak over mean load: the fleet must carry the peak (1 = flat load). */
    peak_to_mean: z.number().min(1).max(100).default(1),
    /** TTFT limit, ms: a p99 at the peak, as `serve plan` reads its limits (each row is checked at its share). */
    ttft_ms: positive.max(MAX_TTFT_MS),
    /** TPOT limit, ms: a p99 at the peak, likewise. */
    tpot_ms: positive.max(MAX_TPOT_MS),
    cache_hit_rate: z.number().min(0).max(0.99).default(0),
    /** Serving GEMM precision; chips without it fall back (INT8 on Ascend), with an advisory. */
    precision: z.enum(["bf16", "fp8", "int8", "fp4"]).default("fp8"),
  })
  .refine((d) => d.demand_tokens_per_day !== undefined || d.requests_per_s !== undefined, {
    message: "needs demand_tokens_per_day or requests_per_s",
    path: ["demand_tokens_per_day"],
  })
  // one demand, stated once: both given could disagree (1,605 against 1 request/s), and one would be ignored
  .refine((d) => d.demand_tokens_per_day === undefined || d.requests_per_s === undefined, {
    message: "takes demand_tokens_per_day or requests_per_s, not both",
    path: ["requests_per_s"],
  });
export type ServingDemandSpec = z.output<typeof ServingDemandSchema>;

/** Supply and policy: where the fleet is, and how much of it must be domestic. */
export const PolicySchema = z.strictObject({
  /** Minimum share of the chips in use that are domestic (0-1). */
  min_domestic_share_of_chips: share.optional(),
  /** Minimum share of the work (model FLOPs of training plus serving over the deadline window) on domestic chips. */
  min_domestic_share_of_work: share.optional(),
  /** Admits only chips that can be bought or operated there (region-rules.ts); default "any". */
  region: z.enum(REGIONS).default("any"),
});
export type PolicySpec = z.output<typeof PolicySchema>;

/** Overrides of the reliability model's assumptions. */
export const AssumptionOverridesSchema = z.strictObject({
  /** Failure-rate reading where sources give a range (Ascend rates are assumptions): "low" or "high". */
  // the reliability model's RATE_SCENARIOS, written here so the dashboard bundle does not pull that model in
  failure_scenario: z.enum(["low", "high"]).default("high"),
  /** Multiplies every Ascend failure rate (1 = the reliability model's own). */
  ascend_failure_rate_multiplier: positive.max(10_000).default(1),
  /** Multiplies every NVIDIA/other failure rate. */
  other_failure_rate_multiplier: positive.max(10_000).default(1),
  /**
   * The fleets' own failure rates are unmeasured: each replica's rates spread log-normally as published sites' rates
   * spread (reliability/site-rate-spread.ts, x/÷ 2.7 at 80 %), so the deadline odds carry not knowing which site a
   * fleet is like. Off: the rate sets (and multipliers) are taken as the fleets' own.
   */
  failure_rate_site_spread: z.boolean().default(false),
  /**
   * How training checkpoints are saved: async (a stall for the copy to host memory), sync (training stalls until the
   * checkpoint is durable), or stack_default (each pool's training stack as its code ships: Megatron-LM and MindSpeed
   * save synchronously, `Stack.checkpointSave`; async where unknown).
   */
  checkpoint_mode: z.enum(["async", "sync", "stack_default"]).default("async"),
});

/** A stated assumption of the scenario itself (pool sizes, prices, load), with where it comes from. */
export const ScenarioSourceSchema = z.strictObject({
  name: z.string().min(1),
  value: z.union([z.number(), z.string()]),
  unit: z.string().default(""),
  source: z.string().min(1),
  kind: z.enum(["sourced", "derived", "assumption"]).default("assumption"),
});
export type ScenarioSource = z.output<typeof ScenarioSourceSchema>;

/** A whole scenario (what `fleetcast compare FILE` reads). */
export const ScenarioSchema = z.strictObject({
  name: z.string().min(1).default("scenario"),
  pools: z.array(PoolSchema).min(1).max(32),
  training: TrainingJobSchema,
  serving: ServingDemandSchema,
  policy: PolicySchema.prefault({}),
  assumptions: AssumptionOverridesSchema.prefault({}),
  /**
   * Monte Carlo seed and replicas per reliability estimate: `reliability` and `train plan`'s default, so the same job
   * reads the same days and odds in every command (review 34: 200 here gave P90 62.8 days where they gave 60).
   */
  seed: SeedSchema.default(1),
  replicas: z.int().min(20).max(5000).default(DEFAULT_REPLICAS),
  sources: z.array(ScenarioSourceSchema).default([]),
});
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/**
 * The JSON Schema of a scenario file (draft 2020-12), for editors and `fleetcast schema`.
 * @example JSON.stringify(scenarioJsonSchema(), null, 2)
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
