export { type FlopsOptions, type FlopsPerToken, flopsPerToken } from "./flops.ts";
export { type ImportAdvisory, type ImportedModel, importModel, KNOWN_MODEL_TYPES } from "./import-model.ts";
export { indexerParams, type LayerInventory, layerInventory } from "./layer-inventory.ts";
export {
  BYTES_PER_PARAM,
  kvCacheBytes,
  kvCacheBytesPerToken,
  type WeightPrecision,
  weightBytes,
} from "./memory-per-token.ts";
export { modelAdvisories } from "./model-advisories.ts";
export type {
  LinearAttentionShape,
  MlaShape,
  MlpKind,
  ModelArch,
  MoeShape,
  SparseAttentionShape,
} from "./model-arch.ts";
export { type ModelSummary, SUMMARY_SEQ_LENS, summarizeModel } from "./model-summary.ts";
export { type ParamCounts, paramCounts } from "./param-counts.ts";
export {
  indexerKeyBytes,
  indexerKeyShare,
  kvElementsPerLayerToken,
  linearStateBytes,
  linearStateTokens,
  scoredLayerKeys,
  windowedLayerTokens,
} from "./windowed-layers.ts";
