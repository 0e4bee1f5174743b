/**
 * @module The accelerator record: the zod schema of a catalog entry (snake_case, exactly the format of
 * `research/hardware.json`, 45 fields, `null` = unknown) and the typed `Chip` the rest of fleetcast reads.
 * Built-in data and user chip files go through the same `ChipEntrySchema`.
 */
import * as z from "zod";

/** Number formats the catalog carries a dense peak for (int8 in TOPS, the others in TFLOPS). */
export type Precision = "fp32" | "tf32" | "bf16" | "fp16" | "fp8" | "int8" | "fp4";
export const PRECISIONS: readonly Precision[] = ["fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4"];

/** Architecture generation; efficiencies of the software stacks are kept per family. */
export type ChipFamily =
  | "nvidia-ampere"
  | "nvidia-ada"
  | "nvidia-hopper"
  | "nvidia-blackwell"
  | "ascend-910a"
  | "ascend-910b"
  | "ascend-910c"
  | "ascend-950"
  | "ascend-future"
  | "amd-cdna3"
  | "amd-cdna4"
  | "google-tpu"
  | "cambricon"
  | "other";
export const CHIP_FAMILIES: readonly ChipFamily[] = [
  "nvidia-ampere",
  "nvidia-ada",
  "nvidia-hopper",
  "nvidia-blackwell",
  "ascend-910a",
  "ascend-910b",
  "ascend-910c",
  "ascend-950",
  "ascend-future",
  "amd-cdna3",
  "amd-cdna4",
  "google-tpu",
  "cambricon",
  "other",
];

/**
 * Shape of the scale-up fabric: `switch` (NVSwitch: any pair gets the full per-chip rate), `full-mesh`
 * (switchless 8-way meshes such as 910B HCCS and MI300X xGMI: one pair gets 1/(n-1) of the aggregate,
 * research/hardware.md §1 and §4 item 5), `supernode` (switched UB plane of CloudMatrix 384), `torus`
 * (TPU ICI), `none` (PCIe only).
 */
export type ScaleUpKind = "switch" | "full-mesh" | "supernode" | "torus" | "pcie" | "none";
export const SCALE_UP_KINDS: readonly ScaleUpKind[] = [
  "switch",
  "full-mesh",
  "supernode",
  "torus",
  "pcie",
  "none",
];

/** One accelerator, per package, dense figures only. */
export interface Chip {
  id: string;
  name: string;
  vendor: string;
  family: ChipFamily;
  /** `accelerator`, `system` (per-chip fields describe one chip of it), `accelerator_in_rack_system`, ... */
  kind: string;
  status: string | null;
  releaseYear: number | null;
  formFactor: string | null;
  memoryType: string | null;
  /** DENSE only (no 2:4 sparsity), per package; int8 in TOPS. Ascend "FP32" (Cube/HF32) is under tf32. */
  peakTflops: Record<Precision, number | null>;
  hbmGB: number | null;
  hbmTBps: number | null;
  scaleUp: {
    name: string | null;
    kind: ScaleUpKind;
    /** Chips reachable over the scale-up fabric without a NIC (1 = none). */
    domainSize: number;
    /** Aggregate over all of a chip's scale-up links, one direction. */
    chipGBpsUnidir: number | null;
    chipGBpsBidir: number | null;
    /** The most one chip can send to one other chip, one direction. */
    peerGBpsUnidir: number | null;
    topology: string | null;
  };
  scaleOut: { chipGbps: number | null; nic: string | null };
  tdpW: number | null;
  /** Approximate purchase price per chip, parsed from the entry's `price_usd_approx` text (see `uncertain`). */
  priceUsd: number | null;
  /** The entry's price text as written, when there is one. */
  priceText: string | null;
  cloudUsdPerChipHour: readonly [number, number] | null;
  /** 2 for the two-die Ascend 910C package (cases/FORMAT.md: HCCL ranks are dies), else 1. */
  ranksPerChip: number;
  /** System totals for entries that describe a server, rack or supernode; null for bare chips. */
  system: {
    chipsPerSystem: number | null;
    bf16DensePflops: number | null;
    hbmTB: number | null;
    powerKw: number | null;
  } | null;
  exportControl: string | null;
  confidence: string | null;
  /** Field name → why its value is uncertain (research notes plus derivations done here). */
  uncertain: Record<string, string>;
  conflicts: string[];
  /** compute/scaleup/scaleout/tdp/price/release notes, non-null ones, prefixed with their topic. */
  notes: string[];
  measured: { metric: string; value: number; unit: string; conditions: string; source: string }[];
  sources: { ref: string; where: string; quality: string; usedFor: string }[];
}

// --- the entry schema (snake_case, research/hardware.json) ---

const text = z.string().min(1);
const optionalText = text.nullable().default(null);
/** A measured rate or size: finite and strictly positive, or null when unknown. */
const positive = z.number().positive().finite().nullable().default(null);
const count = z.number().int().positive().nullable().default(null);

export const MeasuredSchema = z.strictObject({
  metric: text,
  value: z.number().finite(),
  unit: text,
  conditions: z.string().default(""),
  source: z.string().default(""),
});

export const SourceSchema = z.strictObject({
  ref: text,
  where: z.string().default(""),
  quality: z.string().default(""),
  used_for: z.string().default(""),
});

/**
 * One catalog entry, in the snake_case format of research/hardware.json (described in research/hardware.md §1).
 * Only `id`, `name` and `vendor` are required in user files; every other field defaults to null (unknown) or
 * empty. Unknown keys are rejected so that a misspelt field is not silently ignored. Three optional fields are
 * fleetcast's own: `family`, `scaleup_kind` and `ranks_per_chip` (derived from the entry when absent).
 */
export const ChipEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "expected a lowercase kebab-case id (a-z, 0-9, '-', '.')"),
  name: text,
  vendor: text,
  kind: text.default("accelerator"),
  status: optionalText,
  release_year: z.number().int().min(1990).max(2100).nullable().default(null),
  release_note: optionalText,
  form_factor: optionalText,
  fp32_dense_tflops: positive,
  tf32_dense_tflops: positive,
  bf16_dense_tflops: positive,
  fp16_dense_tflops: positive,
  fp8_dense_tflops: positive,
  int8_dense_tops: positive,
  fp4_dense_tflops: positive,
  compute_note: optionalText,
  hbm_gb: positive,
  hbm_tbps: positive,
  memory_type: optionalText,
  scaleup_name: optionalText,
  scaleup_GBps_per_chip_unidir: positive,
  scaleup_GBps_per_chip_bidir: positive,
  scaleup_GBps_per_peer_unidir: positive,
  scaleup_topology: optionalText,
  scaleup_domain_size: count,
  scaleup_note: optionalText,
  scaleout_Gbps_per_chip: positive,
  scaleout_GBps_per_chip: positive,
  scaleout_nic: optionalText,
  scaleout_note: optionalText,
  tdp_w: positive,
  tdp_note: optionalText,
  chips_per_system: count,
  system_bf16_dense_pflops: positive,
  system_hbm_tb: positive,
  system_power_kw: positive,
  price_usd_approx: optionalText,
  cloud_usd_per_chip_hour: z
    .tuple([z.number().nonnegative().finite(), z.number().nonnegative().finite()])
    .refine(([low, high]) => low <= high, "expected [low, high] with low <= high")
    .nullable()
    .default(null),
  price_note: optionalText,
  export_control: optionalText,
  measured: z.array(MeasuredSchema).default([]),
  confidence: optionalText,
  uncertain: z.record(z.string(), z.string()).default({}),
  conflicts: z.array(z.string()).default([]),
  sources: z.array(SourceSchema).default([]),
  // fleetcast's own optional fields (absent from research/hardware.json)
  family: z.enum(CHIP_FAMILIES as [ChipFamily, ...ChipFamily[]]).optional(),
  scaleup_kind: z.enum(SCALE_UP_KINDS as [ScaleUpKind, ...ScaleUpKind[]]).optional(),
  ranks_per_chip: z.number().int().positive().optional(),
});

/** A validated entry (defaults applied). */
export type ChipEntry = z.output<typeof ChipEntrySchema>;
/** An entry as written in a file (most fields optional). */
export type ChipEntryInput = z.input<typeof ChipEntrySchema>;
