export {
  builtinModels,
  type CatalogModel,
  findBuiltinModel,
  huggingFaceName,
  parseConfigText,
  type ResolvedModel,
  resolveModel,
} from "./model-catalog.ts";
