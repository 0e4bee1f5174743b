import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCases, type ServeCase, sourceKeyOf } from "../cases/index.ts";
import { builtinChips, type ChipFamily } from "../catalog/chips/index.ts";
import { fitServeProfile } from "./fit-serve-profile.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { builtinServeProfile, profileEfficiency, ServeProfileSchema } from "./serve-profile.ts";

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

  it("predicts a left-out case exactly as a fit that never saw it does", () => {
    // leave-one-out warm-started from the fit that saw the case stopped near it (review, 2026-11-30): the left-out
    // error must be the one of the same method run on the other cases alone
    const loo = fitServeProfile(subset);
    for (const left of subset.slice(0, 3)) {
      const without = fitServeProfile(
        subset.filter((c) => c.id !== left.id),
        { leaveOneOut: false },
      );
      const entry = loo.cases.find((c) => c.id === left.id)!;
      const { efficiency } = profileEfficiency(without, entry.family as ChipFamily, entry.stack);
      const fresh = predictServeCase(left, null, { efficiency }).metrics[0]!.rel_error!;
      // the profile rounds its values to 4 decimals: equal to a hundredth of a percent
      expect(fresh).toBeCloseTo(entry.metrics[0]!.loo_rel_error!, 3);
    }
  });

  it("predicts a left-out publication exactly as a fit that never saw any of its cases does", () => {
    // the H20 subset: Ant Group's three cases share one blog post; CloudMatrix384's two share one paper
    const p = fitServeProfile(subset);
    const ant = subset.filter(
      (c) => sourceKeyOf(c) === sourceKeyOf(subset.find((x) => x.id === "ant-h20-prefill")!),
    );
    expect(ant.length).toBe(3);
    const without = fitServeProfile(
      subset.filter((c) => !ant.includes(c)),
      { leaveOneOut: false },
    );
    for (const left of ant) {
      const entry = p.cases.find((c) => c.id === left.id)!;
      const { efficiency } = profileEfficiency(without, entry.family as ChipFamily, entry.stack);
      const fresh = predictServeCase(left, null, { efficiency }).metrics[0]!.rel_error!;
      expect(fresh).toBeCloseTo(entry.metrics[0]!.loso_rel_error!, 3);
      // its siblings informed the leave-one-out prediction; the publication's own does without them
      expect(entry.metrics[0]!.loso_rel_error).not.toBeCloseTo(entry.metrics[0]!.loo_rel_error!, 3);
    }
  });

  it("draws its 80 % bands from the leave-one-source-out residuals", () => {
    const p = builtinServeProfile();
    const logs = p.cases
      .map((c) => c.metrics[0]!.loso_rel_error)
      .filter((r): r is number => r !== null)
      .map((r) => -Math.log(1 + r))
      .sort((a, b) => a - b);
    expect(logs.length).toBe(p.cases.length);
    expect(p.residual_quantiles.all![0]).toBeCloseTo(logs[Math.round(0.1 * (logs.length - 1))]!, 3);
    expect(p.residual_quantiles.all![1]).toBeCloseTo(logs[Math.round(0.9 * (logs.length - 1))]!, 3);
  });

  it("gives an engine without cases its own prior times the family's multipliers", () => {
    const p = builtinServeProfile();
    const m = p.families["nvidia-hopper"]!.multipliers!;
    const vllm = profileEfficiency(p, "nvidia-hopper", "vllm");
    expect(vllm.source).toBe("family");
    // vLLM's own 3 ms step overhead prior, not the 2 ms of the engine the family level was fitted under
    expect(vllm.efficiency.stepOverheadMs).toBeCloseTo(
      serveEfficiencyPrior("vllm", "nvidia-hopper").stepOverheadMs * m.step_overhead_ms,
      9,
    );
  });

  it("keeps a family's own 80 % band for families of 5 cases or more only", () => {
    const q = builtinServeProfile().residual_quantiles;
    expect(q["amd-cdna3"]).toBeUndefined();
    expect(q["nvidia-hopper"]).toBeDefined();
  });

  it("reports leave-one-out errors no better than in-sample ones on the 910C pair", () => {
    const p = fitServeProfile(cases.filter((c) => c.hardware.chip === "huawei-ascend-910c"));
    const s = p.summary["ascend-910c"]!;
    expect(s.cases).toBe(2);
    expect(s.loo_median_abs_error!).toBeGreaterThanOrEqual(s.median_abs_error! - 1e-9);
  });
});

describe("fitServeProfile() die generations", () => {
  const cm384 = cases.filter((c) => c.hardware.chip === "huawei-ascend-910c");
  const on910b = cases.filter((c) => {
    const chip = builtinChips().find((x) => x.id === c.hardware.chip);
    return chip?.family === "ascend-910b";
  });

  it("fitServeProfile() fits the 910B and 910C as one die: a 910B case moves the 910C's family level", () => {
    expect(on910b.length).toBeGreaterThan(0);
    const alone = fitServeProfile(cm384, { leaveOneOut: false });
    const together = fitServeProfile([...cm384, ...on910b], { leaveOneOut: false });
    // a family level is written for the families with cases, each with its own count; a 910B without cases of
    // its own reads the 910C's level (serve-profile.ts)
    expect(alone.families["ascend-910b"]).toBeUndefined();
    const read = profileEfficiency(alone, "ascend-910b", "vllm-ascend");
    expect(read.source).toBe("family");
    // the 910C's level (its rounded multiplier times vLLM-Ascend's prior: equal to 3 decimals)
    expect(read.efficiency.decodeHbmFraction).toBeCloseTo(
      alone.families["ascend-910c"]!.decode_hbm_fraction,
      3,
    );
    expect(together.families["ascend-910b"]!.n_cases).toBe(on910b.length);
    expect(together.families["ascend-910c"]!.n_cases).toBe(cm384.length);
    expect(together.families["ascend-910c"]!.decode_hbm_fraction).not.toBeCloseTo(
      alone.families["ascend-910c"]!.decode_hbm_fraction,
      3,
    );
    // one w: both families carry the same decode bandwidth fraction (their engines' priors are equal, 0.6)
    expect(together.families["ascend-910b"]!.decode_hbm_fraction).toBe(
      together.families["ascend-910c"]!.decode_hbm_fraction,
    );
    // groups keep the family their cases ran on, and errors are still reported per family
    expect(together.groups.map((g) => `${g.family}/${g.stack}`).sort()).toEqual([
      "ascend-910b/mindie",
      "ascend-910c/cloudmatrix-infer",
    ]);
    expect(Object.keys(together.summary).sort()).toEqual(["all", "ascend-910b", "ascend-910c"]);
  });
});

describe("fitServeProfile() pooled GEMM offsets", () => {
  const h20 = cases.filter((c) => c.hardware.chip === "nvidia-h20");
  // one dense MI300X case: its family alone, or beside the H20 cases whose GEMM offsets it borrows
  const mi300x = cases.filter((c) => c.id === "mlperf41-mi300x8-llama2-70b-server");

  it("fitServeProfile() pools one family's GEMM offsets as its fitted/prior ratio", () => {
    const p = fitServeProfile(h20, { leaveOneOut: false });
    const prior = serveEfficiencyPrior(p.groups[0]!.stack, "nvidia-hopper");
    const hopper = p.families["nvidia-hopper"]!;
    // one family: its centre is 0 (no other family), and the pooled multiplier is its own offset
    expect(p.pooled_multipliers!.prefill_matmul_fraction).toBeCloseTo(
      hopper.prefill_matmul_fraction / prior.prefillMatmulFraction,
      2,
    );
  });

  it("fitServeProfile() pulls a one-case family's GEMM fractions towards the other families' offsets", () => {
    const alone = fitServeProfile(mi300x, { leaveOneOut: false }).families["amd-cdna3"]!;
    const withHopper = fitServeProfile([...h20, ...mi300x], { leaveOneOut: false });
    const pooled = withHopper.families["amd-cdna3"]!;
    const hopperOffset = withHopper.pooled_multipliers!.prefill_matmul_fraction;
    // the H20 cases ran their GEMMs below the prior; the MI300X case alone does not know that
    expect(hopperOffset).toBeLessThan(1);
    expect(pooled.prefill_matmul_fraction).toBeLessThanOrEqual(alone.prefill_matmul_fraction);
    // a dense case says nothing of grouped expert GEMMs: alone the family keeps the prior (1), beside the H20
    // cases it takes their offset, below 1
    expect(alone.moe_gemm_fraction).toBe(1);
    const hopperMoeOffset = withHopper.pooled_multipliers!.moe_gemm_fraction;
    expect(hopperMoeOffset).toBeLessThan(1);
    expect(pooled.moe_gemm_fraction).toBeCloseTo(hopperMoeOffset, 3);
    // (the MI300X case's prefill GEMM fraction sits on a plateau of its objective since the refit of stop 32, as
    // CloudMatrix384's prefill case did from stop 17: it lands on the same value with or without the centre)
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
    // Blackwell's slow long-context MLA attention is fitted apart from Hopper's (fit-serve-profile.ts): below 0.75 of
    // its 0.5 prior (0.34 for TensorRT-LLM at stop 25), while the Hopper groups' sits above 1.5x it (0.94-0.99). It
    // is not asserted below Blackwell's own HBM fraction: it was at stop 24 (0.31 against 0.31), and after stop 25's
    // TensorRT-LLM memory rule it is above it (0.34 against 0.30); the cases do not separate the two.
    const bw = builtinServeProfile().groups.find(
      (g) => g.family === "nvidia-blackwell" && g.stack === "tensorrt-llm",
    )!;
    const prior = serveEfficiencyPrior("tensorrt-llm", "nvidia-blackwell").attentionFraction;
    expect(bw.attention_fraction!).toBeLessThan(0.75 * prior);
    for (const g of builtinServeProfile().groups.filter((x) => x.family === "nvidia-hopper")) {
      expect(g.attention_fraction!).toBeGreaterThan(bw.attention_fraction! * 1.5);
    }
  });
});
