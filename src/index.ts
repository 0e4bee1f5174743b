/**
 * fleetcast as a library: the functions the CLI, the HTTP API and the dashboard call, each a pure function of its
 * validated input (plus a seed where it simulates) returning plain data. Importing this module runs nothing.
 *
 * The door to each area is its own `index.ts` (src/train, src/serve, ...); this module gathers what a program needs
 * to ask fleetcast's questions, so its names are the library's contract. `examples/library.ts` (shown in the
 * README) uses them end to end.
 * @module
 */

// Catalogs: chips (sourced specs), models (Hugging Face config.json), software stacks.
export { importModel, type ModelArch, paramCounts, summarizeModel } from "./arch/index.ts";
// Calibration: the built-in fitted profiles, and fitting your own on published cases.
export { builtinProfile, fitTrainProfile, type Profile, type TrainProfile } from "./calibrate/index.ts";
export { parseCases, readCaseFiles } from "./cases/index.ts";
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
  vllmAscendServeLaunch,
  vllmServeLaunch,
} from "./export/index.ts";
// The fleet: strategies side by side for a mixed fleet, and what the weaker chip would need.
export {
  type Comparison,
  compareStrategies,
  comparisonAnswer,
  comparisonJson,
  comparisonMarkdown,
  defaultScenario,
  parseScenario,
  type Scenario,
} from "./fleet/index.ts";
// Reliability: failures, checkpoints, restarts and spares by seeded Monte Carlo; closed forms beside it.
export {
  closedFormsFor,
  failureRateSet,
  optimizeCheckpointInterval,
  type ReliabilityInputRaw,
  type ReliabilityResult,
  resolveReliabilityPlan,
  simulateReliability,
} from "./reliability/index.ts";
// Serving: the best instance layout under latency limits, the chips a demand needs, a discrete-event simulator.
export {
  builtinServeProfile,
  fitServeProfile,
  planServe,
  type ServePlan,
  type ServePlanInput,
  type ServeProfile,
  type SimulateResult,
  type SimulateWorkload,
  simulateServing,
} from "./serve/index.ts";
// Training: every parallel plan of a model on a fleet, ranked, with days and failure-aware days.
export {
  type PlanEvaluation,
  planTraining,
  type TrainPlanRequest,
  type TrainPlanResult,
  trainPlanJson,
} from "./train/index.ts";
export { type ValidationReport, validateCases } from "./validate/index.ts";
