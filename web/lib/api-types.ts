/**
 * The shapes of the API answers the dashboard reads (snake_case JSON, src/server). Only the fields used here are
 * listed; every number the library may not know is `number | null`.
 */
import type { Scenario } from "../../src/fleet/scenario-schema.ts";

export interface Advisory {
  code: string;
  message: string;
  hint: string;
}

export interface Assumption {
  name: string;
  value: number | string | null;
  unit?: string;
  source: string;
  kind?: string;
}

export interface PlanJson {
  tp: number;
  pp: number;
  dp: number;
  cp: number;
  ep: number;
  vpp: number;
  micro_batch: number;
  recompute: string;
  zero: number;
  sequence_parallel: boolean;
  schedule: string;
}

export interface InstanceJson {
  tp: number;
  dp_attention: number;
  ep: number;
  /** Pipeline stages (absent in older answers: 1). */
  pp?: number;
  chips_per_instance: number;
  batch: number;
  tokens_per_s_per_chip: number;
  /** Null where the pool has none: a decode pool's TTFT, a prefill pool's TPOT. */
  ttft_ms: number | null;
  tpot_ms: number | null;
  kv_capacity_tokens: number;
  /** Where one engine step's time goes, ms (src/serve/plan-serve.ts `stepMs`); the six parts add up to `total`. */
  step_ms: {
    dense: number;
    experts: number;
    attention: number;
    kernel_launches: number;
    communication: number;
    /** The engine's host work the device waits for (all of it without an overlap scheduler). */
    overhead: number;
    total: number;
    micro_batches: 1 | 2;
  };
}

/** One strategy of `POST /api/fleet/compare` (src/fleet/strategy-result.ts, snake_case). */
export interface StrategyJson {
  id: string;
  label: string;
  description: string;
  experimental: boolean;
  feasible: boolean;
  /**
   * The row's verdict as the CLI prints it (src/fleet/strategy-verdict.ts): "throughput only" when feasible but a
   * serving part misses the p99 limits at load (absent from older answers: read `feasible`).
   */
  verdict?: "yes" | "throughput only" | "no";
  allocation: AllocationJson[];
  training: {
    parts: {
      pool: string;
      chip: string;
      chips: number;
      stack_id: string;
      precision: string;
      plan: PlanJson | null;
    }[];
    chips: number;
    failure_free_days: number | null;
    p50_days: number | null;
    p90_days: number | null;
    p_deadline: number | null;
    meets_deadline: boolean;
    failure: string | null;
  } | null;
  serving: {
    parts: {
      pool: string;
      chip: string;
      chips: number;
      mode: string | null;
      /** The weights' precision the part was priced at (Ascend serves FP8 as INT8; absent from older answers). */
      precision?: string;
      instance: InstanceJson | null;
      /** A split part's prefill layout and each role's instances (absent from older answers). */
      prefill_instance?: InstanceJson | null;
      instances?: { colocated?: number; prefill?: number; decode?: number } | null;
      at_load: {
        met: boolean;
        ttft_p99_ms: number | null;
        tpot_p99_ms: number | null;
        chips_at_load: number | null;
      } | null;
    }[];
    chips: number;
    capacity_output_tokens_per_s: number | null;
    demand_output_tokens_per_s: number | null;
    coverage: number | null;
    /** What every chip of the serving pools not training would carry over the demand, at the band's ends, and its odds (absent from older answers). */
    headroom?: number | null;
    headroom_band?: [number, number] | null;
    headroom_odds?: { share: number; bound: "at-least" | "at-most" | null } | null;
    carries_demand: boolean;
    latency_ok: boolean;
  };
  policy: { satisfied: boolean; violations: string[] };
  cost: { training_usd: number | null; serving_usd_per_day: number | null; window_usd: number | null };
  /** Energy of the training run and of serving over the window, MWh (absent from older answers). */
  energy?: {
    training_mwh: number | null;
    serving_mwh_per_day: number | null;
    window_mwh: number | null;
  };
  /** Chips neither training nor serving (absent from older answers: the allocation's idle chips). */
  idle_chips?: number;
  advisories: Advisory[];
  nearest_feasible: string[];
}

/** One pool's chips split between training, serving and idle. */
export interface AllocationJson {
  pool: string;
  chip: string;
  count: number;
  train: number;
  serve: number;
  idle: number;
  /** A domestic (Chinese) chip, as the policy counts it (absent from older answers). */
  domestic?: boolean;
}

/**
 * What one policy or supply constraint costs (compare's `policy_costs`): the best split under it, and its
 * differences from the unconstrained best (positive days: later; negative P(deadline): less likely).
 */
export interface PolicyCostJson {
  /** "region", "min_domestic_share_of_chips", "min_domestic_share_of_work" or "all". */
  constraint: string;
  description: string;
  p50_days: number | null;
  p_deadline: number | null;
  window_usd: number | null;
  delta_p50_days: number | null;
  delta_p_deadline: number | null;
  delta_window_usd: number | null;
  feasible: boolean;
  allocation: AllocationJson[];
}

/** The best split with no region rule and no domestic minimum, which `policy_costs` are measured against. */
export interface UnconstrainedJson {
  p50_days: number | null;
  p_deadline: number | null;
  window_usd: number | null;
  allocation: AllocationJson[];
}

export interface SensitivityJson {
  pool: string;
  chips: number;
  factor: string;
  break_even_multiplier: number | null;
  status: string;
  p50_days_at_break_even: number | null;
  baseline_p50_days: number | null;
}

/** `POST /api/fleet/compare` (src/fleet comparisonJson plus the scenario used and the chart rows). */
export interface ComparisonJson {
  scenario: string;
  recommended: string | null;
  /** The answer and "Can Ascend do it all?", as the CLI prints them (src/fleet comparisonAnswer). */
  answer: string;
  ascend_alone: string | null;
  strategies: StrategyJson[];
  sensitivity: SensitivityJson[];
  /** What each constraint costs against `unconstrained` (absent from older answers). */
  policy_costs?: PolicyCostJson[];
  unconstrained?: UnconstrainedJson;
  assumptions: Assumption[];
  advisories: Advisory[];
  scenario_used?: Scenario;
  charts?: {
    days: {
      label: string;
      p50_days: number | null;
      p90_days: number | null;
      deadline_days: number;
      feasible: boolean;
    }[];
    tornado: { factor: string; low: number | null; high: number | null; baseline: number | null }[];
    cost: {
      label: string;
      training_usd: number | null;
      serving_usd: number | null;
      window_usd: number | null;
    }[];
  };
}

/** One plan of `POST /api/train/plan` (src/train/plan-training-json.ts). */
export interface PlanEvaluationJson {
  plan: PlanJson;
  label: string;
  fits: boolean;
  metrics: {
    step_time_s: number;
    tokens_per_s_per_chip: number;
    mfu: number;
    chip_hours_per_trillion_tokens: number;
  } | null;
  step_breakdown_s: Record<string, number> | null;
  memory_gib: Record<string, number> | null;
  advisories: Advisory[];
}

export interface TrainPlanJson {
  model: string;
  chip: string;
  count: number;
  stack: string;
  plans: PlanEvaluationJson[];
  budget: {
    days: number;
    days_interval: number[] | null;
    with_failures: {
      wall_days_p50: number;
      wall_days_p90: number;
      goodput_mean: number;
      /** With a deadline asked (absent from older answers). */
      p_finish_by_deadline?: number | null;
    } | null;
  } | null;
  advisories: Advisory[];
}

export interface DistributionJson {
  mean: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** `POST /api/reliability` (src/reliability simulateReliability, snake_case). */
export interface ReliabilityJson {
  wall_days: DistributionJson;
  goodput: DistributionJson;
  p_finish_by_deadline: number | null;
  finish_curve: { deadline_days: number; p_finish: number }[];
  timeline: { start_h: number; end_h: number; state: string }[];
  timeline_truncated?: boolean;
  resolved: { failure_free_days: number; checkpoint_interval_min: number };
  closed_form: { job_mtbf_h: number | null; young_min: number | null; daly_min: number | null };
  assumptions: Assumption[];
  advisories: Advisory[];
}

/** `POST /api/serve/plan` (src/serve planServe, snake_case). */
export interface ServePlanJson {
  stack: string;
  /** The GEMM precision served (INT8 on Ascend when FP8 was asked; absent from older answers). */
  precision?: string;
  /** How the weights are stored when it differs from the GEMM precision (absent from older answers). */
  weight_precision?: string;
  colocated: InstanceJson | null;
  disaggregated: {
    prefill: InstanceJson;
    decode: InstanceJson;
    prefill_chips_per_decode_chip: number;
    output_tokens_per_s_per_chip: number;
  } | null;
  alternatives: InstanceJson[];
  capacity: {
    /** The demand's mean rate. */
    requests_per_s: number;
    /** Peak over mean, and the rate the pools are sized for (absent from answers of older servers). */
    peak_to_mean?: number;
    peak_requests_per_s?: number;
    mode: string;
    chips: number;
    /** The chips if each chip's throughput missed as held-out deployments did (80 %), not in whole instances. */
    chips_band?: [number, number] | null;
    /** Whole instances sized for the demand (absent from answers of older servers). */
    pools?: CapacityPoolJson[];
    /** One replica simulated at its share of the demand (split pools: a prefill and a decode replica apart). */
    at_load?: {
      requests: number;
      /** Seeded samples simulated, each latency the worse of them (absent from answers of older servers). */
      seeds?: number[];
      rate_per_s: number;
      /** The engine's batch cap simulated (the layout's batch). */
      max_batch?: number | null;
      ttft_ms: LatencyStatsJson;
      tpot_ms: LatencyStatsJson;
      split?: { decode_rate_per_s: number; decode_wait_ms: LatencyStatsJson } | null;
    } | null;
    output_tokens_per_s_per_chip: number;
    usd_per_million_output_tokens: [number, number] | null;
    usd_per_million_tokens?: [number, number] | null;
  } | null;
  advisories: Advisory[];
}

/** One pool of identical instances sized for a serving demand (`serve plan` capacity). */
export interface CapacityPoolJson {
  role: "colocated" | "prefill" | "decode";
  tp: number;
  dp_attention: number;
  ep: number;
  pp?: number;
  instances: number;
  chips_per_instance: number;
  chips: number;
  /** Sequences per attention replica the pool was sized at (absent from answers of older servers). */
  batch?: number;
  tokens_per_s_per_chip: number;
  /** Null where the pool has none: a decode pool's TTFT, a prefill pool's TPOT. */
  ttft_ms: number | null;
  tpot_ms: number | null;
  load: number;
}

/** Mean and percentiles of one latency of a serving simulation, ms (null when not finite). */
export interface LatencyStatsJson {
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** `POST /api/serve/simulate` (src/server/serve-simulate-body.ts: src/serve simulateServing, snake_case). */
export interface ServeSimulateJson {
  inputs: {
    model: string;
    chip: string;
    stack: string;
    tp: number;
    /** Attention replicas and pipeline stages of the replica (absent in older answers: 1). */
    dp_attention?: number;
    pp?: number;
    ep: number;
    precision: string;
    arrival: string;
    requests: number;
    seed: number;
    burstiness?: number;
    length_spread?: number;
    length_distribution?: "uniform" | "exponential";
    max_input_tokens?: number;
    max_total_tokens?: number;
  };
  advisories: Advisory[];
  requests: number;
  duration_s: number | null;
  requests_per_s: number | null;
  output_tokens_per_s: number | null;
  output_tokens_per_s_per_chip: number | null;
  ttft_ms: LatencyStatsJson;
  tpot_ms: LatencyStatsJson;
  e2e_ms: LatencyStatsJson;
  preemptions: number;
  steps: number;
  mean_in_system: number | null;
  arrival_rate_per_s: number | null;
  mean_sojourn_s: number | null;
  /** Requests per second while they arrived (null for a burst, all at once). */
  offered_rate_per_s: number | null;
  backlog_at_last_arrival: number;
}

/** `POST /api/validate` (src/validate, the `fleetcast validate --json` contract). */
export interface ValidationJson {
  cases: {
    id: string;
    kind: string;
    status: string;
    error?: string;
    family?: string;
    metrics: {
      metric: string;
      observed: number;
      predicted: number;
      rel_error: number;
      interval?: [number, number];
    }[];
  }[];
  summary: {
    cases: number;
    ok: number;
    by_family: Record<
      string,
      { cases: number; median_abs_error: number | null; within_25pct: number | null }
    >;
  };
}
