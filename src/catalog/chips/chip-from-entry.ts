import { FleetcastError } from "../../errors.ts";
import { chipFamilyOf } from "./chip-family.ts";
import type { Chip, ChipEntry, ChipFamily } from "./chip-schema.ts";
import { priceUsdOf } from "./price-usd-of.ts";
import { scaleUpOf } from "./scale-up-of.ts";

/**
 * HCCL ranks per package: an Ascend 910C package is two dies, and CANN exposes 16 devices per 8-module A3
 * server (research/hardware.md §1 "Per chip vs per die"; hiascend-a3-affinity; cases/FORMAT.md `ranks_per_chip`).
 */
const RANKS_PER_CHIP_BY_FAMILY: Partial<Record<ChipFamily, number>> = { "ascend-910c": 2 };

/** Ranks per package of a chip family when its entry does not say (two for the 910C, else one). */
export function defaultRanksPerChip(family: ChipFamily): number {
  return RANKS_PER_CHIP_BY_FAMILY[family] ?? 1;
}

/** The entry's free-text notes, in the order `describeChip` shows them. */
const NOTE_FIELDS = [
  ["compute", "compute_note"],
  ["scale-up", "scaleup_note"],
  ["scale-out", "scaleout_note"],
  ["power", "tdp_note"],
  ["price", "price_note"],
  ["release", "release_note"],
] as const;

/**
 * Turns a validated catalog entry into a `Chip`: camelCase, dense peaks by precision, derived scale-up kind and
 * per-peer bandwidth, per-chip price, family and ranks per chip. Everything derived here is recorded in
 * `uncertain`.
 * @throws {FleetcastError} when the entry has no dense 16-bit figure, BF16 or FP16 (fleetcast sizes every plan
 * from it; a chip without BF16, the 910A, computes in FP16)
 * @example chipFromEntry(ChipEntrySchema.parse(json)).peakTflops.bf16 // 989.4 for nvidia-h100-sxm
 */
export function chipFromEntry(entry: ChipEntry): Chip {
  if (entry.bf16_dense_tflops === null && entry.fp16_dense_tflops === null) {
    throw new FleetcastError(
      `Cannot use chip '${entry.id}': bf16_dense_tflops and fp16_dense_tflops are null (fleetcast needs a dense 16-bit peak)`,
      "bf16_dense_tflops",
    );
  }
  const family = chipFamilyOf(entry);
  const { scaleUp, uncertain: scaleUpUncertain } = scaleUpOf(entry);
  const price = priceUsdOf(entry);
  const uncertain: Record<string, string> = { ...entry.uncertain, ...scaleUpUncertain };
  if (price.how !== null) uncertain["price_usd_approx"] = price.how;
  const hasSystem =
    entry.chips_per_system !== null ||
    entry.system_bf16_dense_pflops !== null ||
    entry.system_hbm_tb !== null ||
    entry.system_power_kw !== null;
  const notes: string[] = [];
  for (const [topic, field] of NOTE_FIELDS) {
    const note = entry[field];
    if (note !== null) notes.push(`${topic}: ${note}`);
  }
  return {
    id: entry.id,
    name: entry.name,
    vendor: entry.vendor,
    family,
    kind: entry.kind,
    status: entry.status,
    releaseYear: entry.release_year,
    formFactor: entry.form_factor,
    memoryType: entry.memory_type,
    peakTflops: {
      fp32: entry.fp32_dense_tflops,
      tf32: entry.tf32_dense_tflops,
      bf16: entry.bf16_dense_tflops,
      fp16: entry.fp16_dense_tflops,
      fp8: entry.fp8_dense_tflops,
      int8: entry.int8_dense_tops,
      fp4: entry.fp4_dense_tflops,
    },
    hbmGB: entry.hbm_gb,
    hbmTBps: entry.hbm_tbps,
    scaleUp,
    scaleOut: { chipGbps: entry.scaleout_Gbps_per_chip, nic: entry.scaleout_nic },
    tdpW: entry.tdp_w,
    priceUsd: price.priceUsd,
    priceText: entry.price_usd_approx,
    cloudUsdPerChipHour: entry.cloud_usd_per_chip_hour,
    ranksPerChip: entry.ranks_per_chip ?? defaultRanksPerChip(family),
    system: hasSystem
      ? {
          chipsPerSystem: entry.chips_per_system,
          bf16DensePflops: entry.system_bf16_dense_pflops,
          hbmTB: entry.system_hbm_tb,
          powerKw: entry.system_power_kw,
        }
      : null,
    exportControl: entry.export_control,
    confidence: entry.confidence,
    uncertain,
    conflicts: [...entry.conflicts],
    notes,
    measured: entry.measured.map((m) => ({ ...m })),
    sources: entry.sources.map((s) => ({
      ref: s.ref,
      where: s.where,
      quality: s.quality,
      usedFor: s.used_for,
    })),
  };
}
