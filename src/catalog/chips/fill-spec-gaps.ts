import type { Chip, ChipEntry } from "./chip-schema.ts";

/** How a filled figure's `uncertain` note starts (so plans and predictions can find the fills). */
const FILLED = "filled by fleetcast";

/** One figure fleetcast supplies where a built-in entry has none, with the reasoning that gives it. */
interface GapFill {
  field: keyof ChipEntry & string;
  value: number;
  why: string;
}

/**
 * The 16-bit peaks and one-way scale-up of an Ascend 950 part whose keynote figures give FP8 only. The Atlas 350
 * card's sheet (research/hardware.json huawei-atlas-350-950pr-card, the shipping 950PR) rates its Cube units at
 * exactly half the FP8 rate in BF16 and FP16 (378.5 against 756.9 TFLOPS), so half the keynote's 1,000 FP8 is taken
 * (500); the sheet's own, lower figures are the card's entry. Where the entry names its pod (the 950DT's Atlas 950
 * SuperPoD), '2 TB/s interconnect' is read as both directions together (the entries' scaleup_note: "direction not
 * stated; assumed aggregate"), 1,000 GB/s one way; the 950PR's entry names no domain or topology (a card or a
 * SuperPoD server), so its links stay unknown rather than a rate without a domain to use it in.
 */
function ascend950Fills(part: string, pod: boolean): readonly GapFill[] {
  const half = `half the keynote's FP8 peak (1,000 TFLOPS), the BF16 : FP8 ratio of the Atlas 350 sheet's Cube units (378.5 : 756.9, huawei-atlas-350-950pr-card); ${part}'s own 16-bit peak is not published`;
  const peaks: GapFill[] = [
    { field: "bf16_dense_tflops", value: 500, why: half },
    { field: "fp16_dense_tflops", value: 500, why: half },
  ];
  if (!pod) return peaks;
  return [
    ...peaks,
    {
      field: "scaleup_GBps_per_chip_unidir",
      value: 1000,
      why: "half the '2 TB/s interconnect' (scaleup_GBps_per_chip_bidir 2,000), read as both directions together as the entry's scaleup_note assumes",
    },
  ];
}

/**
 * Figures a planner needs that research/hardware.json leaves null for shipping Ascend parts, each derived
 * from what that file's own notes state (never a new source). Every fill lands in the chip's `uncertain`, so
 * `fleetcast chips show` and every prediction's interval treat it as a guess. A user who knows the real figure
 * overrides the chip by id in a chip file.
 */
const GAP_FILLS: Readonly<Record<string, readonly GapFill[]>> = {
  // research/hardware.md §3 "Ascend 910 (910A)"; hardware.json huawei-ascend-910a uncertain.hbm_gb, scaleup_note
  "huawei-ascend-910a": [
    {
      field: "hbm_gb",
      value: 32,
      why: "32 GB HBM2 is the commonly reported figure (research/hardware.json uncertain.hbm_gb); no Huawei primary source",
    },
    {
      field: "hbm_tbps",
      value: 1.2,
      why: "~1.2 TB/s is the commonly reported figure beside 32 GB (research/hardware.json uncertain.hbm_gb); no Huawei primary source",
    },
    {
      field: "scaleup_GBps_per_chip_unidir",
      value: 90,
      why: "3 HCCS ports x 240 Gb/s = 90 GB/s (scaleup_note; direction not stated, read as one direction): one port to each of the 3 peers of its 4-NPU group",
    },
  ],
  // research/hardware.json huawei-ascend-950pr: keynote figures (FP8 1 PFLOPS, FP4 2 PFLOPS) without a 16-bit peak
  "huawei-ascend-950pr": ascend950Fills("950PR", false),
  // research/hardware.json huawei-ascend-950dt: the same die as the 950PR (FP8 1 PFLOPS), HBM and pod differ
  "huawei-ascend-950dt": ascend950Fills("950DT", true),
  // research/hardware.md §3 "Ascend 910B family"; hardware.json huawei-ascend-910b1 compute_note
  "huawei-ascend-910b1": [
    {
      field: "fp16_dense_tflops",
      value: 354,
      why: "no vendor peak: 24 AI cores x 1,800 MHz (npu-smi on a Huawei Cloud node) x 4,096 FP16 MAC/cycle x 2 = 354 TFLOPS (compute_note's derivation); the 910B2's vendor figure for 24 cores is 376",
    },
    {
      field: "bf16_dense_tflops",
      value: 354,
      why: "taken equal to the derived FP16 peak, as the 910B2's BF16 is (compute_note of huawei-ascend-910b2)",
    },
    {
      field: "hbm_tbps",
      value: 1.6,
      why: "not stated; every 64 GB 910B part in the catalog (910B2, 910B3, 64 GB 910B4) runs its HBM at 1.6 TB/s (research/hardware.md §3 '910B memory')",
    },
    {
      field: "scaleup_GBps_per_chip_unidir",
      value: 196,
      why: "not stated; the same 8-NPU HCCS full mesh as the 910B2/B3 boards, whose 7 links give 196 GB/s one way (derived there from 392)",
    },
  ],
};

/**
 * A built-in entry with the figures it lacks filled where `GAP_FILLS` knows a derivation (only null fields; each
 * fill recorded in `uncertain` and the entry's confidence marked low). Entries without fills come back unchanged.
 * @example fillSpecGaps(huaweiAscend910b1).bf16_dense_tflops // 354, uncertain.bf16_dense_tflops says why
 */
export function fillSpecGaps(entry: ChipEntry): ChipEntry {
  const fills = GAP_FILLS[entry.id];
  if (fills === undefined) return entry;
  const out: Record<string, unknown> = { ...entry, uncertain: { ...entry.uncertain } };
  const uncertain = out["uncertain"] as Record<string, string>;
  let filled = false;
  for (const fill of fills) {
    if (out[fill.field] !== null) continue;
    out[fill.field] = fill.value;
    const before = uncertain[fill.field];
    uncertain[fill.field] =
      `${FILLED} (not in the source data): ${fill.why}${before === undefined ? "" : `; research note: ${before}`}`;
    filled = true;
  }
  if (filled) out["confidence"] = "low";
  return out as unknown as ChipEntry;
}

/** Ids of the built-in entries fleetcast fills (for docs and tests). */
export const GAP_FILLED_IDS: readonly string[] = Object.keys(GAP_FILLS);

/** The catalog fields of a chip that fleetcast filled (fillSpecGaps), in the chip's `uncertain` order. */
export function filledFields(chip: Pick<Chip, "uncertain">): string[] {
  return Object.entries(chip.uncertain)
    .filter(([, why]) => why.startsWith(FILLED))
    .map(([field]) => field);
}

/** A prediction's assumption line naming the figures fleetcast filled on its chip, or null when none were. */
export function filledFiguresAssumption(chip: Pick<Chip, "id" | "uncertain">): string | null {
  const filled = filledFields(chip);
  return filled.length === 0
    ? null
    : `${chip.id} has no published ${filled.join(", ")}: fleetcast's fills from its catalog notes are used (fleetcast chips show ${chip.id})`;
}
