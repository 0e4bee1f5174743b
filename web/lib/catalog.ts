/**
 * The chips and models the API knows (GET /api/chips, GET /api/models), fetched once by the app and shared with
 * every view through a context: the inputs' suggestions (review 19 C3: chip and model were typed from memory),
 * which chips have FP8, and how many parallel ranks a chip is.
 */
import { createContext } from "preact";
import { getJson } from "./api.ts";

export interface CatalogChip {
  id: string;
  /** "Huawei Ascend 910C" (the id when the catalog gives no name). */
  name: string;
  /** The catalog gives the chip an FP8 peak (false: no FP8 units, as on Ascend 910 and A100). */
  fp8: boolean;
  /** Parallel ranks one chip is: 2 on the two-die Ascend 910C (two HCCL ranks a package), else 1. */
  ranksPerChip: number;
}

export interface CatalogModel {
  name: string;
  /** "DeepSeek-V3" (the name when the catalog gives none). */
  displayName: string;
}

export interface Catalog {
  chips: readonly CatalogChip[];
  models: readonly CatalogModel[];
}

/** The catalog the app fetched, or null before it arrives (or when it could not): no suggestions then. */
export const CatalogContext = createContext<Catalog | null>(null);

/** Reads both lists; an answer that is not the expected shape gives an empty list, not an error. */
export async function fetchCatalog(signal?: AbortSignal): Promise<Catalog> {
  const [chips, models] = await Promise.all([
    getJson<unknown>("/api/chips", signal),
    getJson<unknown>("/api/models", signal),
  ]);
  return { chips: listOf(chips, "chips").flatMap(chipOf), models: listOf(models, "models").flatMap(modelOf) };
}

/**
 * Why `precision` cannot be trained on the chip, or null: the catalog gives the chip no FP8 (Ascend 910B/910C,
 * A100; the Ascend 950 has it), so an FP8 request is refused; said beside the precision input before it is sent.
 * @example precisionProblem(catalog, "huawei-ascend-910c", "fp8") // "Huawei Ascend 910C has no FP8: choose bf16"
 */
export function precisionProblem(catalog: Catalog | null, chipId: string, precision: string): string | null {
  if (precision !== "fp8" || catalog === null) return null;
  const chip = catalog.chips.find((c) => c.id === chipId.trim());
  return chip && !chip.fp8 ? `${chip.name} has no FP8: choose bf16` : null;
}

// --- internal ---

function listOf(json: unknown, key: string): unknown[] {
  if (json === null || typeof json !== "object" || !(key in json)) return [];
  const list = (json as Record<string, unknown>)[key];
  return Array.isArray(list) ? list : [];
}

function chipOf(x: unknown): CatalogChip[] {
  if (x === null || typeof x !== "object") return [];
  const c = x as { id?: unknown; name?: unknown; peak_tflops?: { fp8?: unknown }; ranks_per_chip?: unknown };
  if (typeof c.id !== "string") return [];
  const fp8 = c.peak_tflops?.fp8;
  const ranks = c.ranks_per_chip;
  return [
    {
      id: c.id,
      name: typeof c.name === "string" ? c.name : c.id,
      fp8: typeof fp8 === "number" && fp8 > 0,
      ranksPerChip: typeof ranks === "number" && Number.isInteger(ranks) && ranks >= 1 ? ranks : 1,
    },
  ];
}

function modelOf(x: unknown): CatalogModel[] {
  if (x === null || typeof x !== "object") return [];
  const m = x as { name?: unknown; display_name?: unknown };
  if (typeof m.name !== "string") return [];
  return [{ name: m.name, displayName: typeof m.display_name === "string" ? m.display_name : m.name }];
}
