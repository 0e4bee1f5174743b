/**
 * @module Launch configurations for the real engines: Megatron-LM and MindSpeed-LLM training command lines (with
 * their torchrun launch), vLLM and vLLM-Ascend serving command lines (one per node when an instance spans nodes),
 * and Kubernetes manifests (a Volcano gang-scheduled Job for training, Deployments and Services for serving, headed by
 * the launch's advisories as comments). Pure functions returning strings and plain objects; every emitted flag is in
 * data/known-flags.json with the source it was read from. A plan whose schedule the engine lacks (DualPipe on
 * Megatron-LM) is re-costed on the schedule the engine runs (withScheduleCost).
 */

// kubernetes
export { acceleratorResourceName } from "./accelerator-resource.ts";
// shared
export { advisoryComments } from "./advisory-comments.ts";
export { planAsLaunched, TRAIN_ENGINE_NAMES } from "./engine-schedule.ts";
export type { ExportAdvisory } from "./export-advisory.ts";
export type { K8sManifest, K8sOptions } from "./k8s-manifests.ts";
export { k8sManifests, k8sServeManifests, k8sTrainManifests, manifestsToYaml } from "./k8s-manifests.ts";
export type { EngineFlags, FlagEngine } from "./known-flags.ts";
export { flagNamesOf, knownFlagsOf, unknownFlags } from "./known-flags.ts";
// training
export { MEGATRON_SCRIPT, megatronArgs, megatronLaunch } from "./megatron-args.ts";
export { MINDSPEED_SCRIPT, mindspeedArgs, mindspeedLaunch } from "./mindspeed-args.ts";
export type { PipelineLayout } from "./pipeline-layout.ts";
export { pipelineLayout } from "./pipeline-layout.ts";
export { SCHEDULE_NOT_SUPPORTED, scheduleAdvisory, withScheduleCost } from "./schedule-advisory.ts";
export type { CostedPlan, LaunchScheduleCost, TrainCostBasis } from "./schedule-cost.ts";
export { launchScheduleCost } from "./schedule-cost.ts";
// serving
export type {
  ResolvedServeInstance,
  ServeInstanceConfig,
  ServeInstanceShape,
  ServePrecision,
} from "./serve-instance-config.ts";
export { resolveServeInstance } from "./serve-instance-config.ts";
export type {
  ServeExportOptions,
  ServeLaunch,
  ServeLauncher,
  ServeNodeLaunch,
  ServeRole,
  ServeRoleLaunch,
} from "./serve-launch.ts";
export type { ServeNodeLayout, ServeNodeSlot } from "./serve-node-layout.ts";
export { serveNodeLayout } from "./serve-node-layout.ts";
export { shellCommand, shellQuote } from "./shell-command.ts";
export { torchrunArgs } from "./torchrun-args.ts";
export type { TrainLaunch } from "./train-launch.ts";
export type { TrainLaunchJob, TrainLayout } from "./train-launch-job.ts";
export { resolveTrainLayout } from "./train-launch-job.ts";
export { vllmAscendServeArgs, vllmAscendServeLaunch } from "./vllm-ascend-serve-args.ts";
export { vllmServeArgs, vllmServeLaunch } from "./vllm-serve-args.ts";
