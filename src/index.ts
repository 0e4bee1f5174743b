/**
 * fleetcast as a library: the functions the CLI, the HTTP API and the dashboard call, each a pure function of its
 * validated input (plus a seed where it simulates) returning plain data. Importing this module runs nothing.
 *
 * The door to each area is its own `index.ts` (src/train, src/serve, ...); this module gathers what a program needs
 * to ask fleetcast's questions, so its names are the library's contract. `examples/library.ts` (shown in the
 * README) uses them end to end. Blocks are in module order (Biome sorts them). Installed, `fleetcast` resolves to
 * lib/index.js and lib/index.d.ts, compiled from this file by bin/build-lib.js.
 * @module
 */

// Models: parameters, FLOPs and KV bytes from a Hugging Face config.json.
export { importModel, type ModelArch, paramCounts, summarizeModel } from "./arch/index.ts";
// Calibration: the built-in fitted training profile, fitting your own on published cases, the step-time interval.
export {
  builtinProfile,
  fitTrainProfile,
  intervalFactorLogSigma,
  type Profile,
  type TrainDaysSpread,
  type TrainProfile,
  trainDaysLogSigma,
  trainDaysSpread,
} from "./calibrate/index.ts";
// Published cases (data/cases/FORMAT.md), read and parsed.
export { type Case, parseCases, readCaseFiles, type TrainCase } from "./cases/index.ts";
// Catalogs: chips with sourced specs, built-in models, software stacks.
export {
  builtinChips,
  type Chip,
  type ChipCatalog,
  defaultChipsPerNode,
  makeChipCatalog,
  parseChipFile,
} from "./catalog/chips/index.ts";
export { builtinModels, parseConfigText, resolveModel } from "./catalog/models/index.ts";
export { builtinStacks, defaultStackFor, findStack } from "./catalog/stacks/index.ts";
// Errors: every refusal of bad input is a FleetcastError naming the field ("Cannot X: state").
export { FleetcastError, isFleetcastError } from "./errors.ts";
// Launch files for the engines: Megatron-LM, MindSpeed, vLLM, vLLM-Ascend, Kubernetes.
export {
  k8sServeManifests,
  k8sTrainManifests,
  manifestsToYaml,
  megatronLaunch,
  mindspeedLaunch,
  type TrainLaunchJob,
  vllmAscendServeLaunch,
  vllmServeLaunch,
} from "./export/index.ts";
// The fleet: strategies side by side for a mixed fleet, and what the weaker chip would need.
export {
  type CompareOptions,
  type Comparison,
  compareStrategies,
  comparisonAnswer,
  comparisonJson,
  comparisonMarkdown,
  defaultScenario,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  strategyVerdict,
  validateScenario,
} from "./fleet/index.ts";
// Reliability: failures, checkpoints, restarts and spares by seeded Monte Carlo; closed forms beside it.
export {
  type Advisory,
  type Assumption,
  type ChipFamily,
  CLUSTER_KINDS,
  type ClusterKind,
  closedFormsFor,
  type FailureRateSet,
  failureRateSet,
  optimizeCheckpointInterval,
  type RateScenario,
  type ReliabilityInputRaw,
  type ReliabilityResult,
  resolveReliabilityPlan,
  simulateReliability,
} from "./reliability/index.ts";
// Serving: the best instance layout under latency limits, the chips a demand needs, and a discrete-event simulator
// (planServeWithLayouts gives each chosen layout's setup, which simulateServing runs; serveSetup builds one by hand).
export {
  builtinServeProfile,
  defaultServePrecision,
  fitServeProfile,
  type InstanceCandidate,
  type PlanLayouts,
  planServe,
  planServeWithLayouts,
  profileEfficiency,
  type ServePlan,
  type ServePlanInput,
  type ServeProfile,
  type ServeSetup,
  type SimulateOptions,
  type SimulateResult,
  type SimulateWorkload,
  serveSetup,
  simulateServing,
} from "./serve/index.ts";
// Training: every parallel plan of a model on a fleet, ranked, with days and failure-aware days.
export {
  type Plan,
  type PlanConstraints,
  type PlanEvaluation,
  planTraining,
  type TrainPlanRequest,
  type TrainPlanResult,
  type TrainPrecision,
  trainPlanJson,
} from "./train/index.ts";
// Validation: predictions against published cases (the serving predictor, to predict serving cases too).
export {
  servePredictorOrUndefined,
  type ValidateOptions,
  type ValidationReport,
  validateCases,
} from "./validate/index.ts";
