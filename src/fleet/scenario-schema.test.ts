import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultScenario } from "./default-scenario.ts";
import { parseScenario } from "./parse-scenario.ts";
import { ScenarioSchema, scenarioJsonSchema } from "./scenario-schema.ts";

describe("ScenarioSchema", () => {
  it("ScenarioSchema round-trips the default scenario through YAML and JSON", () => {
    const scenario = defaultScenario();
    expect(parseScenario(stringify(scenario), "s.yaml")).toEqual(scenario);
    expect(parseScenario(JSON.stringify(scenario), "s.json")).toEqual(scenario);
  });

  it("ScenarioSchema fills the defaults of a minimal scenario", () => {
    const s = ScenarioSchema.parse({
      pools: [{ name: "a", chip: "nvidia-h800-sxm", count: 8 }],
      training: {
        model: "llama-3-8b",
        tokens: 1e12,
        seq_len: 4096,
        global_batch_tokens: 4194304,
        deadline_days: 30,
      },
      serving: {
        model: "llama-3-8b",
        input_tokens: 1000,
        output_tokens: 200,
        requests_per_s: 10,
        ttft_ms: 1000,
        tpot_ms: 50,
      },
    });
    expect(s.policy.region).toBe("any");
    expect(s.assumptions.failure_scenario).toBe("high");
    expect(s.training.deadline_confidence).toBe(0.8);
    // as train plan's (review 35 L2: a scenario alone required it)
    expect(s.training.precision).toBe("bf16");
    expect(s.serving.peak_to_mean).toBe(1);
    expect(s.seed).toBe(1);
  });

  it("ScenarioSchema rejects a serving demand without a load", () => {
    const r = ScenarioSchema.safeParse({
      ...defaultScenario(),
      serving: { ...defaultScenario().serving, demand_tokens_per_day: undefined },
    });
    expect(r.success).toBe(false);
  });

  it("ScenarioSchema rejects a serving demand stated twice, naming the second field", () => {
    const r = ScenarioSchema.safeParse({
      ...defaultScenario(),
      serving: { ...defaultScenario().serving, requests_per_s: 1 },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["serving", "requests_per_s"]);
  });
});

describe("scenarioJsonSchema()", () => {
  it("scenarioJsonSchema() describes pools, training, serving and policy", () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["pools", "training", "serving", "policy", "assumptions", "seed"]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(["pools", "training", "serving"]));
    expect(JSON.stringify(schema)).toContain("min_domestic_share_of_work");
  });

  it("scenarioJsonSchema() takes every token amount as a number or an amount's text, as the parser reads them (QA 27)", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the schema is walked as plain JSON
    const schema = scenarioJsonSchema() as any;
    const fields = {
      "training.tokens": schema.properties.training.properties.tokens,
      "training.global_batch_tokens": schema.properties.training.properties.global_batch_tokens,
      "serving.demand_tokens_per_day": schema.properties.serving.properties.demand_tokens_per_day,
    };
    for (const [name, field] of Object.entries(fields)) {
      const forms = field.anyOf as { type: string; pattern?: string }[];
      expect(forms.map((f) => f.type).sort(), name).toEqual([
        name.endsWith("global_batch_tokens") ? "integer" : "number",
        "string",
      ]);
      const pattern = new RegExp(forms.find((f) => f.type === "string")!.pattern!);
      expect(pattern.test("15T") && pattern.test("16Mi") && !pattern.test("15X"), name).toBe(true);
    }
  });
});
