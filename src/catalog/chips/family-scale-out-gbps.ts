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

/**
 * The NIC rate to read a published case with: the one it states, else the catalog's (null: `withScaleOutGbps` keeps
 * the chip's), else, for a case spanning scale-up domains on a chip the catalog has none for, the family's
 * (`familyScaleOutGbps`) with the assumption said in words.
 */
export function caseScaleOutGbps(
  chip: Chip,
  count: number,
  stated: number | null | undefined,
  catalog: readonly Chip[],
): { gbps: number | null; assumption: string | null } {
  if (stated != null) return { gbps: stated, assumption: null };
  if (chip.scaleOut.chipGbps != null || count <= chip.scaleUp.domainSize)
    return { gbps: null, assumption: null };
  const gbps = familyScaleOutGbps(chip, catalog);
  return gbps === null
    ? { gbps: null, assumption: null }
    : {
        gbps,
        assumption: `scale-out ${gbps} Gb/s per chip: not stated, and ${chip.id} has none in the catalog; the rate most ${chip.family} chips state`,
      };
}
