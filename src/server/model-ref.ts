import * as z from "zod";
import { type ImportedModel, importModel } from "../arch/index.ts";
import { suggestIds } from "../catalog/chips/index.ts";
import { builtinModels, findBuiltinModel } from "../catalog/models/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import { InvalidFieldError } from "./invalid-field-error.ts";

/**
 * A model in a request: a built-in model name or alias (`GET /api/models`), or a Hugging Face config.json
 * object pasted whole. Never a file path: the API reads no files on a client's behalf.
 */
export const ModelRefSchema = z
  .union([z.string().min(1).max(200), z.record(z.string(), z.unknown())], {
    error: "must be a built-in model name or a Hugging Face config.json object",
  })
  .meta({ description: "A built-in model name (GET /api/models) or a Hugging Face config.json object" });

export type ModelRef = z.output<typeof ModelRefSchema>;

/**
 * The architecture of a model reference with the importer's advisories; `path` names the request field in errors.
 * @throws {FleetcastError} for an unknown name (with "did you mean")
 * @throws {InvalidFieldError} for a config the importer cannot read (a field missing or of the wrong type)
 * @example importModelRef("llama-3.1-8b", "model").arch.numLayers // 32
 */
export function importModelRef(ref: ModelRef, path: string): ImportedModel {
  if (typeof ref === "string") {
    const found = findBuiltinModel(ref);
    if (!found) {
      const near = suggestIds(
        ref,
        builtinModels().map((m) => m.name),
        3,
      );
      const hint = near.length > 0 ? `did you mean ${near.join(", ")}?` : "GET /api/models lists them";
      throw new FleetcastError(`Cannot find model '${ref}': not a built-in model; ${hint}`, path);
    }
    return importModel(found.config, found.displayName);
  }
  try {
    return importModel(ref);
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    const field = error.path ? `${path}.${error.path}` : path;
    // a config naming what fleetcast does not model is well formed (422); one it cannot read is a malformed body field
    // (400), as a schema's refusal is
    if (error.unsupported) throw new FleetcastError(error.message, field, { unsupported: true });
    throw new InvalidFieldError(error.message, field);
  }
}
