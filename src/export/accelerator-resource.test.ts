import { describe, expect, it } from "vitest";
import { acceleratorResourceName } from "./accelerator-resource.ts";

describe("acceleratorResourceName()", () => {
  it("names each vendor's device-plugin resource", () => {
    expect(acceleratorResourceName("nvidia-hopper")).toBe("nvidia.com/gpu");
    expect(acceleratorResourceName("nvidia-blackwell")).toBe("nvidia.com/gpu");
    expect(acceleratorResourceName("ascend-910b")).toBe("huawei.com/Ascend910");
    expect(acceleratorResourceName("ascend-910c")).toBe("huawei.com/Ascend910");
    expect(acceleratorResourceName("amd-cdna3")).toBe("amd.com/gpu");
    expect(acceleratorResourceName("amd-cdna4")).toBe("amd.com/gpu");
  });

  it("refuses families without a documented resource name", () => {
    expect(() => acceleratorResourceName("ascend-950", "huawei-atlas-350-950pr-card")).toThrow(
      /^Cannot export a Kubernetes resource request for huawei-atlas-350-950pr-card: /,
    );
    expect(() => acceleratorResourceName("google-tpu")).toThrow(/google-tpu/);
  });
});
