import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultScenario } from "./default-scenario.ts";
import { parseScenario } from "./parse-scenario.ts";

describe("defaultScenario()", () => {
  it("defaultScenario() agrees with examples/default-scenario.yaml", () => {
    const url = new URL("../../examples/default-scenario.yaml", import.meta.url);
    expect(parseScenario(readFileSync(url, "utf8"), "default-scenario.yaml")).toEqual(defaultScenario());
  });

  it("defaultScenario() sizes the load from DeepSeek's Day 6 statistics", () => {
    const s = defaultScenario();
    // Day 6 overview: 608B input + 168B output tokens per day; 278 peak / 226.75 average nodes.
    expect(s.serving.demand_tokens_per_day).toBe(776e9);
    expect(s.serving.peak_to_mean).toBeCloseTo(278 / 226.75, 3);
    // Average KV length per output token 4,989 = input + output / 2 (ds-prod-h800-decode), input/output = 608/168.
    expect(s.serving.input_tokens + s.serving.output_tokens / 2).toBeCloseTo(4989, -1);
    expect(s.serving.input_tokens / s.serving.output_tokens).toBeCloseTo(608 / 168, 2);
    // DeepSeek-V3 report §3.1: 2,048 H800.
    expect(s.pools.find((p) => p.chip === "nvidia-h800-sxm")?.count).toBe(2048);
  });

  it("defaultScenario() states a source for every scenario number", () => {
    const s = defaultScenario();
    const names = s.sources.map((x) => x.name);
    for (const n of [
      "training_tokens",
      "deadline_days",
      "h800_count",
      "h20_count",
      "ascend_910c_count",
      "serving_tokens_per_day",
      "cache_hit_rate",
      "ttft_ms",
      "tpot_ms",
      "region_and_policy",
    ]) {
      expect(names).toContain(n);
    }
    for (const src of s.sources) expect(src.source.length).toBeGreaterThan(10);
  });
});
