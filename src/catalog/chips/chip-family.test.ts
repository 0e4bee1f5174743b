import { describe, expect, it } from "vitest";
import { chipFamilyOf } from "./chip-family.ts";

const of = (id: string, name = id, vendor = "") => chipFamilyOf({ id, name, vendor, family: undefined });

describe("chipFamilyOf()", () => {
  it("tells NVIDIA generations apart, H20 from H200 included", () => {
    expect(of("nvidia-h20")).toBe("nvidia-hopper");
    expect(of("nvidia-h200-sxm")).toBe("nvidia-hopper");
    expect(of("nvidia-a800-sxm")).toBe("nvidia-ampere");
    expect(of("nvidia-gb200-nvl72-per-gpu")).toBe("nvidia-blackwell");
    expect(of("nvidia-l40s")).toBe("nvidia-ada");
  });

  it("tells Ascend generations apart", () => {
    expect(of("huawei-ascend-910b3")).toBe("ascend-910b");
    expect(of("huawei-atlas-800t-a2", "Huawei Atlas 800T A2 training server (8 x 910B2 or 910B3)")).toBe(
      "ascend-910b",
    );
    expect(of("huawei-cloudmatrix-384", "Huawei CloudMatrix 384 / Atlas 900 A3 SuperPoD (384 x 910C)")).toBe(
      "ascend-910c",
    );
    expect(of("huawei-ascend-910a")).toBe("ascend-910a");
    expect(of("huawei-ascend-960")).toBe("ascend-future");
  });

  it("honours an explicit family and falls back to other", () => {
    expect(chipFamilyOf({ id: "x", name: "X", vendor: "V", family: "amd-cdna3" })).toBe("amd-cdna3");
    expect(of("acme-npu-1")).toBe("other");
  });
});
