import type { ChipFamily } from "../chips/index.ts";
import type { Stack, StackEfficiency } from "./stack-schema.ts";

/**
 * The priors of a stack on a chip family: its default `efficiency` with the fields of `byFamily[family]`
 * replacing the default's. A family's `matmulFraction` table replaces the default table whole, so a precision
 * the family has no figure for (FP8 on Ampere) stays unknown instead of inheriting another family's. A family
 * the stack has no entry for gets the default.
 * @example stackEfficiencyFor(findStack("megatron"), "nvidia-ampere").matmulFraction.bf16?.value // 0.87
 */
export function stackEfficiencyFor(stack: Stack, family: ChipFamily): StackEfficiency {
  const patch = Object.entries(stack.byFamily[family] ?? {}).filter(([, value]) => value !== undefined);
  return { ...stack.efficiency, ...Object.fromEntries(patch) };
}

/** `base` with each patch applied in turn; `matmulFraction` merges per precision, other fields replace. */
export function mergeEfficiency(
  base: StackEfficiency,
  ...patches: Partial<StackEfficiency>[]
): StackEfficiency {
  let merged: StackEfficiency = { ...base, matmulFraction: { ...base.matmulFraction } };
  for (const patch of patches) {
    merged = { ...merged, ...patch, matmulFraction: { ...merged.matmulFraction, ...patch.matmulFraction } };
  }
  return merged;
}
