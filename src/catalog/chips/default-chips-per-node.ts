import type { Chip } from "./chip-schema.ts";

/**
 * Chips in one server when the caller does not say: an 8-accelerator server (NVIDIA HGX, Huawei Atlas 800), or
 * the whole scale-up domain when it is smaller (a 4-chip group). A rack-scale domain (NVL72, CloudMatrix384) still
 * comes in servers of 8 or fewer.
 */
export function defaultChipsPerNode(chip: Pick<Chip, "scaleUp">): number {
  return Math.min(8, chip.scaleUp.domainSize);
}
