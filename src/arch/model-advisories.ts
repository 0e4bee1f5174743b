import type { ImportAdvisory } from "./import-model.ts";
import type { ModelArch } from "./model-arch.ts";

/**
 * What the importer read by assumption (a defaulted field, an unknown family, chunked layers read as windows), as
 * advisories of the answer that used the model, each message led by the model's name.
 * @example modelAdvisories(importModel(config)) // [{ code: "unknown-model-type", message: "model X: ...", hint }]
 */
export function modelAdvisories(imported: {
  arch: ModelArch;
  advisories: readonly ImportAdvisory[];
}): ImportAdvisory[] {
  return imported.advisories.map((a) => ({ ...a, message: `model ${imported.arch.name}: ${a.message}` }));
}
