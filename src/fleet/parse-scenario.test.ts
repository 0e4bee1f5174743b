import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { FleetcastError } from "../errors.ts";
import { defaultScenario } from "./default-scenario.ts";
import { parseScenario, validateScenario } from "./parse-scenario.ts";

function withPools(pools: unknown[]): string {
  return stringify({ ...defaultScenario(), pools });
}

describe("parseScenario()", () => {
  it("parseScenario() tells a broken .json file JSON's error, not YAML's (QA 40)", () => {
    expect(() => parseScenario('{"pools": [', "s2.json")).toThrow(/^Cannot read s2\.json: not valid JSON: /);
    expect(() => parseScenario(JSON.stringify(defaultScenario()), "ok.json")).not.toThrow();
  });

  it("parseScenario() refuses serving requests longer than the model's context, naming it (QA 40)", () => {
    const base = defaultScenario();
    const text = stringify({
      ...base,
      serving: { ...base.serving, input_tokens: 500_000, output_tokens: 500 },
    });
    expect(() => parseScenario(text, "long.yaml")).toThrow(
      "Cannot read long.yaml: serving.input_tokens + serving.output_tokens (500,000 + 500) exceed deepseek-v3's context of 163,840 tokens (config.json max_position_embeddings): engines refuse such requests",
    );
    expect(() => parseScenario(stringify(base), "default.yaml")).not.toThrow();
  });

  it("parseScenario() names the file, field path and value of a bad count", () => {
    const text = withPools([
      { name: "a", chip: "nvidia-h800-sxm", count: 8 },
      { name: "b", chip: "huawei-ascend-910c", count: -8 },
    ]);
    expect(() => parseScenario(text, "scenario.yaml")).toThrow(
      "Cannot read scenario.yaml: pools[1].count must be > 0, got -8",
    );
  });

  it("parseScenario() reads a demand written as the CLI takes it ('20B'), and refuses one that is not an amount", () => {
    const base = defaultScenario();
    const text = (demand: unknown) =>
      stringify({ ...base, serving: { ...base.serving, demand_tokens_per_day: demand } });
    expect(parseScenario(text("20B"), "s.yaml").serving.demand_tokens_per_day).toBe(2e10);
    expect(parseScenario(text("1.5T"), "s.yaml").serving.demand_tokens_per_day).toBe(1.5e12);
    expect(parseScenario(text(3e9), "s.yaml").serving.demand_tokens_per_day).toBe(3e9);
    expect(parseScenario(text("16Mi"), "s.yaml").serving.demand_tokens_per_day).toBe(16 * 2 ** 20);
    expect(parseScenario(text("2.5E12"), "s.yaml").serving.demand_tokens_per_day).toBe(2.5e12);
    expect(() => parseScenario(text("lots"), "s.yaml")).toThrow(
      /serving\.demand_tokens_per_day must be a positive number \(at most 1e\+18\) or an amount like 776B/,
    );
  });

  it("parseScenario() throws FleetcastError with the path set", () => {
    try {
      parseScenario(withPools([{ name: "a", chip: "nvidia-h800-sxm", count: 1.5 }]), "f.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FleetcastError);
      expect((error as FleetcastError).path).toBe("pools[0].count");
      expect((error as Error).message).toBe("Cannot read f.yaml: pools[0].count must be an integer, got 1.5");
    }
  });

  it("parseScenario() suggests chip ids for an unknown chip", () => {
    expect(() => parseScenario(withPools([{ name: "a", chip: "nvidia-h800", count: 8 }]), "f.yaml")).toThrow(
      /pools\[0\]\.chip is not a catalog chip, got "nvidia-h800" \(did you mean .*nvidia-h800-sxm/,
    );
  });

  it("parseScenario() rejects duplicate pool names and unknown keys", () => {
    expect(() =>
      parseScenario(
        withPools([
          { name: "a", chip: "nvidia-h800-sxm", count: 8 },
          { name: "a", chip: "nvidia-h20", count: 8 },
        ]),
        "f.yaml",
      ),
    ).toThrow('pools[1].name must be unique, got "a" twice');
    expect(() =>
      parseScenario(withPools([{ name: "a", chip: "nvidia-h800-sxm", count: 8, gpus: 3 }]), "f.yaml"),
    ).toThrow('pools[0] has unknown key "gpus"');
  });

  it("parseScenario() lists every problem at once, with near key names for unknown keys", () => {
    const s = defaultScenario();
    const { deadline_days: _deadline, ...training } = s.training;
    const { ttft_ms: _ttft, ...serving } = s.serving;
    const text = stringify({ ...s, training: { ...training, deadline_confidance: 0.8 }, serving });
    expect(() => parseScenario(text, "f.yaml")).toThrow(
      'Cannot read f.yaml: training.deadline_days is required; training has unknown key "deadline_confidance" (did you mean deadline_confidence?); serving.ttft_ms is required',
    );
  });

  it("parseScenario() reports an enum value out of range and text that is not YAML", () => {
    const bad = stringify({ ...defaultScenario(), policy: { region: "mars" } });
    expect(() => parseScenario(bad, "f.yaml")).toThrow(
      'policy.region must be one of "china", "us", "any", got "mars"',
    );
    expect(() => parseScenario("pools: [", "f.yaml")).toThrow(/^Cannot read f\.yaml: not valid YAML or JSON/);
  });

  it("parseScenario() reads training.tokens and global_batch_tokens as the CLI's flags take them ('15T', '16Mi')", () => {
    const base = defaultScenario();
    const text = (training: Record<string, unknown>) =>
      stringify({ ...base, training: { ...base.training, ...training } });
    const read = parseScenario(text({ tokens: "15T", global_batch_tokens: "60Mi" }), "s.yaml").training;
    expect(read.tokens).toBe(15e12);
    expect(read.global_batch_tokens).toBe(60 * 2 ** 20);
    expect(parseScenario(text({ tokens: 14.8e12 }), "s.yaml").training.tokens).toBe(14.8e12);
    expect(() => parseScenario(text({ tokens: "15X" }), "s.yaml")).toThrow(
      'Cannot read s.yaml: training.tokens must be a positive number (at most 1e+16) or an amount like 776B or 1.5T, got "15X"',
    );
    expect(() => parseScenario(text({ global_batch_tokens: "1.0001K" }), "s.yaml")).toThrow(
      /training\.global_batch_tokens must be a positive integer .*, got "1\.0001K"/,
    );
  });

  it("parseScenario() refuses a pool's stack that does not run on its chip, naming pools[i].stack and where it runs (QA 27)", () => {
    const s = defaultScenario();
    const withStack = (i: number, pool: Record<string, unknown>) =>
      stringify({ ...s, pools: s.pools.map((p, j) => (j === i ? { ...p, ...pool } : p)) });
    const error = (text: string) => {
      try {
        parseScenario(text, "f.yaml");
      } catch (e) {
        return e as FleetcastError;
      }
      throw new Error("expected the scenario to be refused");
    };
    const wrongChip = error(withStack(0, { stack: "mindspeed" }));
    expect(wrongChip).toBeInstanceOf(FleetcastError);
    expect(wrongChip.path).toBe("pools[0].stack");
    expect(wrongChip.message).toBe(
      'Cannot read f.yaml: pools[0].stack does not run on nvidia-h800-sxm (nvidia-hopper), got "mindspeed": it runs on ascend-910b, ascend-910c, ascend-950 (default here: megatron; also torchtitan, deepspeed, llm-foundry)',
    );
    // `stack` is the pool's training stack: an engine there is refused, pointing to serve_stack
    expect(error(withStack(1, { stack: "vllm" })).message).toMatch(
      /pools\[1\]\.stack is the pool's training stack, got "vllm", a serving stack \(serving stacks go in serve_stack; default here: megatron/,
    );
    expect(error(withStack(0, { stack: "megatorn" })).message).toMatch(
      /pools\[0\]\.stack is not a catalog training stack, got "megatorn" \(did you mean megatron/,
    );
    const serve = error(withStack(1, { serve_stack: "mindie" }));
    expect(serve.path).toBe("pools[1].serve_stack");
    expect(serve.message).toMatch(
      /serve_stack does not run on nvidia-h20 \(nvidia-hopper\), got "mindie": it runs on ascend-/,
    );
    // what runs there is read as before, an in-house stack included (DeepSeek's HAI-LLM on H800)
    expect(
      parseScenario(withStack(2, { stack: "mindspore", serve_stack: "mindie" }), "f.yaml").pools[2],
    ).toMatchObject({ stack: "mindspore", serve_stack: "mindie" });
    expect(parseScenario(stringify(s), "f.yaml").pools[0]?.stack).toBe("hai-llm");
  });

  it("parseScenario() refuses an unknown model naming training.model or serving.model, with near names (QA 27)", () => {
    const s = defaultScenario();
    const model = (training: string, serving = s.serving.model) =>
      stringify({
        ...s,
        training: { ...s.training, model: training },
        serving: { ...s.serving, model: serving },
      });
    expect(() => parseScenario(model("llama-70b"), "f.yaml")).toThrow(
      /^Cannot read f\.yaml: training\.model is not a built-in model nor a file, got "llama-70b" \(did you mean .*llama-3\.1-70b/,
    );
    try {
      parseScenario(model(s.training.model, "deepseek-v9"), "f.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as FleetcastError).path).toBe("serving.model");
    }
    // an alias is a built-in name
    expect(parseScenario(model("deepseek-ai/DeepSeek-V3"), "f.yaml").training.model).toBe(
      "deepseek-ai/DeepSeek-V3",
    );
  });

  it("validateScenario() takes a model file where files are allowed, and only built-in names with models: builtin", () => {
    const file = fileURLToPath(new URL("../catalog/models/data/llama-3.1-8b.json", import.meta.url));
    const s = defaultScenario();
    const raw = { ...s, serving: { ...s.serving, model: file } };
    expect(validateScenario(raw).serving.model).toBe(file);
    expect(() => validateScenario(raw, "scenario", { models: "builtin" })).toThrow(
      `Cannot read scenario: serving.model is not a built-in model, got ${JSON.stringify(file)} (GET /api/models lists them)`,
    );
  });
});
