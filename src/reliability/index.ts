/**
 * Reliability: will the training run finish? Failure model per chip family, seeded discrete-event Monte
 * Carlo of failures, checkpoints, restarts and spares, and the closed forms (Young, Daly, Meta's ETTR).
 * @module
 */
export { type Advisory, type Assumption, failureRateCounts, isFailureRate } from "./assumption.ts";
export {
  CHECKPOINT_MODES,
  type CheckpointCost,
  type CheckpointMode,
  checkpointCost,
  checkpointStateGB,
  DEFAULT_STORAGE_WRITE_GBPS,
  SYNC_SAVE_FACTOR,
  SYNC_SAVE_RANGE,
} from "./checkpoint-cost.ts";
export { type CheckpointJob, checkpointJob } from "./checkpoint-job.ts";
export { chipFamilyOf } from "./chip-family-of.ts";
export { dalyIntervalH } from "./daly-interval.ts";
export { type DalyWallTimeInput, dalyWallTimeH } from "./daly-wall-time.ts";
export { type Distribution, distribution } from "./distribution.ts";
export { expectedEvents } from "./expected-events.ts";
export {
  CHIP_FAMILIES,
  type ChipFamily,
  CLUSTER_KINDS,
  type ClusterKind,
  type FailureComponent,
  type FailureRateSet,
  type FailureScope,
  failureRateSet,
  RATE_SCENARIOS,
  type RateScenario,
} from "./failure-rate-set.ts";
export { type MetaEttrInput, metaEttr } from "./meta-ettr.ts";
export {
  type CheckpointOptimum,
  type OptimizeCheckpointInput,
  type OptimizeCheckpointOptions,
  optimizeCheckpointInputSchema,
  optimizeCheckpointInterval,
} from "./optimize-checkpoint-interval.ts";
export {
  type CaseMetricPrediction,
  type CasePrediction,
  type PredictCaseOptions,
  predictReliabilityCase,
  type ReliabilityCaseLike,
} from "./predict-reliability-case.ts";
export {
  DEFAULT_REPLICAS,
  failureComponentSchema,
  MAX_REPLICAS,
  MAX_TRAIN_DAYS,
  parseReliabilityInput,
  type ReliabilityInput,
  type ReliabilityInputRaw,
  reliabilityInputSchema,
  type SimulationOptionsRaw,
  simulationOptionsSchema,
} from "./reliability-input.ts";
export {
  type ReliabilityPlan,
  type ResolvedCause,
  resolveReliabilityPlan,
} from "./resolve-reliability-plan.ts";
export {
  LOST_CATEGORIES,
  type LostCategory,
  type TimelineSegment,
  type TimelineState,
} from "./run-monte-carlo.ts";
export {
  type CauseDistribution,
  type ClosedForms,
  closedFormsFor,
  type ReliabilityResult,
  simulateReliability,
} from "./simulate-reliability.ts";
export { PUBLISHED_SITE_RATES, publishedSiteRateLogSigma, type SiteRate } from "./site-rate-spread.ts";
export { sparePoolSize } from "./spare-pool-size.ts";
export { youngIntervalH } from "./young-interval.ts";
