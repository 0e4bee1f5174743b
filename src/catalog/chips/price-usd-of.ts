import type { ChipEntry } from "./chip-schema.ts";

/** A per-chip purchase price read from an entry's free-text `price_usd_approx`, with how it was read. */
export interface PriceUsdResult {
  priceUsd: number | null;
  /** How the number was obtained (midpoint, per-system division), or null when there is no price. */
  how: string | null;
}

const MULTIPLIERS: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6 };

/**
 * Reads `price_usd_approx` ("25000-30000 (new, secondary estimate)", "~12000 (derived ...)", "2-3 million per
 * rack", "~8 million (low-quality report)") as USD per chip: the midpoint of a range, scaled by k/million, and
 * divided by `chips_per_system` when the price is for a rack or a system entry. Text before the first "(" is
 * read; anything unreadable gives null.
 * @example priceUsdOf(h100Entry).priceUsd // 27500
 */
export function priceUsdOf(
  entry: Pick<ChipEntry, "price_usd_approx" | "kind" | "chips_per_system">,
): PriceUsdResult {
  const raw = entry.price_usd_approx;
  if (raw === null) return { priceUsd: null, how: null };
  const head = (raw.split("(")[0] ?? "").toLowerCase().replaceAll(",", "");
  const match = /(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?\s*(k|thousand|million|m)?\b/.exec(head);
  if (match === null) return { priceUsd: null, how: `could not read a number from '${raw}'` };
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  const scale = MULTIPLIERS[match[3] ?? ""] ?? 1;
  let price = ((low + high) / 2) * scale;
  let how = match[2] === undefined ? `read from '${raw}'` : `midpoint of the range in '${raw}'`;
  const perSystem = /per (rack|system|server|pod|superpod)/.test(head) || entry.kind === "system";
  if (perSystem && entry.chips_per_system !== null) {
    price /= entry.chips_per_system;
    how += `, divided by ${entry.chips_per_system} chips per system (includes the system around the chip)`;
  } else if (perSystem) {
    return { priceUsd: null, how: `'${raw}' is a system price and chips_per_system is unknown` };
  }
  return { priceUsd: price, how };
}
