import type { Case } from "../cases/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";

// What a catalog id may add to a case's id (the form factor or system the catalog names a part by) and what a case
// id may add to a catalog id (a memory size or form factor the catalog leaves out). Anything else ("-3e", the
// 141 GB H20; "-a2" against "-a3") is another part, never read as this one (review 22c).
const CATALOG_SUFFIX = /^(?:sxm\d?|pcie|hgx|oam|nvl72-per-gpu|sxm-\d+gb)$/;
const CASE_SUFFIX = /^(?:\d+gb|sxm\d?|oam|hgx)$/;

/**
 * The catalog chip a case's `hardware.chip` names when it is not a catalog id itself but names exactly one: the id
 * without the form factor the catalog names it by ("nvidia-gb300" -> nvidia-gb300-nvl72-per-gpu, "nvidia-b200" ->
 * nvidia-b200-hgx), or with a memory size or form factor the catalog leaves out ("amd-mi355x-288gb" -> amd-mi355x),
 * the vendor prefix optional. Null when the id is in the catalog, or names none or several ("nvidia-h100": the SXM
 * and the PCIe part), so the case stays unsupported rather than read as a guess.
 */
export function caseChipAlias(id: string, chips: ChipCatalog): { id: string; assumption: string } | null {
  if (chips.has(id)) return null;
  const wanted = id.toLowerCase();
  const matches = chips.all().filter((c) => {
    const known = c.id.toLowerCase();
    const bare = known.replace(/^[a-z]+-/, "");
    for (const base of [known, bare]) {
      if (base === wanted) return true;
      if (base.startsWith(`${wanted}-`) && CATALOG_SUFFIX.test(base.slice(wanted.length + 1))) return true;
      if (wanted.startsWith(`${base}-`) && CASE_SUFFIX.test(wanted.slice(base.length + 1))) return true;
    }
    return false;
  });
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only === undefined) return null;
  return {
    id: only.id,
    assumption: `hardware.chip "${id}" read as ${only.id}, the only catalog chip it names`,
  };
}

/**
 * A case with its chip id read through `caseChipAlias`, and what was read (null when its id is the catalog's or
 * names no single chip): the one place `validate` and `calibrate` read a case's chip.
 */
export function withCaseChipAlias<C extends Case>(
  c: C,
  chips: ChipCatalog,
): { case: C; assumption: string | null } {
  const alias = caseChipAlias(c.hardware.chip, chips);
  if (alias === null) return { case: c, assumption: null };
  return { case: { ...c, hardware: { ...c.hardware, chip: alias.id } }, assumption: alias.assumption };
}
