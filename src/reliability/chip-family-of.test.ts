import { expect, test } from "vitest";
import { chipFamilyOf } from "./chip-family-of.ts";

// Ids from shared/research/hardware.json.
test.each([
  ["nvidia-h100-sxm", "nvidia-hopper"],
  ["nvidia-h800-sxm", "nvidia-hopper"],
  ["nvidia-h20", "nvidia-hopper"],
  ["nvidia-a100-sxm-80gb", "nvidia-ampere"],
  ["nvidia-b200-hgx", "nvidia-blackwell"],
  ["huawei-ascend-910b2", "ascend-910b"],
  ["huawei-ascend-910c", "ascend-910c"],
  ["huawei-cloudmatrix-384", "ascend-910c"],
  ["huawei-ascend-950pr", "ascend-950"],
  ["amd-mi300x", "amd-cdna3"],
  ["amd-mi355x", "amd-cdna4"],
  ["nvidia-gb300-nvl72-per-gpu", "nvidia-blackwell"],
  ["mystery-chip", "other"],
])("chipFamilyOf(%s) is %s", (id, family) => {
  expect(chipFamilyOf(id)).toBe(family);
});
