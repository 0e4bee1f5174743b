import type { PlannedInstance, ServePrecision } from "../serve/index.ts";
import type { Plan } from "../train/index.ts";
import type { FleetAdvisory } from "./fleet-advisory.ts";

export type StrategyId =
  | "all-nvidia"
  | "all-ascend"
  | "train-nvidia-serve-ascend"
  | "best-split"
  | "cross-vendor-training";

/** How many chips of one pool go to each job. */
export interface PoolAllocation {
  pool: string;
  chip: string;
  count: number;
  train: number;
  serve: number;
  idle: number;
  domestic: boolean;
}

/** One pool's part of the training job (one part, or one pipeline segment per vendor when cross-vendor). */
export interface TrainingPart {
  pool: string;
  chip: string;
  chips: number;
  stackId: string;
  precision: string;
  /** The best plan of this part (the layout the launch-config exporters take). */
  plan: Plan | null;
  tokensPerSPerChip: number;
  mfu: number | null;
  /** Share of the model's layers on this part (1 unless cross-vendor). */
  layerShare: number;
}

export interface TrainingOutcome {
  parts: TrainingPart[];
  chips: number;
  /** Failure-free days for the token budget. */
  failureFreeDays: number;
  /** Wall days including failures, checkpoints and restarts (seeded Monte Carlo). */
  p50Days: number;
  p90Days: number;
  /** Days the scenario's deadline_confidence of the runs finish within: the deadline this training meets. */
  confidenceDays: number;
  pDeadline: number;
  meetsDeadline: boolean;
  /** Why training cannot run at all (no plan fits), or null. */
  failure: string | null;
}

/** Whole instances of a serving part: colocated replicas, or prefill and decode instances (whole-instance-take.ts). */
export type PartInstances = { colocated: number } | { prefill: number; decode: number };

/**
 * A serving part checked at its share of the peak as `serve plan` checks a pool: one replica per role simulated (p99,
 * ms; TTFT on the prefill side when split, null when not simulated), and whether the limits held with the chips the
 * pool has.
 */
export interface PartAtLoad {
  met: boolean;
  ttftP99Ms: number | null;
  tpotP99Ms: number | null;
  /** When missed: the chips `serve plan` sizes for the part's share in its mode (null: none meets the limits). */
  chipsAtLoad: number | null;
}

export interface ServingPart {
  pool: string;
  chip: string;
  chips: number;
  mode: "colocated" | "disaggregated" | null;
  /**
   * The weights' precision the part was priced at, what its launch runs: the scenario's, or what the chip serves in
   * its place (INT8 W8A8 on Ascend for FP8; the plan's `weightPrecision`).
   */
  precision: ServePrecision;
  outputTokensPerSPerChip: number;
  ttftMs: number | null;
  tpotMs: number | null;
  /** Decode (or colocated) instance layout, for the exporters. */
  instance: PlannedInstance | null;
  /** Prefill instance layout when disaggregated. */
  prefillInstance: PlannedInstance | null;
  /** Whole instances the part's chips make. */
  instances: PartInstances;
  /** The part checked at its share of the peak; null when the row was not checked. */
  atLoad: PartAtLoad | null;
}

export interface ServingOutcome {
  parts: ServingPart[];
  chips: number;
  capacityOutputTokensPerS: number;
  /** Peak output tokens/s to carry (mean x peak_to_mean). */
  demandOutputTokensPerS: number;
  /** Capacity over demand (>= 1 carries it). */
  coverage: number;
  carriesDemand: boolean;
  /**
   * What every chip of the strategy's serving pools not training would carry in whole instances, over the demand
   * (>= coverage; the parts above are trimmed to the demand, so coverage near 1 says nothing of the margin).
   * Infinite when there is no demand.
   */
  headroom: number;
  /**
   * The headroom if each chip's throughput lands at an end of the serving predictions' 80 % out-of-sample band
   * (held-out deployments ran from exp(logLo) to exp(logHi) of the prediction: src/calibrate/out-of-sample-band.ts).
   * Null without a band or a demand.
   */
  headroomBand: [number, number] | null;
  /**
   * The share of held-out serving runs (each publication weighted once) whose throughput reached 1 / headroom of its
   * prediction (the odds the free chips carry the peak, as far as published runs say), with the side clamped beyond
   * their 5-95 % quantiles; null for a row that does not serve, or without a demand, a headroom or the quantiles.
   */
  headroomOdds: { share: number; bound: "at-least" | "at-most" | null } | null;
  /** Every serving part meets the TTFT and TPOT limits. */
  latencyOk: boolean;
}

export interface PolicyOutcome {
  domesticShareOfChips: number;
  domesticShareOfWork: number;
  satisfied: boolean;
  violations: string[];
}

export interface StrategyResult {
  id: StrategyId;
  label: string;
  description: string;
  experimental: boolean;
  /** Training meets the deadline (at the scenario's confidence), serving carries the peak, the policy holds. */
  feasible: boolean;
  allocation: PoolAllocation[];
  training: TrainingOutcome | null;
  serving: ServingOutcome;
  policy: PolicyOutcome;
  cost: {
    /** Training chips x P50 wall hours x price. */
    trainingUsd: number | null;
    servingUsdPerDay: number | null;
    /** Training plus serving over the deadline window. */
    windowUsd: number | null;
    usdPerMillionOutputTokens: number | null;
  };
  energy: { trainingMWh: number | null; servingMWhPerDay: number | null; windowMWh: number | null };
  idleChips: number;
  advisories: FleetAdvisory[];
  /** For an infeasible strategy: the nearest feasible points, one sentence each. */
  nearestFeasible: string[];
}
