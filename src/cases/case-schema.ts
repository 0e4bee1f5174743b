import { z } from "zod";
import {
  COUNT_METRICS,
  FRACTION_METRICS,
  RELIABILITY_METRICS,
  SERVE_METRICS,
  TRAIN_METRICS,
} from "./metrics.ts";

/**
 * Zod schemas of a published case, field for field as `data/cases/FORMAT.md` defines them.
 * "Nothing is guessed: an unknown field is `null` or absent" (FORMAT.md), so every field that
 * may be unknown is `nullish`. Case objects are strict (a misspelt key is an error); the `model`
 * object is loose, because it is a Hugging Face config.json whose extra keys must survive.
 */

const positiveInt = z.number().int().positive();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const text = z.string().min(1);

/**
 * Observed figures: only the metric names FORMAT.md lists for the kind, each a finite number. Throughputs, rates and
 * times must be > 0 and fractions (`mfu`, `goodput`) in (0, 1]; only event counts (`interruptions`) may be 0.
 */
function observedSchema(metrics: readonly string[]) {
  const shape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
  for (const m of metrics) {
    const base = COUNT_METRICS.includes(m) ? nonNegative : positive;
    shape[m] = (FRACTION_METRICS.includes(m) ? base.max(1) : base).optional();
  }
  // a metric written null is unknown (FORMAT.md: "an unknown field is null or absent"): read as absent
  const withoutNulls = (o: unknown) =>
    typeof o === "object" && o !== null && !Array.isArray(o)
      ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null))
      : o;
  return z.preprocess(
    withoutNulls,
    z.strictObject(shape).refine((o) => Object.values(o).some((v) => v !== undefined), {
      message: "must hold at least one observed metric",
    }),
  );
}

/** `derived`: how each figure not stated verbatim was computed, keyed by metric name. */
function derivedSchema(metrics: readonly string[]) {
  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const m of metrics) shape[m] = text.optional();
  return z.strictObject(shape);
}

/** Where a case comes from; an internal measurement may have no URL or locator (null or absent: unknown). */
export const SourceSchema = z.strictObject({
  citation: text,
  locator: text.nullish(),
  url: text.nullish(),
  trust: z.enum(["high", "medium", "low"]).nullish(),
});

/**
 * The architecture, as the fields of a Hugging Face config.json plus `name`; unknown keys are kept. A config.json
 * pasted as it is has no `name`: its `_name_or_path`, else its `model_type`, names it (FORMAT.md: "a real model's
 * config.json pasted as it is must work"; review 19).
 */
export const CaseModelSchema = z
  .looseObject({
    // optional in what is read (a pasted config.json has none), always present in what is parsed (below)
    name: text.optional(),
    model_type: text,
    hidden_size: positiveInt.optional(),
    num_hidden_layers: positiveInt.optional(),
    num_attention_heads: positiveInt.optional(),
    num_key_value_heads: positiveInt.optional(),
    intermediate_size: positiveInt.optional(),
    vocab_size: positiveInt.optional(),
  })
  .transform((m) => {
    const path = m["_name_or_path"];
    const name = m.name ?? (typeof path === "string" && path !== "" ? path : m.model_type);
    return Object.assign(m, { name });
  });

/** `chip` is an id of the hardware catalog; `ranks_per_chip: 2` when parallel degrees count dies (Ascend 910C). */
export const CaseHardwareSchema = z.strictObject({
  chip: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "must be a kebab-case chip id"),
  count: positiveInt,
  chips_per_node: positiveInt.nullish(),
  scaleout_gbps_per_chip: positive.nullish(),
  ranks_per_chip: positiveInt.nullish(),
});

const common = {
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case"),
  source: SourceSchema,
  hardware: CaseHardwareSchema,
  software: z.string().nullish(),
  notes: z.array(z.string()).nullish(),
  raw_id: z.string().nullish(),
};

/** Training parallelism; a `null` field is unknown and left to the predictor (FORMAT.md). */
export const TrainParallelismSchema = z.strictObject({
  tp: positiveInt.nullish(),
  pp: positiveInt.nullish(),
  dp: positiveInt.nullish(),
  cp: positiveInt.nullish(),
  ep: positiveInt.nullish(),
  vpp: positiveInt.nullish(),
  zero: z.union([z.number().int().min(0).max(3), z.literal("fsdp")]).nullish(),
  micro_batch: positiveInt.nullish(),
  recompute: z.enum(["none", "selective", "full"]).nullish(),
  sequence_parallel: z.boolean().nullish(),
});

export const TrainCaseSchema = z.strictObject({
  ...common,
  kind: z.literal("train"),
  model: CaseModelSchema,
  train: z.strictObject({
    seq_len: positiveInt,
    // unknown (null or absent) where the source does not state it: the predictor assumes one and says so
    global_batch_tokens: positiveInt.nullish(),
    precision: z.enum(["bf16", "fp16", "fp8"]).nullish(),
    parallelism: TrainParallelismSchema.nullish(),
  }),
  observed: observedSchema(TRAIN_METRICS),
  derived: derivedSchema(TRAIN_METRICS).nullish(),
});

export const ServeCaseSchema = z.strictObject({
  ...common,
  kind: z.literal("serve"),
  model: CaseModelSchema,
  serve: z.strictObject({
    phase: z.enum(["prefill", "decode", "both"]),
    precision: z.enum(["bf16", "fp8", "int8", "fp4"]),
    parallelism: z
      .strictObject({
        tp: positiveInt.nullish(),
        pp: positiveInt.nullish(),
        ep: positiveInt.nullish(),
        // A degree, or true/false where the source only says whether attention is data-parallel.
        dp_attention: z.union([positiveInt, z.boolean()]).nullish(),
      })
      .nullish(),
    batch_per_chip: positive.nullish(),
    concurrency: positiveInt.nullish(),
    // Mean lengths where the source gives means (MLPerf datasets), so not necessarily whole.
    input_tokens: positive.nullish(),
    output_tokens: positive.nullish(),
    kv_len: positive.nullish(),
    cache_hit_rate: nonNegative.max(1).nullish(),
    spec_decode_accept: positive.nullish(),
    scenario: z.enum(["offline", "server", "interactive"]).nullish(),
    slo: z.strictObject({ ttft_ms: positive.nullish(), tpot_ms: positive.nullish() }).nullish(),
  }),
  observed: observedSchema(SERVE_METRICS),
  derived: derivedSchema(SERVE_METRICS).nullish(),
});

export const ReliabilityCaseSchema = z.strictObject({
  ...common,
  kind: z.literal("reliability"),
  model: CaseModelSchema.nullish(),
  run: z.strictObject({
    days: positive.nullish(),
    checkpoint_interval_min: positive.nullish(),
    checkpoint_blocking_s: nonNegative.nullish(),
    restart_min: nonNegative.nullish(),
    spares: z.number().int().nonnegative().nullish(),
    /**
     * fleetcast's extension: a dedicated pre-training run or jobs of a shared research cluster; absent, `validate`
     * reads it from the citation and notes (`caseCluster`).
     */
    cluster: z.enum(["dedicated", "shared"]).nullish().meta({
      description:
        "fleetcast's extension: a dedicated pre-training run or jobs of a shared research cluster; absent, read from the citation and notes",
    }),
  }),
  observed: observedSchema(RELIABILITY_METRICS),
  derived: derivedSchema(RELIABILITY_METRICS).nullish(),
});

/** One published case: a discriminated union on `kind`. */
export const CaseSchema = z.discriminatedUnion("kind", [
  TrainCaseSchema,
  ServeCaseSchema,
  ReliabilityCaseSchema,
]);

export type TrainCase = z.infer<typeof TrainCaseSchema>;
export type ServeCase = z.infer<typeof ServeCaseSchema>;
export type ReliabilityCase = z.infer<typeof ReliabilityCaseSchema>;
export type Case = z.infer<typeof CaseSchema>;
export type CaseKind = Case["kind"];
