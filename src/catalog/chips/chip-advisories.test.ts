import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { chipAdvisories } from "./chip-advisories.ts";

const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;

describe("chipAdvisories()", () => {
  it("finds nothing sparse in the built-in chips", () => {
    const codes = builtinChips().flatMap((c) => chipAdvisories(c).map((a) => a.code));
    const sparse = ["bf16-differs-from-fp16", "fp8-above-twice-bf16", "tf32-above-half-bf16"];
    expect(codes.filter((code) => sparse.includes(code))).toEqual([]);
  });

  it("says which built-in chips lack BF16 or carry figures fleetcast filled", () => {
    const by = (id: string) => chipAdvisories(builtinChips().find((c) => c.id === id)!).map((a) => a.code);
    expect(by("huawei-ascend-910a")).toEqual(["no-bf16", "figures-filled"]);
    expect(by("huawei-ascend-910b1")).toEqual(["figures-filled"]);
    expect(by("huawei-ascend-910b2")).toEqual([]);
    const filled = chipAdvisories(builtinChips().find((c) => c.id === "huawei-ascend-910b1")!)[0];
    expect(filled?.message).toMatch(/bf16_dense_tflops/);
  });

  it("flags the sparse H100 headline entered as dense BF16", () => {
    // research/hardware.md §1: 1,979 is H100 BF16 with sparsity
    const codes = chipAdvisories({ ...h100, peakTflops: { ...h100.peakTflops, bf16: 1979 } }).map(
      (a) => a.code,
    );
    expect(codes).toContain("bf16-differs-from-fp16");
  });

  it("flags a sparse FP8 figure next to a dense BF16 one", () => {
    const codes = chipAdvisories({ ...h100, peakTflops: { ...h100.peakTflops, fp8: 3958 } }).map(
      (a) => a.code,
    );
    expect(codes).toEqual(["fp8-above-twice-bf16"]);
  });

  it("flags missing memory figures", () => {
    const advisories = chipAdvisories({ ...h100, hbmTBps: null });
    expect(advisories.map((a) => a.code)).toEqual(["memory-unknown"]);
    expect(advisories[0]?.message).toMatch(/HBM bandwidth/);
  });
});
