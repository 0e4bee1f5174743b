import * as z from "zod";
import type { ApiRoute } from "./api-routes.ts";
import { PROBLEM_KINDS, PROBLEM_MEDIA_TYPE } from "./problem.ts";
import { RESPONSE_SCHEMAS } from "./response-schemas.ts";

/** JSON Schema of a problem body (RFC 9457 §3 members plus the `errors` extension). */
const PROBLEM_SCHEMA = {
  type: "object",
  required: ["type", "title", "status", "detail", "errors"],
  properties: {
    type: {
      type: "string",
      description: "Kind of problem",
      enum: Object.keys(PROBLEM_KINDS).map((k) => `/problems/${k}`),
    },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string", description: 'One line: "Cannot X: state", naming the field and the value' },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: {
          path: { type: "string", description: 'Dotted path of the field ("" = the whole body)' },
          message: { type: "string" },
        },
      },
    },
  },
} as const;

/**
 * The OpenAPI 3.1 document of the API, built from its route table: each POST's request body is the JSON Schema
 * (draft 2020-12, the dialect OpenAPI 3.1 uses) that zod derives from the route's schema (`z.toJSONSchema`, the
 * input side: defaults make fields optional); its 200 answer the output side of the route's response schema
 * (response-schemas.ts); every operation lists its problem responses.
 * @example openApiDocument(API_ROUTES, { version: "0.1.0" }).paths["/api/train/plan"].post.requestBody
 */
export function openApiDocument(routes: readonly ApiRoute[], info: { version: string }) {
  const schemas: Record<string, unknown> = { Problem: PROBLEM_SCHEMA };
  const paths: Record<string, Record<string, unknown>> = {};
  const problemRef = { $ref: "#/components/schemas/Problem" };
  const problemResponse = (description: string) => ({
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } },
  });

  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
    const operation: Record<string, unknown> = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
    };
    if (route.params?.length) {
      operation["parameters"] = route.params.map((p) => ({
        name: p.name,
        in: "path",
        required: true,
        description: p.description,
        schema: p.values ? { type: "string", enum: [...p.values] } : { type: "string" },
      }));
    }
    const answer = RESPONSE_SCHEMAS[route.path];
    const responses: Record<string, unknown> = {
      "200": {
        description: "OK",
        content: {
          "application/json": { schema: answer ? jsonSchemaOf(answer, "output") : { type: "object" } },
        },
      },
    };
    if (route.method === "POST") {
      const name = schemaName(route.path);
      schemas[name] = jsonSchemaOf(route.schema, "input");
      operation["requestBody"] = {
        required: true,
        content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
      };
      responses["400"] = problemResponse(
        "Malformed JSON, or a body the schema refuses (a work bound included: replicas x events of a reliability run; a pasted config.json the importer cannot read); `errors` names each field",
      );
      responses["413"] = problemResponse("Body larger than the limit");
      responses["415"] = problemResponse("Content-Type is not application/json");
      responses["422"] = problemResponse(
        "Valid body the model cannot compute (unknown chip, plan that cannot fit, more failure events than a replica may simulate)",
      );
      responses["503"] = problemResponse("Time limit exceeded, or all workers busy (Retry-After when busy)");
    }
    if (route.params?.length) responses["404"] = problemResponse("Unknown id or name");
    responses["500"] = problemResponse("Internal error (no details)");
    operation["responses"] = responses;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "fleetcast API",
      version: info.version,
      description:
        "What a mixed accelerator fleet (NVIDIA, Huawei Ascend, AMD) can do for LLM training and serving. " +
        "Request and response keys are snake_case; errors are RFC 9457 problem details.",
    },
    paths,
    components: { schemas },
  };
}

// --- internal ---

/** A zod schema as JSON Schema draft 2020-12 (the dialect OpenAPI 3.1 uses), without its `$schema` key. */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete json["$schema"];
  return json;
}

/** "/api/train/plan" → "TrainPlanBody"; "/api/export/:engine" → "ExportBody". */
function schemaName(path: string): string {
  const words = path
    .split("/")
    .filter((s) => s !== "" && s !== "api" && !s.startsWith(":"))
    .flatMap((s) => s.split("-"));
  return `${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}Body`;
}

/** "POST /api/train/plan" → "postTrainPlan". */
function operationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((s) => s !== "" && s !== "api")
    .flatMap((s) =>
      s
        .replace(/^:/, "by-")
        .replace(/\.json$/, "")
        .split(/[-.]/),
    );
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
