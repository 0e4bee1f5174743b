import { describe, expect, it } from "vitest";
import { serveTrackRecordOf } from "../calibrate/index.ts";
import {
  builtinServeProfile,
  calibrationAdvisory,
  moeCalibrationAdvisory,
  profileEfficiency,
} from "./serve-profile.ts";

const profile = builtinServeProfile();

describe("calibrationAdvisory()", () => {
  it("calibrationAdvisory() is silent for a stack fitted on its own cases", () => {
    expect(profileEfficiency(profile, "nvidia-hopper", "sglang").source).toBe("group");
    expect(calibrationAdvisory(profile, "nvidia-hopper", "sglang")).toBeNull();
  });

  it("calibrationAdvisory() says when a stack borrows its family's fit, naming the stacks it came from", () => {
    const a = calibrationAdvisory(profile, "nvidia-hopper", "vllm");
    expect(a?.code).toBe("stack_not_calibrated");
    expect(a?.message).toMatch(
      /^No published vllm case on nvidia-hopper .* fitted on .*sglang \(\d+ cases\).*$/,
    );
    // how thin the basis is, and that the 910B's level was fitted on the 910C's cases too (one die)
    expect(calibrationAdvisory(profile, "ascend-910b", "vllm-ascend")?.message).toMatch(
      /fitted on mindie \(1 case\), cloudmatrix-infer \(2 cases on ascend-910c\)$/,
    );
    expect(calibrationAdvisory(profile, "ascend-910c", "vllm-ascend")?.message).toMatch(
      /fitted on mindie \(1 case on ascend-910b\), cloudmatrix-infer \(2 cases\)$/,
    );
  });

  it("calibrationAdvisory() gives the engine's held-out record on the family where the held-out sets priced it", () => {
    const record = serveTrackRecordOf("ascend-910b", "vllm-ascend")!;
    expect(record.runs).toBeGreaterThan(0);
    const hint = calibrationAdvisory(profile, "ascend-910b", "vllm-ascend")?.hint;
    expect(hint).toContain(
      `; held out, vllm-ascend on ascend-910b: ${record.runs} runs from ${record.sources} publications, median |error| ${Math.round(record.median_abs_error * 100)} %, ${record.within_35pct} within 35 %, predicted faster than measured in ${record.optimistic} (data/holdout)`,
    );
    // no held-out run priced TensorRT-LLM on the 910B: nothing to add
    expect(serveTrackRecordOf("ascend-910b", "tensorrt-llm")).toBeNull();
  });

  it("calibrationAdvisory() says when a family has no case at all, and without a profile", () => {
    expect(calibrationAdvisory(profile, "nvidia-ampere", "vllm")?.code).toBe("family_not_calibrated");
    expect(calibrationAdvisory(null, "nvidia-hopper", "sglang")?.code).toBe("family_not_calibrated");
  });
});

describe("profileEfficiency()", () => {
  it("profileEfficiency() scales an uncalibrated family's GEMM priors by the pooled multipliers, capped at 1", () => {
    const prior = profileEfficiency(null, "nvidia-ampere", "vllm");
    const pooled = profileEfficiency(profile, "nvidia-ampere", "vllm");
    expect(prior.source).toBe("prior");
    expect(pooled.source).toBe("pooled");
    const m = profile.pooled_multipliers!;
    expect(pooled.efficiency.prefillMatmulFraction).toBeCloseTo(
      Math.min(1, prior.efficiency.prefillMatmulFraction * m.prefill_matmul_fraction),
      9,
    );
    expect(pooled.efficiency.moeGemmFraction).toBeCloseTo(Math.min(1, m.moe_gemm_fraction), 9);
    // the other fields stay the catalog's
    expect(pooled.efficiency.decodeHbmFraction).toBe(prior.efficiency.decodeHbmFraction);
    const huge = { ...profile, pooled_multipliers: { prefill_matmul_fraction: 5, moe_gemm_fraction: 5 } };
    expect(profileEfficiency(huge, "nvidia-ampere", "vllm").efficiency.prefillMatmulFraction).toBe(1);
  });
});

describe("moeCalibrationAdvisory()", () => {
  it("moeCalibrationAdvisory() says when an engine has no MoE case on the die, naming what its experts are priced on", () => {
    const amd = moeCalibrationAdvisory(profile, "amd-cdna3", "rocm-vllm", true);
    expect(amd?.code).toBe("moe_not_calibrated");
    expect(amd?.message).toContain("pooled from other families' tuned engines");
    const ascend = moeCalibrationAdvisory(profile, "ascend-910b", "vllm-ascend", true);
    expect(ascend?.message).toContain("cloudmatrix-infer (2 on ascend-910c)");
    expect(moeCalibrationAdvisory(profile, "nvidia-hopper", "vllm", true)?.message).toMatch(/sglang \(7\)/);
  });

  it("moeCalibrationAdvisory() is silent for a dense model, an engine with its own MoE cases, and an older profile", () => {
    expect(moeCalibrationAdvisory(profile, "amd-cdna3", "rocm-vllm", false)).toBeNull();
    expect(moeCalibrationAdvisory(profile, "nvidia-hopper", "sglang", true)).toBeNull();
    const older = { ...profile, groups: profile.groups.map(({ n_moe_cases: _, ...g }) => g) };
    expect(moeCalibrationAdvisory(older, "amd-cdna3", "rocm-vllm", true)).toBeNull();
    expect(moeCalibrationAdvisory(null, "amd-cdna3", "rocm-vllm", true)).toBeNull();
  });
});
