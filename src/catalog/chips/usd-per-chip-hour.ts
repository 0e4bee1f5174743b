import type { Chip } from "./chip-schema.ts";

// Amortised ownership cost when the catalog has no rental price: purchase price over a 4-year service life, doubled
// for hosting, power, network and staff. The 4 years and the factor 2 are assumptions (flagged); the result for an
// H100 ($27.5k) is $1.57/h, near the low end of the $1.99-5.00 on-demand range (research/hardware.md §8).
const AMORTISATION_YEARS = 4;
const ALL_IN_FACTOR = 2;
const HOURS_PER_YEAR = 8760;

/** A chip-hour price with where it comes from: a catalog cloud range, or an amortised purchase price. */
export interface ChipHourPrice {
  /** Low and high $ per chip-hour (equal when amortised). */
  usd: readonly [number, number];
  source: string;
  kind: "derived" | "assumption";
}

/**
 * What a chip-hour costs when no price is given: the catalog's on-demand cloud range, else its purchase price
 * amortised (4 years, x2 all-in: an assumption), else null. One rule for the fleet comparison and `serve plan`.
 * @example usdPerChipHourOf(h20)?.usd // [0.685, 0.685] from its $12,000 purchase price
 */
export function usdPerChipHourOf(chip: Chip): ChipHourPrice | null {
  if (chip.cloudUsdPerChipHour) {
    return {
      usd: chip.cloudUsdPerChipHour,
      source: `the catalog's on-demand range for ${chip.id} (research/hardware.md §8)`,
      kind: "derived",
    };
  }
  if (chip.priceUsd !== null) {
    const usd = (chip.priceUsd / (AMORTISATION_YEARS * HOURS_PER_YEAR)) * ALL_IN_FACTOR;
    return {
      usd: [usd, usd],
      source: `purchase price ${Math.round(chip.priceUsd).toLocaleString("en-US")} USD (catalog) over ${AMORTISATION_YEARS} years, x${ALL_IN_FACTOR} for hosting and power`,
      kind: "assumption",
    };
  }
  return null;
}
