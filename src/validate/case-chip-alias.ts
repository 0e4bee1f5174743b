import type { ChipCatalog } from "../catalog/chips/index.ts";

/**
 * The catalog chip a case's `hardware.chip` names when it is not a catalog id itself but names exactly one: the id
 * with a form-factor or memory suffix the catalog has not ("amd-mi355x-288gb" -> amd-mi355x), or without the one it
 * has ("nvidia-gb300" -> nvidia-gb300-nvl72-per-gpu, "nvidia-b200" -> nvidia-b200-hgx), the vendor prefix optional.
 * Null when the id is in the catalog, or names none or several ("nvidia-h100": the SXM and the PCIe part), so
 * the case stays unsupported rather than read as a guess.
 */
export function caseChipAlias(id: string, chips: ChipCatalog): { id: string; assumption: string } | null {
  if (chips.has(id)) return null;
  const wanted = id.toLowerCase();
  const matches = chips.all().filter((c) => {
    const known = c.id.toLowerCase();
    const bare = known.replace(/^[a-z]+-/, "");
    return (
      known.startsWith(`${wanted}-`) ||
      wanted.startsWith(`${known}-`) ||
      bare === wanted ||
      bare.startsWith(`${wanted}-`)
    );
  });
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only === undefined) return null;
  return {
    id: only.id,
    assumption: `hardware.chip "${id}" read as ${only.id}, the only catalog chip it names`,
  };
}
