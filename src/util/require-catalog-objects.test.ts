import { describe, expect, it } from "vitest";
import { builtinChips } from "../catalog/chips/index.ts";
import { resolveModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import { requireCatalogObjects } from "./require-catalog-objects.ts";

describe("requireCatalogObjects()", () => {
  it("requireCatalogObjects() passes the catalog's objects and refuses ids, naming the field", () => {
    const chip = builtinChips()[0];
    const model = resolveModel("llama-3.1-8b").arch;
    expect(() => requireCatalogObjects("plan serving", { chip, model })).not.toThrow();
    const error = (() => {
      try {
        requireCatalogObjects("plan serving", { chip: "nvidia-h100-sxm", model });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FleetcastError);
    expect((error as FleetcastError).message).toBe(
      'Cannot plan serving: chip must be a catalog Chip (makeChipCatalog().get(id)), not the id "nvidia-h100-sxm"',
    );
    expect((error as FleetcastError).path).toBe("chip");
    expect(() => requireCatalogObjects("plan serving", { chip, model: "llama-3.1-8b" })).toThrow(
      /model must be a ModelArch .* not the id "llama-3.1-8b"$/,
    );
    expect(() => requireCatalogObjects("plan serving", { model: undefined })).toThrow(/not undefined$/);
  });
});
