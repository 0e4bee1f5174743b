import type { Chip } from "./chip-schema.ts";

/**
 * A NIC line rate per chip, Gb/s, to assume for a chip whose catalog entry has none (the H20: research/hardware.json
 * "Not found; assume 400 Gb/s per GPU like other HGX Hopper nodes only as a placeholder"): the rate most chips of
 * its family in the catalog state (ties: the lower), or null when none states one. For reading published cases
 * that span nodes without saying their network; planners ask the user instead (`--scale-out-gbps`).
 */
export function familyScaleOutGbps(chip: Chip, catalog: readonly Chip[]): number | null {
  const counts = new Map<number, number>();
  for (const c of catalog) {
    const gbps = c.scaleOut.chipGbps;
    if (c.family === chip.family && gbps != null && gbps > 0) counts.set(gbps, (counts.get(gbps) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [gbps, n] of counts) {
    const bestN = best === null ? 0 : (counts.get(best) ?? 0);
    if (n > bestN || (n === bestN && best !== null && gbps < best)) best = gbps;
  }
  return best;
}
