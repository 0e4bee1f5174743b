import * as z from "zod";

/**
 * A seed of fleetcast's seeded generators: a non-negative 32-bit signed integer, the range pure-rand's generators
 * take (`xoroshiro128plus(seed)` reads the seed as a 32-bit int; run-monte-carlo.ts, arrivals.ts).
 */
export const SeedSchema = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);
