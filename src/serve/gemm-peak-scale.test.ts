import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { achievedGemmShare, gemmPeakScale, measuredGemmShares, REFERENCE_SHARE } from "./gemm-peak-scale.ts";

const chip = (id: string) => {
  const c = builtinChips().find((x) => x.id === id);
  if (c === undefined) throw new Error(`no chip ${id}`);
  return c;
};

describe("achievedGemmShare()", () => {
  it("reads H100's measured FP8 share below its BF16 share (MAMF 70.9 % vs 80.3 %)", () => {
    const h100 = chip("nvidia-h100-sxm");
    expect(achievedGemmShare(h100, "fp8")).toBeCloseTo(0.709, 3);
    expect(achievedGemmShare(h100, "bf16")).toBeCloseTo(0.803, 3);
  });

  it("gives a chip without its own measurement its family reference's (H800 and H200 as H100)", () => {
    for (const id of ["nvidia-h800-sxm", "nvidia-h200-sxm"]) {
      expect(achievedGemmShare(chip(id), "fp8")).toBe(achievedGemmShare(chip("nvidia-h100-sxm"), "fp8"));
    }
  });

  it("reads the 910B2's torch_npu best-shape search as its BF16 share (328 of 376 TFLOPS)", () => {
    expect(achievedGemmShare(chip("huawei-ascend-910b2"), "bf16")).toBeCloseTo(328 / 376, 9);
  });

  it("takes the BF16 share for a precision the chip has no measurement of (910B2 INT8)", () => {
    const b2 = chip("huawei-ascend-910b2");
    expect(achievedGemmShare(b2, "int8")).toBe(achievedGemmShare(b2, "bf16"));
  });

  it("gives 910C, built from the 910B die, the 910B2's share", () => {
    expect(achievedGemmShare(chip("huawei-ascend-910c"), "bf16")).toBe(
      achievedGemmShare(chip("huawei-ascend-910b2"), "bf16"),
    );
  });

  it("leaves a family without measurements at the reference share (scale 1)", () => {
    const b200 = chip("nvidia-b200-hgx");
    expect(achievedGemmShare(b200, "fp4")).toBe(REFERENCE_SHARE);
    expect(gemmPeakScale(b200, "bf16")).toBe(1);
  });
});

describe("measuredGemmShares()", () => {
  const h100 = chip("nvidia-h100-sxm");
  const withMeasured = (measured: typeof h100.measured) => ({ ...h100, measured });
  const entry = (metric: string, value: number) => ({
    metric,
    value,
    unit: "TFLOPS",
    conditions: "",
    source: "t",
  });

  it("reads the catalog's max-achievable matmul entries over the dense peak, the best of several", () => {
    const s = measuredGemmShares(
      withMeasured([entry("max achievable BF16 matmul", 700), entry("max achievable BF16 matmul", 790)]),
    );
    expect(s?.bf16).toBeCloseTo(790 / 989.4, 9);
    expect(s?.fp8).toBeUndefined();
  });

  it("ignores entries qualified otherwise (a proxy chip) or in other units", () => {
    const proxy = entry("max achievable BF16 matmul (GH200 900 W, 141 GB HBM3e)", 828.6);
    expect(measuredGemmShares(withMeasured([proxy]))).toBeUndefined();
    expect(
      measuredGemmShares(withMeasured([{ ...entry("max achievable FP8 matmul", 1), unit: "GB/s" }])),
    ).toBe(undefined);
  });

  it("gives a chip file's own measurement precedence over its family reference's", () => {
    const own = withMeasured([entry("max achievable FP8 matmul", 1187.3)]);
    expect(achievedGemmShare(own, "fp8")).toBeCloseTo(1187.3 / 1978.9, 9);
    expect(achievedGemmShare(own, "bf16")).toBeCloseTo(1187.3 / 1978.9, 9);
  });
});

describe("gemmPeakScale()", () => {
  it("prices H20's GEMMs above H800's by their measured shares (0.905 vs 0.709 of peak)", () => {
    const ratio = gemmPeakScale(chip("nvidia-h20"), "fp8") / gemmPeakScale(chip("nvidia-h800-sxm"), "fp8");
    // the catalog's measurements: H20 DeepGEMM 267.9 of 296 TFLOPS; H100 MAMF v2 FP8 1,402.6 of 1,978.9
    expect(ratio).toBeCloseTo(267.9 / 296 / (1402.6 / 1978.9), 6);
  });

  it("prices MI300X's BF16 GEMMs below A100's share of peak", () => {
    expect(gemmPeakScale(chip("amd-mi300x"), "bf16")).toBeLessThan(
      gemmPeakScale(chip("nvidia-a100-sxm-80gb"), "bf16"),
    );
  });

  it("is a positive, finite scale for every catalog chip and precision", () => {
    for (const c of builtinChips()) {
      for (const p of ["bf16", "fp8", "int8", "fp4"] as const) {
        const s = gemmPeakScale(c, p);
        expect(s).toBeGreaterThan(0.5);
        expect(s).toBeLessThan(1.25);
      }
    }
  });
});
