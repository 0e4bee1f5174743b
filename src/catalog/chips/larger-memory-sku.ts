import type { Chip } from "./chip-schema.ts";

/**
 * Parts sold with two memory sizes under one name, the catalog holding the smaller as the named id: the larger
 * SKU's id, per smaller id. Huawei's Atlas 800I A2 comes as 8 x 32 GB (910B4, 0.8 TB/s) and 8 x 64 GB (910B4-1,
 * 1.6 TB/s): hardware.json's huawei-atlas-800i-a2 entry lists both SKUs (`uncertain.hbm_gb`, source
 * atlas-spec-transcription "three SKUs: 32G HCCS, 32G PCIe, 64G HCCS"), and Huawei's MindIE DeepSeek guide names the
 * 8*64G server for DeepSeek-class serving (data/added-chips.json, huawei-atlas-800i-a2-64g's sources).
 */
const LARGER_MEMORY_SKU: Readonly<Record<string, string>> = {
  "huawei-ascend-910b4": "huawei-ascend-910b4-1",
  "huawei-atlas-800i-a2": "huawei-atlas-800i-a2-64g",
};

/**
 * The larger-memory SKU of a chip sold in two memory sizes under one name, found in `chips`; null when the chip has
 * none or the catalog lacks it. Used where a run states a deployment the named id cannot hold: it ran, so it was
 * the larger SKU (src/serve/predict-serve-case.ts); and to hint at it when a plan does not fit.
 * @example largerMemorySkuOf("huawei-atlas-800i-a2", builtinChips())?.hbmGB // 64
 */
export function largerMemorySkuOf(chipId: string, chips: readonly Chip[]): Chip | null {
  const larger = LARGER_MEMORY_SKU[chipId];
  return larger === undefined ? null : (chips.find((c) => c.id === larger) ?? null);
}
