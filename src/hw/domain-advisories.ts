import type { FabricSpec } from "./fabric.ts";
import type { GroupPlacement } from "./place-groups.ts";

/** A valid-but-poor choice, as data. */
export interface FabricAdvisory {
  code: string;
  message: string;
  hint: string;
}

/** "NVLink 4 + NVSwitch (gen3)" -> "NVLink"; "HCCS (7 links per chip)" -> "HCCS"; "UB / Lingqu 1.0" -> "UB". */
function fabricWord(name: string): string {
  const word = name.trim().split(/[\s(/+]/)[0];
  return word === undefined || word === "" ? "scale-up" : word;
}

function chipName(chip: FabricSpec): string {
  return chip.id ?? chip.family;
}

function domainPhrase(chip: FabricSpec): string {
  const chips = chip.scaleUp.domainSize;
  const ranks = chips * chip.ranksPerChip;
  const size = chip.ranksPerChip > 1 ? `${ranks}-rank (${chips}-chip)` : `${chips}-chip`;
  return `${size} ${fabricWord(chip.scaleUp.name)} domain of ${chipName(chip)}`;
}

/**
 * The advisory for a TP degree wider than the scale-up domain, or null when TP fits. TP across the scale-out
 * network is legal (Megatron allows it) but every layer's all-reduce then runs at NIC speed.
 * @example tpDomainAdvisory(16, h100)?.message // "TP=16 exceeds the 8-chip NVLink domain of nvidia-h100-sxm: its all-reduces cross the scale-out network"
 */
export function tpDomainAdvisory(tp: number, chip: FabricSpec): FabricAdvisory | null {
  const domainRanks = chip.scaleUp.domainSize * chip.ranksPerChip;
  if (tp <= domainRanks) return null;
  const link = chip.scaleUp.chipGBpsUnidir;
  const nic = chip.scaleOut.chipGbps;
  const speeds =
    link !== null && nic !== null
      ? ` (~${Math.round(nic / 8)} GB/s per chip instead of ~${Math.round(link)})`
      : "";
  return {
    code: "tp_exceeds_scale_up_domain",
    message: `TP=${tp} exceeds the ${domainPhrase(chip)}: its all-reduces cross the scale-out network`,
    hint:
      `TP across the scale-out network is legal but slow: every layer's all-reduces then run at NIC speed${speeds}. ` +
      `Keep TP <= ${domainRanks} and widen with PP, CP or DP instead.`,
  };
}

/**
 * Advisories for where a plan's groups land: TP wider than the domain, TP using only part of a switchless mesh
 * (a pair of 910B gets one 28 GB/s link, hardware.md §4 item 5), and groups straddling domain boundaries.
 */
export function placementAdvisories(placement: GroupPlacement, chip: FabricSpec): FabricAdvisory[] {
  const advisories: FabricAdvisory[] = [];
  const tp = placement.tp.size;
  const tooWide = tpDomainAdvisory(tp, chip);
  if (tooWide !== null) advisories.push(tooWide);
  const domainChips = chip.scaleUp.domainSize;
  const tpChips = tp / chip.ranksPerChip;
  if (chip.scaleUp.kind === "full-mesh" && tpChips > 1 && tpChips < domainChips) {
    const links = tpChips - 1;
    return [
      ...advisories,
      {
        code: "tp_partial_mesh",
        message: `TP=${tp} uses ${links} of ${domainChips - 1} direct links in the ${domainPhrase(chip)}`,
        hint:
          "A switchless mesh gives a group only the links between its members; " +
          `TP=${domainChips * chip.ranksPerChip} uses all of them, or pair TP with a switched fabric.`,
      },
      ...straddling(placement),
    ];
  }
  return [...advisories, ...straddling(placement)];
}

function straddling(placement: GroupPlacement): FabricAdvisory[] {
  if (placement.aligned) return [];
  const names = (["tp", "cp", "ep", "dp", "dpCp", "edp", "pp"] as const).filter((k) => !placement[k].aligned);
  return [
    {
      code: "group_straddles_domain",
      message: `Groups ${names.join(", ")} straddle ${placement.domainRanks}-rank domain boundaries unevenly`,
      hint: "Choose degrees whose products divide (or are multiples of) the domain size; costs assume the worst group.",
    },
  ];
}
