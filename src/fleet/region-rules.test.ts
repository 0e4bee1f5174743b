import { describe, expect, it } from "vitest";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { chipAdmission, isDomesticVendor } from "./region-rules.ts";

const catalog = makeChipCatalog(builtinChips());

describe("chipAdmission()", () => {
  it("chipAdmission() admits H20 and Ascend in China, H800 as installed stock, not H100", () => {
    // research/hardware.md §7 and the catalog's export_control notes.
    expect(chipAdmission("china", catalog.get("nvidia-h20")).status).toBe("admitted");
    expect(chipAdmission("china", catalog.get("huawei-ascend-910c")).status).toBe("admitted");
    expect(chipAdmission("china", catalog.get("nvidia-h800-sxm")).status).toBe("installed-base");
    expect(chipAdmission("china", catalog.get("nvidia-h100-sxm")).status).toBe("excluded");
  });

  it("chipAdmission() excludes Huawei in the US and admits everything for any region", () => {
    expect(chipAdmission("us", catalog.get("huawei-ascend-910c")).status).toBe("excluded");
    expect(chipAdmission("us", catalog.get("nvidia-h100-sxm")).status).toBe("admitted");
    for (const chip of catalog.all()) expect(chipAdmission("any", chip).status).toBe("admitted");
  });

  it("chipAdmission() cites a source for every decision", () => {
    for (const chip of catalog.all())
      expect(chipAdmission("china", chip).source).toMatch(/hardware|export_control/);
  });
});

describe("isDomesticVendor()", () => {
  it("isDomesticVendor() counts Huawei as domestic in China and NVIDIA in the US", () => {
    expect(isDomesticVendor("china", catalog.get("huawei-ascend-910c"))).toBe(true);
    expect(isDomesticVendor("china", catalog.get("nvidia-h20"))).toBe(false);
    expect(isDomesticVendor("us", catalog.get("nvidia-h20"))).toBe(true);
  });
});
