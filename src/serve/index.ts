/**
 * @module Serving: a per-step roofline model of prefill and decode (MoE, MLA, TP, attention DP, EP,
 * speculative decoding, INT8 on Ascend), instance memory, layout search under TTFT/TPOT limits, capacity with
 * cost and energy, a seeded discrete-event simulator, and the calibration of engine efficiency on
 * data/cases/serve.json.
 */

export { layoutLabel } from "./_format.ts";
// simulator
export { parseTraceCsv, type TraceRow } from "./arrivals.ts";
// calibration and validation
export { type CaseWorkload, caseWorkload } from "./case-workload.ts";
export {
  DEFAULT_COLOCATED_CHUNK_TOKENS,
  DEPLOYED_MAX_BATCH,
  type EngineBatchLimit,
  engineBatchLimit,
} from "./engine-batch-limit.ts";
export {
  type EngineMemoryBudget,
  engineMemoryBudget,
  kvPoolBytes,
  weightsMayFill,
} from "./engine-memory.ts";
export { checkpointAdvisory, expertBitsAdvisory } from "./expert-weight-bits.ts";
export { type FitServeOptions, fitServeProfile } from "./fit-serve-profile.ts";
export { GRAPH_MODES, type GraphMode, graphModeAdvisory, graphModeOf } from "./graph-mode.ts";
export { instanceFitAdvisory } from "./instance-fit-advisory.ts";
export { engineKvPrecision, type KvPrecision, kvPrecisionFromText } from "./kv-precision.ts";
// model
export { layeredServeProfile, mergeServeProfiles } from "./layered-serve-profile.ts";
export { type InstanceMemory, instanceMemory, maxBatch } from "./memory.ts";
export {
  MLPERF_LIMITS,
  MLPERF_MEAN_INPUT_TOKENS,
  MLPERF_MEAN_OUTPUT_TOKENS,
  type MlperfBenchmark,
  type MlperfLimits,
  mlperfBenchmarkOf,
} from "./mlperf-benchmark.ts";
export { MOE_DEFAULT_INSTANCE_CHIPS } from "./moe-default-instance-chips.ts";
export {
  type ColocatedPerformance,
  colocatedPerformance,
  DEFAULT_PREFILL_CHUNK_TOKENS,
  type DecodePerformance,
  decodePerformance,
  type PrefillPerformance,
  prefillPerformance,
} from "./performance.ts";
// search and capacity
export {
  type PlanLayouts,
  type PlannedInstance,
  plannedInstanceOf,
  planServe,
  planServeWithLayouts,
  SERVE_PLAN_LIMITS,
  type ServePlan,
  type ServePlanInput,
  ServePlanInputSchema,
  servePlanFeasible,
  whyNoLayout,
} from "./plan-serve.ts";
export {
  type PredictServeOptions,
  predictServeCase,
  type ServeCasePrediction,
  type ServeMetricPrediction,
} from "./predict-serve-case.ts";
export {
  DEFAULT_MAX_BATCH,
  type InstanceCandidate,
  type InstanceSearch,
  type ServePhase,
  searchInstances,
} from "./search-instances.ts";
export type { ServeAdvisory } from "./serve-advisory.ts";
export { FITTED_FIELDS, type ServeEfficiency, serveEfficiencyPrior } from "./serve-efficiency.ts";
export { instanceView, servePlanJson, servePlanView } from "./serve-plan-view.ts";
export {
  builtinServeProfile,
  calibrationAdvisory,
  moeCalibrationAdvisory,
  profileEfficiency,
  type ServeErrorSummary,
  type ServeProfile,
  ServeProfileSchema,
} from "./serve-profile.ts";
export {
  defaultServePrecision,
  type InstanceConfig,
  resolvePrecision,
  type ServePrecision,
  type ServeSetup,
  type ServeSetupInput,
  serveSetup,
} from "./serve-setup.ts";
export {
  type LatencyStats,
  MAX_TRACE_SPAN_S,
  type SimulateOptions,
  type SimulateResult,
  type SimulateWorkload,
  SimulateWorkloadSchema,
  simulateServing,
  workloadLengths,
} from "./simulate-serving.ts";
export { type SimulationAdvisoryInput, simulationAdvisories } from "./simulation-advisories.ts";
export {
  MAX_PLANNED_LOAD,
  missText,
  modeChoices,
  replicaAtLoad,
  type SizedPool,
  sizePool,
} from "./size-pool.ts";
export { type StepBreakdown, type StepLoad, stepBreakdown, stepTimeS } from "./step-time.ts";
export { wholePackages } from "./whole-packages.ts";
