import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { fitServeProfile } from "./fit-serve-profile.ts";
import { builtinServeProfile, ServeProfileSchema } from "./serve-profile.ts";

const cases = parseCases(
  readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).filter((c): c is ServeCase => c.kind === "serve");

describe("fitServeProfile()", () => {
  const subset = cases.filter(
    (c) => c.hardware.chip === "nvidia-h20" || c.hardware.chip === "huawei-ascend-910c",
  );

  it("is pure: the same cases give the same profile, valid under the schema", () => {
    const a = fitServeProfile(subset, { leaveOneOut: false });
    const b = fitServeProfile(subset, { leaveOneOut: false });
    expect(b).toEqual(a);
    expect(() => ServeProfileSchema.parse(a)).not.toThrow();
    for (const g of a.groups) {
      expect(g.decode_hbm_fraction).toBeLessThanOrEqual(1);
      expect(g.prefill_matmul_fraction).toBeLessThanOrEqual(1);
    }
  });

  it("reports leave-one-out errors no better than in-sample ones on the 910C pair", () => {
    const p = fitServeProfile(cases.filter((c) => c.hardware.chip === "huawei-ascend-910c"));
    const s = p.summary["ascend-910c"]!;
    expect(s.cases).toBe(2);
    expect(s.loo_median_abs_error!).toBeGreaterThanOrEqual(s.median_abs_error! - 1e-9);
  });
});

describe("builtinServeProfile()", () => {
  it("was fitted on every case of data/cases/serve.json", () => {
    expect(builtinServeProfile().fitted_on.sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it("carries every fitted field per group, attention included, within physical bounds", () => {
    for (const g of builtinServeProfile().groups) {
      for (const f of [
        g.decode_hbm_fraction,
        g.prefill_matmul_fraction,
        g.moe_gemm_fraction,
        g.attention_fraction,
      ]) {
        expect(f).toBeGreaterThan(0);
        expect(f).toBeLessThanOrEqual(1);
      }
    }
    // Blackwell's slow long-context MLA attention is fitted apart from its HBM bandwidth (fit-serve-profile.ts)
    const bw = builtinServeProfile().groups.find(
      (g) => g.family === "nvidia-blackwell" && g.stack === "tensorrt-llm",
    )!;
    expect(bw.attention_fraction!).toBeLessThan(bw.decode_hbm_fraction);
  });
});
