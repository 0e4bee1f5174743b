import { describe, expect, it } from "vitest";
import { VALID_BODIES } from "./_test-bodies.ts";
import { API_ROUTES } from "./api-routes.ts";
import { createApp } from "./create-app.ts";
import { openApiDocument } from "./openapi.ts";
import { RESPONSE_SCHEMAS } from "./response-schemas.ts";

const app = createApp();

async function answer(path: string, body?: unknown): Promise<unknown> {
  const res =
    body === undefined
      ? await app.request(path)
      : await app.request(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.json();
}

/** Parses an answer with its route's schema; the issues, when any, name the key (a strict object's extra key too). */
function issuesOf(route: string, json: unknown): string[] {
  const schema = RESPONSE_SCHEMAS[route];
  if (schema === undefined) return [`${route}: no response schema`];
  const parsed = schema.safeParse(json);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${route} ${i.path.join(".")}: ${i.message}`);
}

// Bodies beyond VALID_BODIES that reach the answers' other shapes: a budget with failures and a deadline, a search
// that finds nothing (nearest), a reliability run with a deadline, a finish curve and a timeline, a plan without a
// demand and one on a chip without a price, a closed-loop simulation.
const VARIANTS: [string, string, unknown][] = [
  [
    "/api/train/plan",
    "/api/train/plan",
    { ...VALID_BODIES["/api/train/plan"], tokens: "100B", deadline_days: 30, reliability: { replicas: 50 } },
  ],
  [
    "/api/train/plan",
    "/api/train/plan",
    {
      model: "llama-3.1-405b",
      chip: "nvidia-h100-sxm",
      count: 8,
      seq_len: 8192,
      global_batch_tokens: 4_194_304,
    },
  ],
  [
    "/api/reliability",
    "/api/reliability",
    {
      ...VALID_BODIES["/api/reliability"],
      deadline_days: 12,
      finish_curve_days: [11, 13],
      timeline_max_segments: 20,
    },
  ],
  [
    "/api/serve/plan",
    "/api/serve/plan",
    { model: "llama-3.1-8b", chip: "nvidia-h100-sxm", input_tokens: 1000, output_tokens: 200 },
  ],
  // a demand on a chip the catalog has no cloud price for: the cost is null
  [
    "/api/serve/plan",
    "/api/serve/plan",
    {
      model: "deepseek-v3",
      chip: "nvidia-h800-sxm",
      input_tokens: 4000,
      output_tokens: 1000,
      tpot_ms: 50,
      ttft_ms: 2000,
      demand: { tokens_per_day: 1e11 },
    },
  ],
  // a multi-node vLLM-Ascend layout: no manifests, a note saying why
  [
    "/api/export/:engine",
    "/api/export/vllm-ascend",
    {
      model: "deepseek-v3",
      hf_name: "deepseek-ai/DeepSeek-V3",
      chip: "huawei-ascend-910c",
      tp: 8,
      dp_attention: 4,
      ep: 32,
      max_model_len: 8192,
    },
  ],
  [
    "/api/serve/simulate",
    "/api/serve/simulate",
    {
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      workload: { arrivals: "closed", concurrency: 8, requests: 50, input_tokens: 500, output_tokens: 50 },
    },
  ],
];

describe("RESPONSE_SCHEMAS", () => {
  it("RESPONSE_SCHEMAS has an answer schema for every route and no other", () => {
    expect(Object.keys(RESPONSE_SCHEMAS).sort()).toEqual(API_ROUTES.map((r) => r.path).sort());
  });

  it("RESPONSE_SCHEMAS parses each POST route's real answer, every documented object listing all its keys", async () => {
    const issues: string[] = [];
    for (const [path, body] of Object.entries(VALID_BODIES)) {
      const route = path.startsWith("/api/export/") ? "/api/export/:engine" : path;
      issues.push(...issuesOf(route, await answer(path, body)));
    }
    for (const [route, path, body] of VARIANTS) issues.push(...issuesOf(route, await answer(path, body)));
    expect(issues).toEqual([]);
  }, 60_000);

  it("RESPONSE_SCHEMAS parses the read routes' answers", async () => {
    const issues = [
      ...issuesOf("/healthz", await answer("/healthz")),
      ...issuesOf("/openapi.json", await answer("/openapi.json")),
      ...issuesOf("/api/chips", await answer("/api/chips")),
      ...issuesOf("/api/chips/:id", await answer("/api/chips/huawei-ascend-910c")),
      ...issuesOf("/api/models", await answer("/api/models")),
      ...issuesOf("/api/models/:name", await answer("/api/models/deepseek-v3")),
    ];
    expect(issues).toEqual([]);
  });

  it("RESPONSE_SCHEMAS refuses an answer with a key it does not document", async () => {
    const json = (await answer("/api/serve/plan", VALID_BODIES["/api/serve/plan"])) as Record<
      string,
      unknown
    >;
    expect(issuesOf("/api/serve/plan", { ...json, tokens_per_s: 1 })).toEqual([
      '/api/serve/plan : Unrecognized key: "tokens_per_s"',
    ]);
    const plan = (await answer("/api/train/plan", VALID_BODIES["/api/train/plan"])) as { plans: object[] };
    const renamed = { ...plan, plans: plan.plans.map((p) => ({ ...p, fits: undefined, fit: true })) };
    expect(issuesOf("/api/train/plan", renamed).length).toBeGreaterThan(0);
  });

  it("openApiDocument() publishes each route's answer schema, not a bare object", () => {
    const doc = openApiDocument(API_ROUTES, { version: "test" }) as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }
        >
      >;
    };
    const plan =
      doc.paths["/api/serve/plan"]?.["post"]?.responses["200"]?.content["application/json"]?.schema;
    expect(plan?.["required"]).toEqual(expect.arrayContaining(["colocated", "capacity", "advisories"]));
    expect(JSON.stringify(plan)).toContain("Time per output token, ms");
    for (const [path, ops] of Object.entries(doc.paths))
      for (const op of Object.values(ops))
        expect(op.responses["200"]?.content["application/json"]?.schema, path).not.toEqual({
          type: "object",
        });
  });
});
