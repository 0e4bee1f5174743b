import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { FleetcastError } from "../errors.ts";
import { defaultScenario } from "./default-scenario.ts";
import { parseScenario } from "./parse-scenario.ts";

function withPools(pools: unknown[]): string {
  return stringify({ ...defaultScenario(), pools });
}

describe("parseScenario()", () => {
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
    const { precision: _precision, ...training } = s.training;
    const { ttft_ms: _ttft, ...serving } = s.serving;
    const text = stringify({ ...s, training: { ...training, deadline_confidance: 0.8 }, serving });
    expect(() => parseScenario(text, "f.yaml")).toThrow(
      'Cannot read f.yaml: training.precision is required (one of "bf16", "fp16", "fp8"); training has unknown key "deadline_confidance" (did you mean deadline_confidence?); serving.ttft_ms is required',
    );
  });

  it("parseScenario() reports an enum value out of range and text that is not YAML", () => {
    const bad = stringify({ ...defaultScenario(), policy: { region: "mars" } });
    expect(() => parseScenario(bad, "f.yaml")).toThrow(
      'policy.region must be one of "china", "us", "any", got "mars"',
    );
    expect(() => parseScenario("pools: [", "f.yaml")).toThrow(/^Cannot read f\.yaml: not valid YAML or JSON/);
  });
});
