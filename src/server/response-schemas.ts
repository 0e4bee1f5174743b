import * as z from "zod";

/*
 * What each route answers (200), as zod schemas: the OpenAPI document publishes them (`z.toJSONSchema`, output side)
 * and response-schemas.test.ts parses every route's real answer with them, so a key added, renamed or dropped in a
 * job fails a test until it is documented here (review 35 L1: every 200 was `{type: object}`).
 *
 * Objects the API defines are strict (every key listed). Objects whose keys are data (a chip's uncertain figures by
 * name, a model's config.json, an engine's environment) are records; the few deep ones documented elsewhere (a
 * strategy's training and serving parts, a chip's description table) are loose objects with their main keys.
 */

const num = (description: string) => z.number().describe(description);
const int = (description: string) => z.number().int().describe(description);
const str = (description: string) => z.string().describe(description);
const bool = (description: string) => z.boolean().describe(description);
const nullableNum = (description: string) => z.number().nullable().describe(description);

/** A valid but poor input, reported as data (advisories never fail a request). */
const Advisory = z.strictObject({
  code: str("Stable machine-readable code, e.g. stack_not_calibrated"),
  message: str("What is wrong or uncertain, one sentence"),
  hint: str("What to do about it"),
});
const Advisories = z.array(Advisory).describe("Advice on a valid but poor or uncertain input");

/** An input the computation assumed, with where it comes from. */
const Assumption = z.strictObject({
  name: str("Input name"),
  value: z.union([z.number(), z.string()]).describe("Value used"),
  unit: str("Unit of the value"),
  source: str("Where the value comes from (paper and table, datasheet), or why it was chosen"),
  kind: z
    .enum(["sourced", "derived", "assumption"])
    .describe("Sourced figure, derived from sourced ones, or an assumption"),
});

const Quantiles = z
  .strictObject({ mean: z.number(), p10: z.number(), p50: z.number(), p90: z.number() })
  .describe("Mean and 10th, 50th and 90th percentiles over the Monte Carlo replicas");
const LatencyPercentiles = z
  .strictObject({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number() })
  .describe("Mean and 50th, 90th and 99th percentiles over the simulated requests, ms");

const Plan = z
  .strictObject({
    tp: int("Tensor-parallel degree"),
    pp: int("Pipeline stages"),
    dp: int("Data-parallel replicas"),
    cp: int("Context-parallel degree"),
    ep: int("Expert-parallel degree (1 for a dense model)"),
    vpp: int("Virtual pipeline stages per rank (interleaved schedule)"),
    micro_batch: int("Sequences per micro-batch"),
    recompute: z.enum(["none", "selective", "full"]).describe("Activation recomputation"),
    zero: int("ZeRO stage (0-3; distributed optimizer = 1)"),
    sequence_parallel: bool("Megatron sequence parallelism with TP"),
    schedule: str("Pipeline schedule"),
  })
  .describe("A parallel plan");

const CommPart = z.strictObject({
  total: num("Seconds of communication per step"),
  exposed: num("Seconds not hidden behind compute"),
});

const PlanEvaluation = z.strictObject({
  plan: Plan,
  label: str("The plan in one line, e.g. TP8 PP4 DP32 ZeRO-1"),
  fits: bool("Whether the plan fits in memory and is valid"),
  metrics: z
    .strictObject({
      step_time_s: num("Seconds per optimizer step"),
      tokens_per_s_per_chip: num("Training tokens per second per chip package"),
      model_tflops_per_chip: num("Model TFLOP/s per chip (6N + attention)"),
      mfu: num("Model FLOPs utilisation, 0-1"),
      mfu_definition: str("How MFU is counted"),
      mfu_causal: num("MFU with causal attention's scores halved (the work a causal kernel does)"),
      chip_hours_per_trillion_tokens: num("Chip-hours per 10^12 tokens, failure-free"),
    })
    .nullable(),
  step_breakdown_s: z
    .record(z.string(), z.number())
    .nullable()
    .describe("Seconds per part of a step, and total"),
  communication_s: z
    .strictObject({ tp: CommPart, cp: CommPart, ep: CommPart, pp: CommPart, dp: CommPart })
    .nullable()
    .describe("Each parallel dimension's communication per step"),
  micro_batches: z.number().int().nullable().describe("Micro-batches per step per pipeline"),
  memory_gib: z
    .record(z.string(), z.number())
    .nullable()
    .describe("GiB per chip by part, total and capacity"),
  violations: z.array(Advisory).describe("Why the plan is invalid or does not fit (empty when it fits)"),
  advisories: Advisories,
});

const TrainPlanResponse = z.strictObject({
  model: str("Model name"),
  chip: str("Catalog chip id"),
  count: int("Chips"),
  stack: str("Software stack whose efficiency was used"),
  efficiency: z
    .strictObject({
      matmul_fraction: num("Achieved share of peak in BF16 GEMMs"),
      matmul_fraction_fp8: num("Achieved share of peak in FP8 GEMMs"),
      attention_fraction: num("Achieved share of peak in attention"),
      tp_overlap: num("Share of TP communication hidden"),
      ep_overlap: num("Share of EP communication hidden"),
      dp_overlap: num("Share of DP communication hidden"),
    })
    .describe("The stack's fitted efficiency on this chip (profile)"),
  interval_factor: nullableNum("80 % interval of a prediction: x/÷ this factor (null when not calibrated)"),
  search: z.strictObject({
    enumerated: int("Plans enumerated"),
    pruned_invalid: int("Refused as invalid (divisibility, domain sizes)"),
    pruned_memory: int("Refused as not fitting memory"),
    costed: int("Plans whose step time was computed"),
    truncated: bool("Whether the enumeration hit its cap"),
    first_violation: z.string().nullable().describe("Why the first refused plan was refused"),
  }),
  plans: z.array(PlanEvaluation).describe("Best plans first (most tokens/s per chip)"),
  nearest: PlanEvaluation.nullable().describe("When no plan fits: the closest one and why it fails"),
  budget: z
    .strictObject({
      tokens: num("Token budget"),
      days: num("Failure-free days for the budget with the best plan"),
      days_interval: z.array(z.number()).nullable().describe("80 % interval of days"),
      days_drawn: z
        .strictObject({
          median_days: num("Median failure-free days the simulation drew around"),
          interval_factor: num("Its 80 % interval, x/÷ this factor (log-normal)"),
        })
        .nullable()
        .describe(
          "The failure-free days' distribution in the failure simulation: around `days`, or for a mixture of experts skewed slower by the held-out MoE runs; null without a calibration profile",
        ),
      chip_hours: num("Chip-hours for the budget"),
      checkpoint: z
        .strictObject({
          state_gb: num("The job's checkpoint, GB: weights, master copy and optimizer moments"),
          mode: z.enum(["async", "sync"]).describe("How the failure simulation saved it"),
        })
        .describe("The checkpoint the failure simulation saved (its stall, persist and load follow from it)"),
      with_failures: z
        .strictObject({
          wall_days_p50: num("Median wall-clock days with failures and restarts"),
          wall_days_p90: num("90th percentile of wall-clock days"),
          goodput_mean: num("Mean share of wall time spent on useful training"),
          assumed_failure_rates: int(
            "How many of the chip family's failure rates are assumed, not published",
          ),
          p_finish_by_deadline: nullableNum("P(finish by deadline_days), null without a deadline"),
          finished_fraction: num(
            "Share of the simulated runs that finished within horizon_days; below 1, a quantile above it is the horizon (a lower bound), not a finish time",
          ),
          horizon_days: num("How long each simulated run was followed (10 x the failure-free time)"),
        })
        .nullable(),
    })
    .nullable()
    .describe("Days and chip-hours for `tokens` (null without tokens)"),
  advisories: Advisories,
});

const ReliabilityResponse = z.strictObject({
  inputs: z
    .strictObject({
      chip: z.string().nullable(),
      chip_family: z.string(),
      chip_count: z.number(),
      chips_per_node: z.number().nullable(),
      train_days: z.number(),
      tokens: z.number().nullable(),
      tokens_per_s_per_chip: z.number().nullable(),
      deadline_days: z.number().nullable(),
      rate_scenario: z.string(),
      cluster: z.string(),
      rate_multiplier: z.number(),
      checkpoint_interval_min: z.number().nullable(),
      checkpoint_blocking_s: z.number().nullable(),
      checkpoint_state_gb: z.number().nullable(),
      checkpoint_mode: z.enum(["async", "sync"]),
      restart_min: z.number().nullable(),
      spare_nodes: z.number().nullable(),
      seed: z.number(),
      replicas: z.number(),
    })
    .describe(
      "The request as simulated (the defaults filled in; null = the method's default, in `resolved`)",
    ),
  seed: int("Seed of the random stream"),
  replicas: int("Monte Carlo replicas"),
  wall_days: Quantiles.describe("Wall-clock days to finish, failures included"),
  goodput: Quantiles.describe("Share of wall time spent on useful training"),
  interruptions: Quantiles.describe("Unplanned interruptions per run"),
  planned_interruptions: Quantiles.describe("Planned (maintenance) interruptions per run"),
  interruptions_by_cause: z.array(Quantiles.extend({ cause: z.string() })).describe("Interruptions by cause"),
  time_lost_hours: z
    .record(z.string(), Quantiles)
    .describe("Hours lost by category (checkpoint, lost_work, ...)"),
  mtti_hours: num("Mean time to interruption, hours"),
  p_finish_by_deadline: nullableNum("P(finish by deadline_days); null without a deadline"),
  wall_days_at: z
    .array(z.strictObject({ quantile: z.number(), days: z.number() }))
    .describe("Wall days at the asked confidences"),
  finish_curve: z
    .array(z.strictObject({ deadline_days: z.number(), p_finish: z.number() }))
    .describe("P(finish) at each of finish_curve_days"),
  finished_fraction: num("Share of replicas that finished within the horizon"),
  timeline: z
    .array(z.strictObject({ start_h: z.number(), end_h: z.number(), state: z.string() }))
    .describe("One replica's timeline, when timeline_max_segments > 0"),
  timeline_truncated: bool("Whether the timeline was cut at timeline_max_segments"),
  resolved: z
    .record(z.string(), z.union([z.number(), z.string()]))
    .describe("Every input after defaults (checkpoint interval and mode, spares...)"),
  closed_form: z
    .record(z.string(), z.number())
    .describe("Young, Daly and Meta's ETTR closed forms for comparison"),
  assumptions: z.array(Assumption),
  advisories: Advisories,
});

const ReliabilityOptimizeResponse = z.strictObject({
  inputs: z.strictObject({
    mtbf_h: z.number(),
    checkpoint_blocking_s: z.number(),
    checkpoint_persist_s: num(
      "An asynchronous checkpoint's persist after its stall (the shortest interval tried)",
    ),
    restart_min: z.number(),
    seed: z.number(),
    replicas: z.number(),
  }),
  young_min: num("Young's interval, minutes"),
  daly_min: num("Daly's interval, minutes"),
  simulated_best_min: num("Best interval found by simulation, minutes"),
  simulated_goodput_at_best: num("Goodput at the simulated best"),
  simulated_goodput_at_daly: num("Goodput at Daly's interval"),
  advisories: Advisories,
});

const ErrorStats = z.strictObject({
  cases: int("Cases"),
  metrics: int("Metrics compared"),
  median_abs_error: nullableNum("Median |predicted/observed - 1| of each case's first metric"),
  p90_abs_error: nullableNum("90th percentile of the same"),
  within_10pct: nullableNum("Cases within 10 %"),
  within_25pct: nullableNum("Cases within 25 %"),
  within_35pct: nullableNum("Cases within 35 %"),
  in_interval: nullableNum("Share of cases whose observation falls inside the 80 % interval"),
});

const ValidateResponse = z.strictObject({
  cases: z.array(
    z
      .looseObject({
        id: str("Case id"),
        kind: z.enum(["train", "serve", "reliability"]),
        status: z.enum(["ok", "error", "unsupported"]),
        metrics: z
          .array(
            z.looseObject({
              metric: str("Observed field, e.g. tokens_per_s_per_chip"),
              observed: z.number(),
              predicted: z.number(),
              rel_error: num("predicted / observed - 1"),
            }),
          )
          .optional(),
        assumptions: z.array(z.string()).optional().describe("What the prediction read or assumed"),
      })
      .describe("One case: its metrics, errors and assumptions (or why it could not be predicted)"),
  ),
  summary: z.strictObject({
    cases: int("Cases"),
    ok: int("Predicted"),
    error: int("Refused, with the reason"),
    unsupported: int("Kinds not predicted"),
    overall: ErrorStats,
    by_kind: z.record(z.string(), ErrorStats),
    by_family: z.record(z.string(), ErrorStats),
    by_kind_and_family: z.record(z.string(), ErrorStats),
    left_out: ErrorStats.nullable().describe("Each calibration case predicted by a fit without it"),
    left_out_source: ErrorStats.nullable().describe("Each publication's cases predicted by a fit without it"),
  }),
});

const StepMs = z
  .strictObject({
    dense: z.number(),
    experts: z.number(),
    attention: z.number(),
    kernel_launches: z.number(),
    communication: z.number(),
    overhead: z.number(),
    total: z.number(),
    micro_batches: z.number(),
  })
  .describe("One engine step's time by part, ms");

const ServeInstance = z.strictObject({
  tp: int("Tensor-parallel degree"),
  dp_attention: int("Attention data-parallel ranks"),
  ep: int("Expert-parallel degree"),
  pp: int("Pipeline stages"),
  chips_per_instance: int("Chips of one instance"),
  batch: num(
    "Sequences in flight per attention rank (a prefill layout's: prompts per step, may be a fraction)",
  ),
  tokens_per_s_per_chip: num("Tokens/s per chip (output; prompt tokens for a prefill pool)"),
  ttft_ms: nullableNum("Time to first token, ms (null for a decode pool)"),
  tpot_ms: nullableNum("Time per output token, ms (null for a prefill pool)"),
  kv_capacity_tokens: int("KV-cache tokens an instance holds"),
  violates: z.array(z.string()).describe("Limits this layout misses"),
  step_ms: StepMs,
});

const ServePool = z.strictObject({
  role: z.enum(["colocated", "prefill", "decode"]),
  tp: z.number(),
  dp_attention: z.number(),
  pp: z.number(),
  ep: z.number(),
  instances: int("Instances"),
  chips_per_instance: z.number(),
  chips: int("Chips of the pool"),
  batch: z.number(),
  tokens_per_s_per_chip: z.number(),
  ttft_ms: z.number().nullable(),
  tpot_ms: z.number().nullable(),
  load: num("Share of the pool's capacity the demand uses"),
});

const ServePlanResponse = z.strictObject({
  inputs: z
    .looseObject({ model: z.string(), chip: z.string(), precision: z.string() })
    .describe("The request as planned (defaults filled in) and the precision that reproduces the plan"),
  feasible: z
    .boolean()
    .describe(
      "Whether the plan meets what was asked (a layout meets the limits, the demand is sized and met at load, the requests fit the model's context); `serve plan` exits 3 when not, and the advisories say why",
    ),
  model: str("Model name"),
  chip: str("Catalog chip id"),
  stack: str("Serving engine whose fitted efficiency was used"),
  precision: str("Precision of the GEMMs"),
  weight_precision: str("Precision of the stored weights"),
  expert_weight_bits: nullableNum("Bits of a routed expert's weights when they differ (W4A8), else null"),
  graph_mode: str(
    "How the engine launches a step's kernels, as priced: full, full-and-piecewise, decode-only, piecewise, eager",
  ),
  colocated: ServeInstance.nullable().describe(
    "Best colocated layout (prefill and decode on the same chips)",
  ),
  disaggregated: z
    .strictObject({
      prefill: ServeInstance,
      decode: ServeInstance,
      prefill_chips_per_decode_chip: num("Prefill chips per decode chip for balanced pools"),
      output_tokens_per_s_per_chip: num("Output tokens/s per chip over both pools"),
      kv_transfer_ms: num("KV-cache transfer from prefill to decode per request, ms"),
    })
    .nullable()
    .describe("Best prefill/decode split, when one meets the limits"),
  alternatives: z.array(ServeInstance).describe("Next-best colocated layouts"),
  capacity: z
    .looseObject({
      requests_per_s: num("Mean demand, requests/s"),
      peak_to_mean: num("Peak-to-mean ratio the pools are sized for"),
      peak_requests_per_s: z.number(),
      mode: z.enum(["colocated", "disaggregated"]),
      chips: int("Chips needed"),
      chips_band: z.array(z.number()).describe("Chips needed at the ends of the 80 % interval"),
      pools: z.array(ServePool),
      output_tokens_per_s_per_chip: z.number(),
      usd_per_million_output_tokens: z
        .array(z.number())
        .nullable()
        .describe(
          "Cost range at the chip's cloud prices (null when the catalog has none and none was given)",
        ),
      usd_per_million_tokens: z.array(z.number()).nullable(),
      kwh_per_million_output_tokens: z.number().nullable(),
    })
    .nullable()
    .describe("Chips, cost and energy for the demand (null without a demand)"),
  advisories: Advisories,
});

const ServeSimulateResponse = z.strictObject({
  inputs: z.record(z.string(), z.unknown()).describe("The request as simulated, the defaults filled in"),
  requests: int("Requests simulated"),
  duration_s: num("Simulated seconds, first arrival to last completion"),
  requests_per_s: num("Completed requests per second"),
  output_tokens_per_s: num("Output tokens per second of the replica"),
  output_tokens_per_s_per_chip: num("The same per chip"),
  ttft_ms: LatencyPercentiles,
  tpot_ms: LatencyPercentiles,
  e2e_ms: LatencyPercentiles,
  preemptions: int("Sequences preempted for KV-cache room"),
  steps: int("Engine steps"),
  mean_in_system: num("Mean requests in the system (Little's law: rate x mean sojourn)"),
  arrival_rate_per_s: num(
    "Requests over the run, first arrival to last answer (the λ of L = λW over the whole run, equal to requests_per_s; the L = λW check is of the event loop's bookkeeping, its time-integrated count against the requests' sojourns); offered_rate_per_s is the rate while they arrived",
  ),
  offered_rate_per_s: z.number().nullable().describe("Rate asked for (null for a closed loop or a trace)"),
  backlog_at_last_arrival: int("Requests waiting when the last one arrived"),
  mean_sojourn_s: num("Mean seconds a request spends in the system"),
  advisories: Advisories,
});

const Allocation = z.strictObject({
  pool: z.string(),
  chip: z.string(),
  count: int("Chips of the pool"),
  train: int("Chips training"),
  serve: int("Chips serving"),
  idle: int("Chips doing neither"),
  domestic: bool("Whether the pool counts as domestic under the policy"),
});

const Strategy = z.strictObject({
  id: str("Strategy id"),
  label: str("Short label"),
  description: str("What the strategy does"),
  experimental: bool("Whether it relies on untested combinations (mixed-vendor training)"),
  feasible: bool("Whether it trains and serves at all"),
  allocation: z.array(Allocation),
  training: z
    .looseObject({
      parts: z.array(z.record(z.string(), z.unknown())).describe("Each pool's plan, throughput and MFU"),
      chips: z.number(),
      failure_free_days: z.number().nullable(),
      p50_days: z.number().nullable(),
      p90_days: z.number().nullable(),
      confidence_days: z.number().nullable(),
      p_deadline: z.number().nullable(),
      meets_deadline: z.boolean(),
      failure: z.string().nullable().describe("Why training does not run, when it does not"),
    })
    .describe("Training: days with failures, P(deadline)"),
  serving: z
    .looseObject({
      parts: z
        .array(z.record(z.string(), z.unknown()))
        .describe("Each pool's layout, throughput and latency"),
      chips: z.number(),
      coverage: num("Share of the demand carried"),
      carries_demand: z.boolean(),
      headroom: z.number().nullable(),
      latency_ok: z.boolean(),
    })
    .describe("Serving: capacity against demand, headroom and latency"),
  policy: z.record(z.string(), z.unknown()).describe("Domestic shares and whether the policy holds"),
  cost: z.record(z.string(), z.number().nullable()).describe("USD: training, serving per day, the window"),
  energy: z.record(z.string(), z.number().nullable()).describe("MWh: training, serving per day, the window"),
  idle_chips: int("Chips doing neither"),
  advisories: Advisories,
  nearest_feasible: z.array(z.unknown()).describe("What would make an infeasible row feasible"),
  verdict: str("One-line verdict"),
});

const FleetCompareResponse = z.strictObject({
  scenario: str("Scenario name"),
  recommended: z.string().nullable().describe("Recommended strategy id"),
  answer: str("The answer in one paragraph"),
  ascend_alone: str("What the domestic pools alone would do"),
  strategies: z.array(Strategy),
  sensitivity: z.array(z.record(z.string(), z.unknown())).describe("Break-even factors for the weaker chip"),
  policy_costs: z.array(z.record(z.string(), z.unknown())).describe("What each policy constraint costs"),
  unconstrained: z.record(z.string(), z.unknown()).nullable().describe("The best split without the policy"),
  assumptions: z.array(Assumption),
  advisories: Advisories,
  scenario_used: z.record(z.string(), z.unknown()).describe("The scenario as compared, defaults filled in"),
  charts: z
    .strictObject({
      days: z.array(z.record(z.string(), z.unknown())),
      tornado: z.array(z.record(z.string(), z.unknown())),
      cost: z.array(z.record(z.string(), z.unknown())),
    })
    .describe("Data of the dashboard's charts"),
});

/** What every engine's export ends with: its advice and the Kubernetes manifests. */
const exportTail = {
  advisories: Advisories,
  kubernetes_yaml: z
    .string()
    .nullable()
    .describe("Kubernetes manifests (null when none are written: kubernetes_note says why)"),
  kubernetes_note: z.string().nullable(),
};

const TrainExportResponse = z.strictObject({
  engine: z.enum(["megatron", "mindspeed"]),
  script: str("Training script the command runs"),
  args: z.array(z.string()).describe("The script's arguments"),
  torchrun_args: z.array(z.string()),
  env: z.record(z.string(), z.string()).describe("Environment variables"),
  vendor: z.string(),
  chip_family: z.string(),
  nodes: int("Nodes"),
  chips_per_node: z.number(),
  ranks_per_node: z.number(),
  world_ranks: z.number(),
  command: str("The whole command line"),
  ...exportTail,
});

const ServeExportResponse = z.strictObject({
  engine: z.enum(["vllm", "vllm-ascend"]),
  model_ref: str("Model reference the engine loads"),
  vendor: z.string(),
  chip_family: z.string(),
  devices_per_instance: z.number(),
  devices_per_node: z.number(),
  chips: int("Chips of all roles"),
  port: int("Serving port"),
  env: z.record(z.string(), z.string()),
  roles: z
    .array(
      z.looseObject({
        role: z.string(),
        instances: z.number(),
        command: z.string(),
        args: z.array(z.string()),
      }),
    )
    .describe("Each role's instances (colocated, or prefill and decode), with a command per node"),
  ...exportTail,
});

const ModelSummary = z.looseObject({
  name: z.string(),
  model_type: z.string(),
  kind: z.enum(["dense", "moe"]),
  attention: z.string(),
  params_total: num("Parameters, all"),
  params_active: num("Parameters active per token"),
  architecture: z.record(z.string(), z.unknown()).describe("The architecture fields read from config.json"),
  training_flops_per_token: z.array(z.record(z.string(), z.number())),
  kv_cache_bytes_per_token: z.record(z.string(), z.number()),
  weight_bytes: z.record(z.string(), z.number()).describe("Weight bytes by precision"),
});

const ChipSummary = z.looseObject({
  id: str("Catalog chip id"),
  name: z.string(),
  vendor: z.string(),
  family: z.string(),
  peak_tflops: z
    .record(z.string(), z.number().nullable())
    .describe("Dense peak TFLOP/s by precision (null = none)"),
  hbm_gb: z.number().nullable(),
  hbm_tbps: z.number().nullable(),
  confidence: z.string(),
});

/** The 200 answer of each route, by path. */
export const RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  "/healthz": z.strictObject({ status: z.literal("ok"), version: z.string() }),
  "/openapi.json": z.looseObject({ openapi: z.string() }).describe("This document"),
  "/api/chips": z.strictObject({ chips: z.array(ChipSummary) }),
  "/api/chips/:id": ChipSummary.describe("Every figure of the chip, with sources, caveats and measurements"),
  "/api/models": z.strictObject({
    models: z.array(
      z.strictObject({
        name: z.string(),
        display_name: z.string(),
        aliases: z.array(z.string()),
        source: z.string(),
        model_type: z.string(),
        kind: z.enum(["dense", "moe"]),
        attention: z.string(),
        params_total: z.number(),
        params_active: z.number(),
      }),
    ),
  }),
  "/api/models/:name": z.strictObject({
    name: z.string(),
    display_name: z.string(),
    aliases: z.array(z.string()),
    provenance: z.record(z.string(), z.string()),
    summary: ModelSummary,
    advisories: Advisories,
    config: z.record(z.string(), z.unknown()).describe("The model's config.json"),
  }),
  "/api/models/import": z.strictObject({ model: ModelSummary, advisories: Advisories }),
  "/api/train/plan": TrainPlanResponse,
  "/api/reliability": ReliabilityResponse,
  "/api/reliability/optimize": ReliabilityOptimizeResponse,
  "/api/validate": ValidateResponse,
  "/api/export/:engine": z.union([TrainExportResponse, ServeExportResponse]),
  "/api/serve/plan": ServePlanResponse,
  "/api/serve/simulate": ServeSimulateResponse,
  "/api/fleet/compare": FleetCompareResponse,
};
