import * as z from "zod";
import {
  EXPORT_ENGINES,
  type ExportEngine,
  exportBodySchema,
  ServeExportBodySchema,
  TrainExportBodySchema,
} from "./export-body.ts";
import { FleetCompareBodySchema } from "./fleet-compare-body.ts";
import type { JobName } from "./jobs.ts";
import { ModelImportBodySchema } from "./model-import-body.ts";
import { ReliabilityBodySchema } from "./reliability-body.ts";
import { ReliabilityOptimizeBodySchema } from "./reliability-optimize-body.ts";
import { ServePlanBodySchema } from "./serve-plan-body.ts";
import { ServeSimulateBodySchema } from "./serve-simulate-body.ts";
import { TrainPlanBodySchema } from "./train-plan-body.ts";
import { ValidateBodySchema } from "./validate-body.ts";

/** A path parameter, as OpenAPI documents it. */
export interface RouteParam {
  name: string;
  description: string;
  values?: readonly string[];
  /** Said after "must be one of ..." when the value is none of them (where else to look). */
  otherwise?: string;
}

/** A read-only route (catalogs, health, the OpenAPI document): answered on the event loop. */
export interface ReadRoute {
  method: "GET";
  /** Hono path (`/api/chips/:id`). */
  path: string;
  summary: string;
  params?: readonly RouteParam[];
}

/** A route that validates a JSON body and runs a job. */
export interface JobRoute {
  method: "POST";
  path: string;
  summary: string;
  /** What the request asks, for error lines: "Cannot <action>: ...". */
  action: string;
  /** The request body as documented (OpenAPI). */
  schema: z.ZodType;
  /**
   * Body fields of the library's error paths where the names differ beyond camelCase -> snake_case (the library
   * says `engine` and `config.tp`, the serving bodies `stack` and `tp`: QA 26).
   */
  errorPaths?: Readonly<Record<string, string>>;
  /** The schema that validates one request, when it depends on a path parameter (default `schema`). */
  schemaFor?: (params: Record<string, string>) => z.ZodType;
  job: JobName;
  /** Heavy jobs (search, Monte Carlo, validation) run on the worker pool; light ones on the event loop. */
  heavy: boolean;
  /** The job's input from the validated body and the path parameters (default: the body). */
  input?: (body: unknown, params: Record<string, string>) => unknown;
  params?: readonly RouteParam[];
}

export type ApiRoute = ReadRoute | JobRoute;

/** Every route of the API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: "GET", path: "/healthz", summary: "Liveness: answers at once, also while jobs run" },
  { method: "GET", path: "/openapi.json", summary: "This API as an OpenAPI 3.1 document" },
  { method: "GET", path: "/api/chips", summary: "The chip catalog, one summary per chip" },
  {
    method: "GET",
    path: "/api/chips/:id",
    summary: "One chip in full: every figure, its sources, caveats and measurements",
    params: [{ name: "id", description: "Catalog chip id, e.g. nvidia-h100-sxm" }],
  },
  { method: "GET", path: "/api/models", summary: "The built-in models, one summary per model" },
  {
    method: "GET",
    path: "/api/models/:name",
    summary: "One built-in model: parameter counts, FLOPs and KV bytes per token, its config.json",
    params: [{ name: "name", description: "Built-in model name or alias, e.g. llama-3.1-8b" }],
  },
  {
    method: "POST",
    path: "/api/models/import",
    summary: "Read a pasted Hugging Face config.json and summarise the model",
    action: "import the model",
    schema: ModelImportBodySchema,
    job: "model-import",
    heavy: false,
  },
  {
    method: "POST",
    path: "/api/train/plan",
    summary: "Rank the parallel plans of a training job, with step-time and memory breakdowns",
    action: "plan training",
    schema: TrainPlanBodySchema,
    job: "train-plan",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/reliability",
    summary: "Simulate failures, checkpoints and restarts of a training job (seeded Monte Carlo)",
    action: "simulate reliability",
    schema: ReliabilityBodySchema,
    job: "reliability",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/reliability/optimize",
    summary: "The checkpoint interval by Young, by Daly and by simulation",
    action: "optimize the checkpoint interval",
    schema: ReliabilityOptimizeBodySchema,
    job: "reliability-optimize",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/validate",
    summary: "Predict published cases (data/cases/FORMAT.md) and compare with what was observed",
    action: "validate the cases",
    schema: ValidateBodySchema,
    job: "validate",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/export/:engine",
    summary: "Launch configuration for an engine: command lines, environment and Kubernetes manifests",
    action: "export the launch configuration",
    schema: z.union([TrainExportBodySchema, ServeExportBodySchema]).meta({
      description:
        "megatron and mindspeed take a training job and plan; vllm and vllm-ascend a serving instance",
    }),
    schemaFor: (params) => exportBodySchema(params["engine"] as ExportEngine),
    input: (body, params) => ({ engine: params["engine"], body }),
    job: "export",
    heavy: false,
    params: [
      {
        name: "engine",
        description: "Engine to launch",
        values: EXPORT_ENGINES,
        // the CLI's `export k8s` writes what every engine's answer carries (review 18: a bare 404 for k8s)
        otherwise: "Kubernetes manifests come with every engine's export, in kubernetes_yaml",
      },
    ],
  },
  {
    method: "POST",
    path: "/api/serve/plan",
    summary: "Best serving layout under TTFT/TPOT limits, and the chips, cost and energy a demand needs",
    action: "plan serving",
    schema: ServePlanBodySchema,
    errorPaths: { engine: "stack" },
    job: "serve-plan",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/serve/simulate",
    summary: "Discrete-event simulation of one engine replica: latency percentiles and throughput (seeded)",
    action: "simulate serving",
    schema: ServeSimulateBodySchema,
    errorPaths: {
      engine: "stack",
      "config.tp": "tp",
      "config.ep": "ep",
      "config.dpAttention": "dp_attention",
      "config.pp": "pp",
      // a layout that cannot hold the model: tp is the first lever of the body's layout fields (QA 30)
      config: "tp",
    },
    job: "serve-simulate",
    heavy: true,
  },
  {
    method: "POST",
    path: "/api/fleet/compare",
    summary:
      "Fleet strategies side by side for a scenario (default: the story's), with what Ascend would need",
    action: "compare the fleet strategies",
    schema: FleetCompareBodySchema,
    job: "fleet-compare",
    heavy: true,
  },
];

/** The job routes, for registration. */
export function jobRoutes(): JobRoute[] {
  return API_ROUTES.filter((r): r is JobRoute => r.method === "POST");
}
