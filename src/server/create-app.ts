import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import packageJson from "../../package.json" with { type: "json" };
import { builtinChips, makeChipCatalog, suggestIds } from "../catalog/chips/index.ts";
import { builtinModels, findBuiltinModel } from "../catalog/models/index.ts";
import { isFleetcastError } from "../errors.ts";
import { jsonDigits } from "../util/json-digits.ts";
import { renameField } from "../util/rename-field.ts";
import { snakeCase } from "../util/snake-case-keys.ts";
import { MAX_BODY_BYTES } from "./api-limits.ts";
import { API_ROUTES, type JobRoute, jobRoutes } from "./api-routes.ts";
import { bodyDetail, bodyIssues, fieldMessage } from "./body-issues.ts";
import { chipDetailJson, chipSummaryJson, modelDetailJson, modelListJson } from "./catalog-json.ts";
import { isInvalidFieldError } from "./invalid-field-error.ts";
import { inlineRunner, isJobLimitError, type JobRunner } from "./job-runner.ts";
import { runJob } from "./jobs.ts";
import { openApiDocument } from "./openapi.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { problem, problemResponse } from "./problem.ts";

export interface AppOptions {
  /** Where heavy jobs run (plan search, Monte Carlo, validation); default this thread (`inlineRunner()`). */
  runner?: JobRunner;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimitBytes?: number;
  /** Told about every unexpected error (a 500), e.g. to log it; the client never sees its stack. */
  onError?: (error: unknown) => void;
}

/**
 * The fleetcast HTTP API as a Hono app: a pure `fetch(Request) → Response` over the libraries, tested in memory
 * with `app.request()` and served by `startServer`. Bodies are snake_case JSON checked by zod; every error is an
 * RFC 9457 problem (400 malformed or invalid body naming the fields, a pasted config.json's included, 404, 413, 415,
 * 422 for a `FleetcastError`,
 * 503 for a time or work limit, 500 without a stack).
 * @example const res = await createApp().request("/api/chips/nvidia-h100-sxm"); (await res.json()).hbm_gb // 80
 */
export function createApp(options: AppOptions = {}): Hono {
  const runner = options.runner ?? inlineRunner();
  const maxBytes = options.bodyLimitBytes ?? MAX_BODY_BYTES;
  const version = packageJson.version;
  const chips = makeChipCatalog(builtinChips());
  const app = new Hono();

  app.get("/healthz", (c) => c.json({ status: "ok", version }, 200));

  let openapi: unknown;
  app.get("/openapi.json", (c) => {
    openapi ??= openApiDocument(API_ROUTES, { version });
    return c.json(openapi, 200);
  });

  app.get("/api/chips", (c) => c.json({ chips: chips.all().map(chipSummaryJson) }, 200));
  app.get("/api/chips/:id", (c) => {
    const id = c.req.param("id");
    if (!chips.has(id)) {
      try {
        chips.get(id);
      } catch (error) {
        const detail = isFleetcastError(error) ? error.message : `Cannot find chip '${id}'`;
        return problemResponse(
          problem("not-found", detail, [{ path: "id", message: "is not a catalog chip" }]),
        );
      }
    }
    return c.json(chipDetailJson(chips.get(id)), 200);
  });

  let models: unknown;
  app.get("/api/models", (c) => {
    models ??= { models: modelListJson() };
    return c.json(models, 200);
  });
  app.get("/api/models/:name", (c) => {
    const name = c.req.param("name");
    const model = findBuiltinModel(name);
    // GET /api/models/import: a POST route this parameter route shadows answers 405, as every POST route does (QA 30)
    const wrongMethod = model ? null : methodNotAllowed(c.req.method, c.req.path);
    if (wrongMethod !== null) return wrongMethod;
    if (!model) {
      // the nearest names, as the CLI and GET /api/chips/{id} give them (QA 40)
      const near = suggestIds(
        name,
        builtinModels().map((m) => m.name),
        3,
      );
      const detail = `Cannot find model '${name}': not a built-in model; ${near.length > 0 ? `did you mean ${near.join(", ")}?` : "GET /api/models lists them"}`;
      return problemResponse(
        problem("not-found", detail, [{ path: "name", message: "is not a built-in model" }]),
      );
    }
    return c.json(modelDetailJson(model), 200);
  });

  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () =>
      problemResponse(
        problem("body-too-large", `Cannot read the request body: it is larger than ${maxBytes} bytes`, [
          { path: "", message: `must be at most ${maxBytes} bytes` },
        ]),
      ),
  });
  for (const route of jobRoutes()) {
    app.post(route.path, limit, (c) => handleJob(c, route, runner));
  }

  app.notFound((c) => {
    const wrongMethod = methodNotAllowed(c.req.method, c.req.path);
    if (wrongMethod !== null) return wrongMethod;
    return problemResponse(
      problem(
        "not-found",
        `Cannot find ${c.req.method} ${c.req.path}: no such route; GET /openapi.json lists them`,
      ),
    );
  });

  app.onError((error, c) => {
    if (isFleetcastError(error)) {
      // the field named as the body spells it, in the text too (QA 30: camelCase names the body does not have)
      const bodyPath = error.path ? bodyPathOf(error.path, c.req.path) : undefined;
      const message =
        error.path && bodyPath ? renameField(error.message, error.path, bodyPath) : error.message;
      const errors = bodyPath ? [{ path: bodyPath, message: fieldMessage(message, bodyPath) }] : [];
      return problemResponse(problem("unprocessable", message, errors));
    }
    if (isInvalidFieldError(error)) {
      const errors = [{ path: error.path, message: fieldMessage(error.message, error.path) }];
      return problemResponse(problem("invalid-body", error.message, errors));
    }
    if (isJobLimitError(error)) {
      const headers: Record<string, string> = error.limit === "busy" ? { "retry-after": "1" } : {};
      return problemResponse(problem(error.limit, jobLimitMessage(error.message, c.req.path)), headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const p = problem("invalid-body", `Cannot ${c.req.method} ${c.req.path}: ${error.message}`);
      return problemResponse({ ...p, status: error.status });
    }
    options.onError?.(error);
    return problemResponse(
      problem("internal", `Cannot answer ${c.req.method} ${c.req.path}: an internal error occurred`),
    );
  });

  return app;
}

// --- internal ---

async function handleJob(c: Context, route: JobRoute, runner: JobRunner): Promise<Response> {
  const params = c.req.param() as Record<string, string>;
  for (const p of route.params ?? []) {
    const value = params[p.name] ?? "";
    if (p.values && !p.values.includes(value)) {
      const detail = `Cannot ${route.action}: ${p.name} must be one of ${p.values.join(", ")}, got '${value}'${p.otherwise ? ` (${p.otherwise})` : ""}`;
      return problemResponse(problem("not-found", detail, [{ path: p.name, message: "is not supported" }]));
    }
  }
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    const detail = `Cannot ${route.action}: Content-Type must be application/json, got '${type || "nothing"}'`;
    return problemResponse(problem("unsupported-media-type", detail));
  }
  const parsed = parseJsonBody(await c.req.text(), route.action);
  if (!parsed.ok) return problemResponse(parsed.problem);
  const schema = route.schemaFor?.(params) ?? route.schema;
  const result = schema.safeParse(parsed.value, { reportInput: true });
  if (!result.success) {
    const errors = bodyIssues(result.error, schema);
    return problemResponse(problem("invalid-body", bodyDetail(route.action, errors), errors));
  }
  const input = route.input ? route.input(result.data, params) : result.data;
  // the request's signal aborts when its client goes away: its job leaves the queue or its worker (review 35: four
  // abandoned comparisons held both workers and the next answer took 22.5 s, not 5.7)
  const value = route.heavy ? await runner.run(route.job, input, c.req.raw.signal) : runJob(route.job, input);
  // fractions to six significant digits, as the CLI's --json writes them (review 35 L3)
  return c.body(JSON.stringify(value, jsonDigits), 200, { "content-type": "application/json" });
}

/**
 * A library error's path as the request body names the field: the route's own renames (`errorPaths`), a chip's
 * figure as the `chip` the body names (its NIC rate as `scale_out_gbps_per_chip`), else each segment in the
 * bodies' snake_case (`inputTokens` -> `input_tokens`, `hbmGB` -> `hbm_gb`: snakeCase).
 */
export function bodyPathOf(libraryPath: string, requestPath: string): string {
  const route = API_ROUTES.find((r) => r.method === "POST" && matches(r.path, requestPath));
  const renamed = route !== undefined && "errorPaths" in route ? route.errorPaths?.[libraryPath] : undefined;
  if (renamed !== undefined) return renamed;
  if (libraryPath === "chip.scaleOut.chipGbps") return "scale_out_gbps_per_chip";
  if (libraryPath.startsWith("chip.")) return "chip";
  return libraryPath.split(".").map(snakeCase).join(".");
}

/**
 * A worker pool's refusal with the route's action in place of its internal job id ("Cannot compare the fleet
 * strategies: no worker was free within 30 s", not "Cannot run fleet-compare: ..."; QA 30).
 */
export function jobLimitMessage(message: string, requestPath: string): string {
  const route = API_ROUTES.find((r) => r.method === "POST" && matches(r.path, requestPath));
  if (route === undefined || !("job" in route) || route.job === undefined) return message;
  return message.replace(new RegExp(`^Cannot (?:run|finish) ${route.job}(?=:)`), `Cannot ${route.action}`);
}

/** A 405 naming the methods a path answers when a route of another method has it (null when none has). */
function methodNotAllowed(method: string, path: string): Response | null {
  const allowed = API_ROUTES.filter((r) => r.method !== method && matches(r.path, path)).map((r) => r.method);
  if (allowed.length === 0) return null;
  const p = problem("method-not-allowed", `Cannot ${method} ${path}: it answers ${allowed.join(", ")}`);
  return problemResponse(p, { allow: allowed.join(", ") });
}

/** True when a Hono route path (`/api/chips/:id`) matches a request path. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split("/");
  const b = path.split("/");
  // a parameter needs a value: "/api/chips/" is not "/api/chips/:id"
  return a.length === b.length && a.every((seg, i) => (seg.startsWith(":") ? b[i] !== "" : seg === b[i]));
}
