import { describe, expect, it } from "vitest";
import { COLLECTIVE_PROFILES, defaultCollectiveEfficiency } from "./collective-efficiency.ts";

describe("defaultCollectiveEfficiency()", () => {
  it("resolves family names and hardware.json chip ids to the matching profile", () => {
    const expected: Record<string, string> = {
      "nvidia-hopper": "nvidia-hopper",
      "nvidia-h100-sxm": "nvidia-hopper",
      "nvidia-h20": "nvidia-hopper",
      "nvidia-a100-sxm-80gb": "nvidia-ampere",
      "nvidia-b200-hgx": "nvidia-blackwell",
      "nvidia-gb200-nvl72-per-gpu": "nvidia-blackwell",
      "nvidia-l40s": "nvidia-ada",
      "huawei-ascend-910a": "ascend-910a",
      "huawei-ascend-910b2": "ascend-910b",
      "huawei-atlas-800t-a2": "ascend-910b",
      "huawei-ascend-910c": "ascend-910c",
      "huawei-cloudmatrix-384": "ascend-910c",
      "huawei-ascend-950dt": "ascend-950",
      "amd-mi325x": "amd-cdna3",
      "amd-mi355x": "amd-cdna4",
      "google-tpu-v5p": "google-tpu",
      "cambricon-mlu590": "generic",
    };
    for (const [family, profile] of Object.entries(expected)) {
      expect(defaultCollectiveEfficiency(family).profile, family).toBe(profile);
    }
  });

  it("gives a profile to every chip of research/hardware.json", () => {
    // The 27 ids of research/hardware.json.
    const ids = [
      "nvidia-a100-sxm-80gb",
      "nvidia-h100-sxm",
      "nvidia-h800-sxm",
      "nvidia-h20",
      "nvidia-h200-sxm",
      "nvidia-b200-hgx",
      "nvidia-gb200-nvl72-per-gpu",
      "nvidia-l40s",
      "nvidia-l20",
      "huawei-ascend-910a",
      "huawei-ascend-910b2",
      "huawei-ascend-910b3",
      "huawei-ascend-910b4",
      "huawei-ascend-910b1",
      "huawei-atlas-800t-a2",
      "huawei-atlas-800i-a2",
      "huawei-ascend-910c",
      "huawei-cloudmatrix-384",
      "huawei-ascend-950pr",
      "huawei-atlas-350-950pr-card",
      "huawei-ascend-950dt",
      "huawei-ascend-960",
      "huawei-ascend-970",
      "amd-mi300x",
      "amd-mi325x",
      "google-tpu-v5p",
      "cambricon-mlu590",
    ];
    const generic = ids.filter((id) => defaultCollectiveEfficiency(id).profile === "generic");
    expect(generic).toEqual(["cambricon-mlu590"]);
    for (const id of ids) {
      expect(COLLECTIVE_PROFILES, id).toContain(defaultCollectiveEfficiency(id).profile);
    }
  });

  it("carries the measured NCCL, HCCL and RCCL fractions of hardware.md §5.2", () => {
    expect(defaultCollectiveEfficiency("nvidia-hopper").intraBusBwFraction).toBe(0.82);
    expect(defaultCollectiveEfficiency("nvidia-hopper").interBusBwFraction).toBe(0.97);
    expect(defaultCollectiveEfficiency("nvidia-ampere").intraBusBwFraction).toBe(0.78);
    expect(defaultCollectiveEfficiency("ascend-910b").intraBusBwFraction).toBe(0.64);
    expect(defaultCollectiveEfficiency("amd-cdna3").intraBusBwFraction).toBe(0.7);
  });

  it("cites a source for every number it sets and flags placeholders", () => {
    for (const profile of COLLECTIVE_PROFILES) {
      const eff = defaultCollectiveEfficiency(profile);
      for (const [field, value] of Object.entries(eff)) {
        if (typeof value === "number")
          expect(eff.sources[field as keyof typeof eff.sources], field).toBeTruthy();
      }
      for (const field of eff.flagged) expect(eff.sources[field]).toMatch(/placeholder/);
    }
    expect(defaultCollectiveEfficiency("nvidia-blackwell").flagged).toContain("intraBusBwFraction");
    expect(defaultCollectiveEfficiency("nvidia-hopper").flagged).toEqual([]);
  });
});
