import { FleetcastError } from "../../errors.ts";
import type { Chip } from "./chip-schema.ts";
import { suggestIds } from "./suggest-ids.ts";

/** A set of chips addressed by id. */
export interface ChipCatalog {
  /** Every chip: base order, overridden ones in place, added ones after. */
  all(): readonly Chip[];
  /** @throws {FleetcastError} "Cannot find chip 'h100': did you mean nvidia-h100-sxm, ...?" */
  get(id: string): Chip;
  has(id: string): boolean;
}

/**
 * A catalog of `base` chips (usually `builtinChips()`) with `extra` ones (usually from `parseChipFile`) merged
 * by id: an extra chip with a base id replaces that chip whole, a new id is added. Ids are found whatever their
 * case.
 * @example makeChipCatalog(builtinChips()).get("amd-mi300x").hbmGB // 192
 */
export function makeChipCatalog(base: readonly Chip[], extra: readonly Chip[] = []): ChipCatalog {
  const byId = new Map<string, Chip>();
  for (const chip of [...base, ...extra]) byId.set(chip.id, chip);
  const chips = Object.freeze([...byId.values()]);
  // ids are lower-case kebab; "NVIDIA-H20" finds nvidia-h20 as model names are found whatever their case
  const byLowerId = new Map(chips.map((c) => [c.id.toLowerCase(), c]));
  const find = (id: string) => byId.get(id) ?? byLowerId.get(id.toLowerCase());
  return {
    all: () => chips,
    has: (id) => find(id) !== undefined,
    get(id) {
      const chip = find(id);
      if (chip !== undefined) return chip;
      const near = suggestIds(id, [...byId.keys()]);
      const hint =
        near.length > 0 ? `did you mean ${near.join(", ")}?` : `no similar id among ${chips.length} chips`;
      // an id far longer than any chip's is shown cut, not echoed whole into the message (QA 30: 5,000 characters)
      const shown =
        id.length > MAX_SHOWN_ID ? `${id.slice(0, MAX_SHOWN_ID)}... (${id.length} characters)` : id;
      throw new FleetcastError(`Cannot find chip '${shown}': ${hint}`, "chip");
    },
  };
}

/** The longest id a message repeats whole; catalog ids are under 40 characters. */
const MAX_SHOWN_ID = 80;
