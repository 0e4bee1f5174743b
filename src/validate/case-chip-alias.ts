import type { Case } from "../cases/index.ts";
import { type Chip, type ChipCatalog, largerMemorySkuOf } from "../catalog/chips/index.ts";

// What a catalog id may add to a case's id (the form factor or system the catalog names a part by) and what a case
// id may add to a catalog id (a memory size or form factor the catalog leaves out). Anything else ("-3e", the
// 141 GB H20; "-a2" against "-a3") is another part, never read as this one (review 22c).
const CATALOG_SUFFIX = /^(?:sxm\d?|pcie|hgx|oam|nvl72-per-gpu|sxm-\d+gb)$/;
const CASE_SUFFIX = /^(?:\d+gb|sxm\d?|oam|hgx)$/;
// A memory size a case id ends with ("-64gb", "-64g", "-141gb"), which the part it names must have.
const MEMORY_SUFFIX = /-(\d+)g(?:i?b)?$/;
// How far a stated memory may sit from the catalog's: the catalog keeps usable sizes where vendors state them
// (B200 180 GB of 192, GB300 279 of 288: hardware.json), a case the marketing figure.
const MEMORY_TOLERANCE = 0.1;

/**
 * The catalog chip a case's `hardware.chip` names when it is not a catalog id itself but names exactly one: the id
 * without the form factor the catalog names it by ("nvidia-gb300" -> nvidia-gb300-nvl72-per-gpu, "nvidia-b200" ->
 * nvidia-b200-hgx), or with a memory size or form factor the catalog leaves out ("amd-mi355x-288gb" -> amd-mi355x,
 * "nvidia-h200-141gb" -> nvidia-h200-sxm), the vendor prefix optional. A memory size the id states must be the
 * part's, within 10 %: the same part's other memory SKU where the catalog has one ("huawei-atlas-800i-a2-64gb" ->
 * huawei-atlas-800i-a2-64g, larger-memory-sku.ts), else none ("nvidia-h20-141gb" is not the 96 GB H20). Null when the
 * id is in the catalog, or names none or several ("nvidia-h100": the SXM and the PCIe part), so the case stays
 * unsupported rather than read as a guess.
 */
export function caseChipAlias(id: string, chips: ChipCatalog): { id: string; assumption: string } | null {
  if (chips.has(id)) return null;
  const wanted = id.toLowerCase();
  const memory = MEMORY_SUFFIX.exec(wanted);
  const statedGB = memory === null ? null : Number(memory[1]);
  const holds = (c: Chip) =>
    statedGB === null || (c.hbmGB !== null && Math.abs(c.hbmGB - statedGB) <= MEMORY_TOLERANCE * statedGB);
  // the part the id names, with its memory size or without it ("nvidia-h200-141gb": the H200 named by "nvidia-h200")
  let named = namedBy(wanted, chips);
  if (named.length === 0 && memory !== null) named = namedBy(wanted.slice(0, memory.index), chips);
  const all = chips.all();
  const matches = [
    ...new Set(
      named.map((c) => {
        if (holds(c)) return c;
        const other = largerMemorySkuOf(c.id, all);
        return other !== null && holds(other) ? other : null;
      }),
    ),
  ].filter((c): c is Chip => c !== null);
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only === undefined) return null;
  return {
    id: only.id,
    assumption: `hardware.chip "${id}" read as ${only.id}, the only catalog chip it names`,
  };
}

/** The catalog chips an id names by the suffix rules above (memory not checked). */
function namedBy(wanted: string, chips: ChipCatalog): Chip[] {
  return chips.all().filter((c) => {
    const known = c.id.toLowerCase();
    const bare = known.replace(/^[a-z]+-/, "");
    for (const base of [known, bare]) {
      if (base === wanted) return true;
      if (base.startsWith(`${wanted}-`) && CATALOG_SUFFIX.test(base.slice(wanted.length + 1))) return true;
      if (wanted.startsWith(`${base}-`) && CASE_SUFFIX.test(wanted.slice(base.length + 1))) return true;
    }
    return false;
  });
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
