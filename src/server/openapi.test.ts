import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./api-routes.ts";
import { createApp } from "./create-app.ts";
import { openApiDocument } from "./openapi.ts";

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

async function servedDocument(): Promise<Json> {
  const res = await createApp().request("/openapi.json");
  expect(res.status).toBe(200);
  return res.json();
}

describe("openApiDocument()", () => {
  it("is an OpenAPI 3.1 document served at /openapi.json", async () => {
    const doc = await servedDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("fleetcast API");
    expect(doc).toEqual(openApiDocument(API_ROUTES, { version: doc.info.version }));
  });

  it("openApiDocument() publishes both names of a trace entry's arrival the API takes (review 26)", () => {
    const doc = JSON.stringify(openApiDocument(API_ROUTES, { version: "test" }));
    expect(doc).toContain('"timestamp_s"');
    expect(doc).toContain('"arrival_s"');
  });

  it("lists every route the app registers, with its method", async () => {
    const doc = await servedDocument();
    const registered = createApp()
      .routes.filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(registered));
    expect(documented).toContain("POST /api/train/plan");
  });

  it("gives every POST its request schema, derived from the route's zod schema", async () => {
    const doc = await servedDocument();
    for (const route of API_ROUTES.filter((r) => r.method === "POST")) {
      const path = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
      const ref: string = doc.paths[path].post.requestBody.content["application/json"].schema.$ref;
      const name = ref.replace("#/components/schemas/", "");
      const schema = doc.components.schemas[name];
      expect(schema, route.path).toBeDefined();
      const shape = (route.schema as { shape?: Record<string, unknown> }).shape;
      if (shape) expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(shape).sort());
      else expect(schema.anyOf ?? schema.oneOf).toBeDefined();
    }
  });

  it("carries the API's bounds into the schemas (the absurd sizes are documented)", async () => {
    const doc = await servedDocument();
    const plan = doc.components.schemas.TrainPlanBody;
    expect(plan.properties.count).toMatchObject({ type: "integer", minimum: 1, maximum: 1_048_576 });
    expect(plan.required).toEqual(expect.arrayContaining(["model", "chip", "count", "seq_len"]));
    expect(plan.required).not.toContain("precision");
    expect(doc.components.schemas.ReliabilityBody.properties.replicas.maximum).toBe(100_000);
  });

  it("documents problem responses and the path parameters", async () => {
    const doc = await servedDocument();
    const op = doc.paths["/api/export/{engine}"].post;
    expect(op.parameters[0]).toMatchObject({ name: "engine", in: "path", required: true });
    expect(op.parameters[0].schema.enum).toEqual(["megatron", "mindspeed", "vllm", "vllm-ascend"]);
    expect(op.responses["400"].content["application/problem+json"].schema.$ref).toBe(
      "#/components/schemas/Problem",
    );
    expect(doc.paths["/api/chips/{id}"].get.responses["404"]).toBeDefined();
  });

  it("resolves every $ref it uses", async () => {
    const doc = await servedDocument();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const target = r.slice(8, -1);
      if (!target.startsWith("#/components/schemas/")) continue;
      expect(doc.components.schemas[target.replace("#/components/schemas/", "")], target).toBeDefined();
    }
  });
});
