/**
 * @module The HTTP API: a Hono app over the libraries (catalogs, training plans, reliability, serving plans and
 * simulation, fleet comparison, validation, export), snake_case JSON in and out, RFC 9457 problems for errors,
 * heavy jobs on a pool of worker threads with time and work limits, and a Node server that binds to loopback and
 * can serve the built dashboard. Exports are listed by file.
 */

export { snakeCaseKeys } from "../util/snake-case-keys.ts";
export * as apiLimits from "./api-limits.ts";
export { API_ROUTES, type ApiRoute, type JobRoute, type ReadRoute } from "./api-routes.ts";
export { type AppOptions, createApp } from "./create-app.ts";
export {
  EXPORT_ENGINES,
  type ExportEngine,
  ServeExportBodySchema,
  TrainExportBodySchema,
} from "./export-body.ts";
export { FleetCompareBodySchema } from "./fleet-compare-body.ts";
export { inlineRunner, isJobLimitError, type JobLimit, JobLimitError, type JobRunner } from "./job-runner.ts";
export { JOBS, type JobName, runJob } from "./jobs.ts";
export { ModelImportBodySchema } from "./model-import-body.ts";
export { ModelRefSchema } from "./model-ref.ts";
export { openApiDocument } from "./openapi.ts";
export { PROBLEM_KINDS, type Problem, type ProblemError, type ProblemKind, problem } from "./problem.ts";
export { ReliabilityBodySchema } from "./reliability-body.ts";
export { ReliabilityOptimizeBodySchema } from "./reliability-optimize-body.ts";
export { ServePlanBodySchema } from "./serve-plan-body.ts";
export { ServeSimulateBodySchema } from "./serve-simulate-body.ts";
export { type RunningServer, type StartServerOptions, startServer } from "./start-server.ts";
export { TrainPlanBodySchema } from "./train-plan-body.ts";
export { ValidateBodySchema } from "./validate-body.ts";
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from "./worker-pool.ts";
