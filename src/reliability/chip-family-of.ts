import type { ChipFamily } from "./failure-rate-set.ts";

// Chip ids as in shared/research/hardware.json; families as the catalog's `Chip.family`. The lead can
// pass the catalog's own family instead; this is the fallback for bare case files.
const PATTERNS: readonly (readonly [RegExp, ChipFamily])[] = [
  [/^nvidia-a(100|800|30|40)\b/, "nvidia-ampere"],
  [/^nvidia-(h100|h800|h200|h20|gh200)\b/, "nvidia-hopper"],
  [/^nvidia-(b100|b200|b300|gb200|gb300)\b/, "nvidia-blackwell"],
  [/^nvidia-(l40s?|l20|l4|rtx-?[46]000)\b/, "nvidia-ada"],
  [/^huawei-(ascend-910a|atlas-800t?-a1)\b/, "ascend-910a"],
  [/^huawei-(ascend-910b\d?|atlas-800[ti]-a2)\b/, "ascend-910b"],
  [/^huawei-(ascend-910c|cloudmatrix-384|atlas-900-a3)\b/, "ascend-910c"],
  [/^huawei-(ascend-950|atlas-350-950|atlas-950)/, "ascend-950"],
  [/^huawei-ascend-9[6-9]\d\b/, "ascend-future"],
  [/^amd-mi3[5-9]\dx?\b/, "amd-cdna4"],
  [/^amd-mi3\d\dx?\b/, "amd-cdna3"],
  [/^google-tpu/, "google-tpu"],
  [/^cambricon-/, "cambricon"],
];

/** The chip family of a catalog chip id by its name, "other" when unknown. */
export function chipFamilyOf(chipId: string): ChipFamily {
  for (const [re, family] of PATTERNS) if (re.test(chipId)) return family;
  return "other";
}
