import type { Chip } from "./chip-schema.ts";
import { filledFields } from "./fill-spec-gaps.ts";

/** A valid-but-doubtful chip figure, as data. */
export interface ChipAdvisory {
  code: string;
  message: string;
  hint: string;
}

/** Tolerance on the ratios below: datasheets round unevenly (L40S: FP8 733 = 2.025 x BF16 362, TF32 183). */
const SLACK = 1.03;

/**
 * Checks a chip (typically from a user file) for the data-entry mistakes listed in research/hardware.md §4:
 * sparse figures taken as dense, and missing memory figures; and says where a chip has no BF16 or figures
 * fleetcast filled (fill-spec-gaps.ts), so a plan on it carries the warning.
 * Ratios: dense FP8 = 2x dense BF16 on Hopper, Blackwell, Ada and CDNA3 (research/hardware.json entries);
 * TF32 = BF16 / 2 on NVIDIA and AMD (and Huawei's Cube "FP32" is lower still: 99 of 376 on 910B2);
 * BF16 = FP16 on every catalogued chip that has both.
 * @example chipAdvisories({ ...h100, peakTflops: { ...h100.peakTflops, bf16: 1979 } })[0]?.code // "bf16-differs-from-fp16"
 */
export function chipAdvisories(chip: Chip): ChipAdvisory[] {
  const out: ChipAdvisory[] = [];
  const { bf16, fp16, fp8, tf32 } = chip.peakTflops;
  const sparseHint =
    "Vendor headline figures for NVIDIA and AMD are with 2:4 sparsity; divide by 2 for dense (research/hardware.md §4)";
  if (bf16 !== null && fp16 !== null && Math.abs(bf16 - fp16) > 0.01 * Math.max(bf16, fp16)) {
    out.push({
      code: "bf16-differs-from-fp16",
      message: `Chip '${chip.id}' has BF16 ${bf16} and FP16 ${fp16} TFLOPS; every catalogued chip has them equal`,
      hint: sparseHint,
    });
  }
  if (bf16 !== null && fp8 !== null && fp8 > 2 * bf16 * SLACK) {
    out.push({
      code: "fp8-above-twice-bf16",
      message: `Chip '${chip.id}' has FP8 ${fp8} TFLOPS, more than twice its BF16 ${bf16}`,
      hint: sparseHint,
    });
  }
  if (bf16 !== null && tf32 !== null && tf32 > (bf16 / 2) * SLACK) {
    out.push({
      code: "tf32-above-half-bf16",
      message: `Chip '${chip.id}' has TF32 ${tf32} TFLOPS, more than half its BF16 ${bf16}`,
      hint: sparseHint,
    });
  }
  if (bf16 === null && fp16 !== null) {
    out.push({
      code: "no-bf16",
      message: `Chip '${chip.id}' has no BF16: 16-bit work runs in FP16 at its ${fp16} TFLOPS peak`,
      hint: "FP16 training needs loss scaling (the 910A trains so under MindSpore); plans read the FP16 peak",
    });
  }
  const filled = filledFields(chip);
  if (filled.length > 0) {
    out.push({
      code: "figures-filled",
      message: `Chip '${chip.id}' lacks published figures fleetcast filled from its catalog notes: ${filled.join(", ")}`,
      hint: `\`fleetcast chips show ${chip.id}\` gives each fill's reasoning; override them in a chip file if you know the real figures`,
    });
  }
  if (chip.hbmGB === null || chip.hbmTBps === null) {
    out.push({
      code: "memory-unknown",
      message: `Chip '${chip.id}' has no ${chip.hbmGB === null ? "HBM size" : "HBM bandwidth"}`,
      hint: "Add hbm_gb and hbm_tbps: memory fit and decode speed cannot be estimated without them",
    });
  }
  return out;
}
