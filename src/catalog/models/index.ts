export {
  builtinModels,
  type CatalogModel,
  findBuiltinModel,
  parseConfigText,
  type ResolvedModel,
  resolveModel,
} from "./model-catalog.ts";
