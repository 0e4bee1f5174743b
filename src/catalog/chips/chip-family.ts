import type { ChipEntry, ChipFamily } from "./chip-schema.ts";

/**
 * Product-name patterns per family, tried in order on "vendor id name" (lowercase); the first match wins.
 * Generations from the vendors' naming: A100/A800 Ampere, L40S/L20 Ada Lovelace, H100/H800/H20/H200
 * Hopper, B200/GB200/B300/GB300 Blackwell, MI300X/MI325X CDNA3, MI350X/MI355X CDNA4 (research/hardware.json `name`,
 * `compute_note`; AMD's MI350 series product pages);
 * Ascend 910A/910B/910C/950 per research/hardware.md §3 (960/970 are roadmap parts, "ascend-future").
 * 910C is tried before 910B because CloudMatrix names contain both "A3" and "910C".
 */
const FAMILY_PATTERNS: readonly (readonly [ChipFamily, RegExp])[] = [
  ["nvidia-blackwell", /\bg?b(100|200|300)\b|blackwell/],
  ["nvidia-hopper", /\bg?h(100|200|800)\b|\bh20\b|hopper/],
  ["nvidia-ampere", /\ba(100|800|40|30|10)\b|ampere/],
  ["nvidia-ada", /\bl(40s?|20|4)\b|\bada\b|lovelace/],
  ["ascend-910c", /910c|cloudmatrix|\ba3\b/],
  ["ascend-910b", /910b|\ba2\b/],
  ["ascend-910a", /910a|ascend[- ]?910\b/],
  ["ascend-950", /\b950|atlas[- ]350\b/],
  ["ascend-future", /ascend[- ]?9[6-9]\d/],
  ["amd-cdna4", /\bmi3[5-9]\dx?\b|cdna ?4/],
  ["amd-cdna3", /\bmi3[0-2]\dx?\b|cdna ?3/],
  ["google-tpu", /\btpu\b/],
  ["cambricon", /cambricon|\bmlu\d/],
];

/**
 * The architecture family of a catalog entry: its explicit `family` field, else the first matching product-name
 * pattern, else "other".
 * @example chipFamilyOf(entry) // "nvidia-hopper" for nvidia-h800-sxm
 */
export function chipFamilyOf(entry: Pick<ChipEntry, "id" | "name" | "vendor" | "family">): ChipFamily {
  if (entry.family !== undefined) return entry.family;
  const haystack = `${entry.vendor} ${entry.id.replaceAll("-", " ")} ${entry.name}`.toLowerCase();
  for (const [family, pattern] of FAMILY_PATTERNS) {
    if (pattern.test(haystack)) return family;
  }
  return "other";
}
