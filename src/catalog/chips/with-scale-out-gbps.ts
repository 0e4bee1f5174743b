import type { Chip } from "./chip-schema.ts";

/**
 * The chip with a site's NIC line rate per chip, Gb/s, where one is given (a case's `scaleout_gbps_per_chip`, a
 * `--scale-out-gbps` flag, a fleet pool's override); unchanged when none is.
 */
export function withScaleOutGbps(chip: Chip, gbps: number | null | undefined): Chip {
  return gbps == null ? chip : { ...chip, scaleOut: { ...chip.scaleOut, chipGbps: gbps } };
}
