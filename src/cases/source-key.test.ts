import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases } from "./parse-cases.ts";
import { sourceKeyOf } from "./source-key.ts";

const src = (url: string, locator = "table 1") => ({
  source: { citation: "c", locator, url, trust: "high" as const },
});

describe("sourceKeyOf()", () => {
  it("sourceKeyOf() drops a parenthetical locator, the scheme, a fragment and case", () => {
    expect(sourceKeyOf(src("https://lmsys.org/blog/2025-05-05-large-scale-ep/ (repro: issue 6017)"))).toBe(
      "lmsys.org/blog/2025-05-05-large-scale-ep",
    );
    expect(sourceKeyOf(src("https://github.com/NVIDIA/Megatron-LM#training-speed-and-scalability"))).toBe(
      "github.com/nvidia/megatron-lm",
    );
  });

  it("sourceKeyOf() keys a case without a URL (an internal measurement) by its citation", () => {
    const key = sourceKeyOf({
      source: { citation: "Our Cluster Run 7", locator: null, url: null, trust: "high" },
    });
    expect(key).toBe("citation:our cluster run 7");
  });

  it("sourceKeyOf() takes an MLPerf round whole, whatever folder its URL points into", () => {
    const keys = [
      "https://github.com/mlcommons/inference_results_v4.1 (closed/AMD/results/8xMI300X/llama2-70b-99/Server)",
      "https://github.com/mlcommons/inference_results_v4.1",
      "https://github.com/mlcommons/inference_results_v4.1/tree/main/closed/NVIDIA/results/B200-SXM-180GBx1_TRT",
    ].map((u) => sourceKeyOf(src(u)));
    expect(new Set(keys)).toEqual(new Set(["github.com/mlcommons/inference_results_v4.1"]));
    expect(sourceKeyOf(src("https://github.com/mlcommons/inference_results_v5.1"))).not.toBe(keys[0]);
  });

  it("sourceKeyOf() puts every calibration case of one MLPerf round under one key", () => {
    const cases = parseCases(
      readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
      "serve.json",
    );
    const v51 = new Set(cases.filter((c) => c.id.startsWith("mlperf51-")).map(sourceKeyOf));
    expect(v51.size).toBe(1);
  });
});
