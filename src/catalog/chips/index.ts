/**
 * @module The chip catalog: typed accelerators (NVIDIA, Huawei Ascend, AMD, TPU) built from the sourced
 * research/hardware.json, user chip files in the same format, a catalog with "did you mean" lookups, and a
 * printable description.
 */

// building chips
export { builtinChips } from "./builtin-chips.ts";
// checks
export type { ChipAdvisory } from "./chip-advisories.ts";
export { chipAdvisories } from "./chip-advisories.ts";

// lookup and display
export type { ChipCatalog } from "./chip-catalog.ts";
export { makeChipCatalog } from "./chip-catalog.ts";
export { chipFamilyOf } from "./chip-family.ts";
export { chipFromEntry, defaultRanksPerChip } from "./chip-from-entry.ts";
// types and schema
export type { Chip, ChipEntry, ChipEntryInput, ChipFamily, Precision, ScaleUpKind } from "./chip-schema.ts";
export { CHIP_FAMILIES, ChipEntrySchema, PRECISIONS, SCALE_UP_KINDS } from "./chip-schema.ts";
export { defaultChipsPerNode } from "./default-chips-per-node.ts";
export type { ChipDescription } from "./describe-chip.ts";
export { describeChip } from "./describe-chip.ts";
export { dieGenerationOf, ownThenSameDie, sameDieFamilies } from "./die-generation.ts";
export { caseScaleOutGbps, familyScaleOutGbps } from "./family-scale-out-gbps.ts";
export { filledFields, filledFiguresAssumption } from "./fill-spec-gaps.ts";
export { hbmBytesOf } from "./hbm-bytes.ts";
export { largerMemorySkuOf } from "./larger-memory-sku.ts";
export { chipEntriesFromValue, parseChipFile } from "./parse-chip-file.ts";
export type { PriceUsdResult } from "./price-usd-of.ts";
export { priceUsdOf } from "./price-usd-of.ts";
export type { ScaleUpResult } from "./scale-up-of.ts";
export { scaleUpOf } from "./scale-up-of.ts";
export { editDistance, suggestIds } from "./suggest-ids.ts";
export { usdPerChipHourOf } from "./usd-per-chip-hour.ts";
export { MAX_SCALE_OUT_GBPS, withScaleOutGbps } from "./with-scale-out-gbps.ts";
