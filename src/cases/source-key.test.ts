import { describe, expect, it } from "vitest";
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

  it("sourceKeyOf() separates MLPerf submitters of one round and joins one submitter's systems", () => {
    const amd = sourceKeyOf(
      src(
        "https://github.com/mlcommons/inference_results_v4.1 (closed/AMD/results/8xMI300X/llama2-70b-99/Server)",
      ),
    );
    const nvH100 = sourceKeyOf(
      src(
        "https://github.com/mlcommons/inference_results_v4.1 (closed/NVIDIA/results/DGX-H100_TRT/llama2-70b-99.9)",
      ),
    );
    const nvB200 = sourceKeyOf(
      src(
        "https://github.com/mlcommons/inference_results_v4.1",
        "summary.html: closed/NVIDIA/results/B200x1_TRT",
      ),
    );
    expect(amd).toBe("github.com/mlcommons/inference_results_v4.1#amd");
    expect(nvH100).toBe(nvB200);
    expect(nvH100).not.toBe(amd);
  });

  it("sourceKeyOf() reads a submitter only in MLPerf trees", () => {
    expect(sourceKeyOf(src("https://example.org/report", "closed/Foo/results"))).toBe("example.org/report");
  });
});
