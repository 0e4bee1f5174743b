import type { Chip } from "./chip-schema.ts";

/** What `fleetcast chips show ID` prints: labelled rows (units in the labels) and the caveats. */
export interface ChipDescription {
  rows: [label: string, value: string][];
  /** "field: reason" for every uncertain or derived value. */
  uncertain: string[];
  conflicts: string[];
  /** "ref: where (quality; used for ...)". */
  sources: string[];
  /** The entry's notes, "topic: text". */
  notes: string[];
}

/**
 * Describes a chip for people: every field as a row with its unit in the label; unknown values read
 * "unknown", never 0. Measured figures follow the specs, one row each.
 * @example describeChip(chip).rows.find(([label]) => label === "BF16 dense (TFLOPS)") // ["BF16 dense (TFLOPS)", "989.4"]
 */
export function describeChip(chip: Chip): ChipDescription {
  const p = chip.peakTflops;
  const up = chip.scaleUp;
  const rows: [string, string][] = [
    ["ID", chip.id],
    ["Name", chip.name],
    ["Vendor", chip.vendor],
    ["Family", chip.family],
    ["Kind", chip.kind],
    ["Status", text(chip.status)],
    ["Release year", num(chip.releaseYear)],
    ["Form factor", text(chip.formFactor)],
    ["BF16 dense (TFLOPS)", num(p.bf16)],
    ["FP16 dense (TFLOPS)", num(p.fp16)],
    ["FP8 dense (TFLOPS)", num(p.fp8)],
    ["FP4 dense (TFLOPS)", num(p.fp4)],
    ["INT8 dense (TOPS)", num(p.int8)],
    ["TF32 / HF32 matrix dense (TFLOPS)", num(p.tf32)],
    ["FP32 vector (TFLOPS)", num(p.fp32)],
    ["HBM (GB)", num(chip.hbmGB)],
    ["HBM bandwidth (TB/s)", num(chip.hbmTBps)],
    ["Memory type", text(chip.memoryType)],
    ["Scale-up fabric", text(up.name)],
    ["Scale-up kind", up.kind],
    ["Scale-up domain (chips)", num(up.domainSize)],
    ["Scale-up per chip, one direction (GB/s)", num(up.chipGBpsUnidir)],
    ["Scale-up per chip, both directions (GB/s)", num(up.chipGBpsBidir)],
    ["Scale-up to one peer, one direction (GB/s)", num(up.peerGBpsUnidir)],
    ["Scale-up topology", text(up.topology)],
    ["Scale-out per chip (Gb/s)", num(chip.scaleOut.chipGbps)],
    ["Scale-out NIC", text(chip.scaleOut.nic)],
    ["Ranks per chip", num(chip.ranksPerChip)],
    ["TDP (W)", num(chip.tdpW)],
    ["Price per chip (USD, approx.)", num(chip.priceUsd === null ? null : Math.round(chip.priceUsd))],
    [
      "Cloud price (USD per chip-hour)",
      chip.cloudUsdPerChipHour === null
        ? "unknown"
        : `${chip.cloudUsdPerChipHour[0].toFixed(2)}-${chip.cloudUsdPerChipHour[1].toFixed(2)}`,
    ],
  ];
  if (chip.system !== null) {
    rows.push(
      ["System: chips", num(chip.system.chipsPerSystem)],
      ["System: BF16 dense (PFLOPS)", num(chip.system.bf16DensePflops)],
      ["System: HBM (TB)", num(chip.system.hbmTB)],
      ["System: power (kW)", num(chip.system.powerKw)],
    );
  }
  rows.push(["Export control", text(chip.exportControl)], ["Confidence", text(chip.confidence)]);
  for (const m of chip.measured) {
    const where = [m.conditions, m.source].filter((s) => s !== "").join("; ");
    rows.push([`Measured: ${m.metric} (${m.unit})`, `${num(m.value)}${where === "" ? "" : ` (${where})`}`]);
  }
  return {
    rows,
    uncertain: Object.entries(chip.uncertain).map(([field, why]) => `${field}: ${why}`),
    conflicts: [...chip.conflicts],
    sources: chip.sources.map((s) => {
      const detail = [s.quality, s.usedFor === "" ? "" : `used for ${s.usedFor}`].filter((x) => x !== "");
      return `${s.ref}: ${s.where}${detail.length > 0 ? ` (${detail.join("; ")})` : ""}`;
    }),
    notes: [...chip.notes],
  };
}

// --- internal ---

function num(value: number | null): string {
  return value === null ? "unknown" : String(Number(value.toPrecision(6)));
}

function text(value: string | null): string {
  return value === null || value === "" ? "unknown" : value;
}
