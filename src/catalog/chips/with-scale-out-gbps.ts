import type { Chip } from "./chip-schema.ts";

/**
 * Highest NIC line rate per chip a site may state, Gb/s: 10^5, 250x today's 400G (an engineering bound, not a
 * measurement), shared by every flag and request body that takes one (review 39: train's flag had none).
 */
export const MAX_SCALE_OUT_GBPS = 1e5;

/**
 * The chip with a site's NIC line rate per chip, Gb/s, where one is given (a case's `scaleout_gbps_per_chip`, a
 * `--scale-out-gbps` flag, a fleet pool's override); unchanged when none is.
 */
export function withScaleOutGbps(chip: Chip, gbps: number | null | undefined): Chip {
  return gbps == null ? chip : { ...chip, scaleOut: { ...chip.scaleOut, chipGbps: gbps } };
}
