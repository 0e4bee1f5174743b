import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { largerMemorySkuOf } from "./larger-memory-sku.ts";

describe("largerMemorySkuOf()", () => {
  it("largerMemorySkuOf() gives the 800I A2's and the 910B4's 64 GB SKUs, same family and peaks, more memory", () => {
    const chips = builtinChips();
    for (const id of ["huawei-atlas-800i-a2", "huawei-ascend-910b4"]) {
      const small = chips.find((c) => c.id === id);
      const large = largerMemorySkuOf(id, chips);
      expect(small?.hbmGB).toBe(32);
      expect(large?.hbmGB).toBe(64);
      expect(large?.hbmTBps).toBe(1.6);
      expect(large?.family).toBe(small?.family);
      expect(large?.peakTflops.bf16).toBe(small?.peakTflops.bf16);
    }
  });

  it("largerMemorySkuOf() is null for a chip sold in one size, and for a catalog without the larger id", () => {
    expect(largerMemorySkuOf("huawei-ascend-910b2", builtinChips())).toBeNull();
    const withoutLarge = builtinChips().filter((c) => c.id !== "huawei-atlas-800i-a2-64g");
    expect(largerMemorySkuOf("huawei-atlas-800i-a2", withoutLarge)).toBeNull();
  });
});
