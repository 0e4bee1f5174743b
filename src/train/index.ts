export { trainEfficiencyFromStack } from "./efficiency-from-stack.ts";
export {
  type Advisory,
  evaluatePlan,
  type PlanEvaluation,
  type PlanMetrics,
  planMetrics,
  planViolations,
} from "./evaluate-plan.ts";
export { jobCheckpointGB } from "./job-checkpoint-gb.ts";
export {
  DEFAULT_RESERVE_GIB,
  type JobContext,
  jobContext,
  TRAIN_PRECISIONS,
  type TrainJob,
  type TrainPrecision,
  type TrainSystem,
} from "./job-context.ts";
export { type MemoryBreakdown, memoryPerRank } from "./memory.ts";
export { niceChipCounts } from "./nice-chip-counts.ts";
export {
  type Plan,
  PlanSchema,
  planFromJson,
  planLabel,
  planToJson,
  RECOMPUTE_MODES,
  type Recompute,
  SCHEDULES,
  type Schedule,
  type ZeroStage,
} from "./plan.ts";
export { DEFAULT_LIMITS, forEachPlan, type PlanConstraints, type PlanSpaceLimits } from "./plan-space.ts";
export { planTraining, type TrainPlanRequest, type TrainPlanResult } from "./plan-training.ts";
export { planEvaluationJson, trainPlanJson } from "./plan-training-json.ts";
export {
  noPlanReason,
  noPlanText,
  type SearchOptions,
  type SearchResult,
  searchPlans,
  whyItLoses,
} from "./search-plans.ts";
export { type StepBreakdown, stepTime } from "./step-time.ts";
export { DEFAULT_TRAIN_EFFICIENCY, type TrainEfficiency } from "./train-efficiency.ts";
