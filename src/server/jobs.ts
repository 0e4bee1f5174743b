/**
 * The API's jobs by name: each maps an already validated request body onto a library call and returns plain
 * snake_case JSON data. Both the in-process runner and the worker threads run them from this table, so a job
 * behaves the same wherever it runs.
 */
import { type ExportEngine, exportJob, type ServeExportBody, type TrainExportBody } from "./export-body.ts";
import { type FleetCompareBody, fleetCompareJob } from "./fleet-compare-body.ts";
import { type ModelImportBody, modelImportJob } from "./model-import-body.ts";
import { type ReliabilityBody, reliabilityJob } from "./reliability-body.ts";
import { type ReliabilityOptimizeBody, reliabilityOptimizeJob } from "./reliability-optimize-body.ts";
import { type ServePlanBody, servePlanJob } from "./serve-plan-body.ts";
import { type ServeSimulateBody, serveSimulateJob } from "./serve-simulate-body.ts";
import { type TrainPlanBody, trainPlanJob } from "./train-plan-body.ts";
import { type ValidateBody, validateJob } from "./validate-body.ts";

/** Every job: name → function of its validated input. */
export const JOBS = {
  "train-plan": (body: TrainPlanBody) => trainPlanJob(body),
  reliability: (body: ReliabilityBody) => reliabilityJob(body),
  "reliability-optimize": (body: ReliabilityOptimizeBody) => reliabilityOptimizeJob(body),
  validate: (body: ValidateBody) => validateJob(body),
  "model-import": (body: ModelImportBody) => modelImportJob(body),
  "serve-plan": (body: ServePlanBody) => servePlanJob(body),
  "serve-simulate": (body: ServeSimulateBody) => serveSimulateJob(body),
  "fleet-compare": (body: FleetCompareBody) => fleetCompareJob(body),
  export: (input: { engine: ExportEngine; body: TrainExportBody | ServeExportBody }) =>
    exportJob(input.engine, input.body),
} as const;

export type JobName = keyof typeof JOBS;

/** Runs a job by name on the calling thread. The input must be what the job's route validated. */
export function runJob(name: JobName, input: unknown): unknown {
  const job = JOBS[name] as (input: unknown) => unknown;
  return job(input);
}
