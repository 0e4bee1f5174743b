import * as z from "zod";
import { importModel, summarizeModel } from "../arch/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { InvalidFieldError } from "./invalid-field-error.ts";

/** `POST /api/models/import`: a Hugging Face config.json pasted whole, and an optional display name. */
export const ModelImportBodySchema = z.strictObject({
  config: z.record(z.string(), z.unknown()).meta({ description: "A Hugging Face config.json object" }),
  name: z.string().min(1).max(200).optional(),
});
export type ModelImportBody = z.output<typeof ModelImportBodySchema>;

/**
 * Reads a pasted config.json into fleetcast's architecture and summarises it as `fleetcast models show` does,
 * with the importer's advisories (guessed fields, unknown families).
 * @throws {InvalidFieldError} when a field the planner needs is missing, of the wrong type or inconsistent (path under
 * `config.`): a 400, as a schema's refusal
 */
export function modelImportJob(body: ModelImportBody) {
  try {
    const { arch, advisories } = importModel(body.config, body.name);
    return { model: snakeCaseKeys(summarizeModel(arch)), advisories };
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    const field = error.path ? `config.${error.path}` : "config";
    // what fleetcast does not model is a 422; a config it cannot read, a malformed field (400)
    if (error.unsupported) throw new FleetcastError(error.message, field, { unsupported: true });
    throw new InvalidFieldError(error.message, field);
  }
}
