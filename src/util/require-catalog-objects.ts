import { FleetcastError } from "../errors.ts";

/**
 * Refuses, as a FleetcastError naming the field, a chip or model given as an id where the library takes the
 * catalog's objects (review 35: `planServe(arch, "nvidia-h100-sxm", ...)` failed deep inside as a TypeError, and a
 * model name as a NaN-filled refusal). Plain-JavaScript callers have no type checker to say so.
 * @example requireCatalogObjects("plan serving", { chip: "nvidia-h100-sxm" }) // throws "Cannot plan serving: chip must be ..."
 */
export function requireCatalogObjects(action: string, given: { chip?: unknown; model?: unknown }): void {
  if ("chip" in given && !hasFields(given.chip, ["id", "family"])) {
    throw new FleetcastError(
      `Cannot ${action}: chip must be a catalog Chip (makeChipCatalog().get(id)), not ${shown(given.chip)}`,
      "chip",
    );
  }
  if ("model" in given && !hasFields(given.model, ["name", "hiddenSize", "numLayers"])) {
    throw new FleetcastError(
      `Cannot ${action}: model must be a ModelArch (resolveModel(name).arch or importModel(config).arch), not ${shown(given.model)}`,
      "model",
    );
  }
}

function hasFields(value: unknown, keys: readonly string[]): boolean {
  return typeof value === "object" && value !== null && keys.every((k) => k in value);
}

function shown(value: unknown): string {
  if (typeof value === "string") return `the id "${value}"`;
  if (value === null || value === undefined) return String(value);
  return typeof value === "object" ? "an object without its fields" : `${typeof value} ${String(value)}`;
}
