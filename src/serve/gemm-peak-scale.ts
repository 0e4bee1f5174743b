import type { Chip } from "../catalog/chips/index.ts";

// Chips whose large GEMMs reach a different share of their dense peak than their family's reference chip (the
// one the family's fitted serving efficiency mostly comes from). Hopper: DeepGEMM FP8 GEMMs with m >= 4,096
// rows reach a median 0.72 of peak on H800 (16 timings, 7 shapes) but 0.90 on H20 (128 timings, 32 shapes,
// median 0.905: its 296 TFLOPS are easy to feed from 4 TB/s), InferSim bench_data/gemm/h800/data.csv and
// bench_data/gemm/h20/data.csv (alibaba/InferSim);
// H100's MAMF FP8 figure, 70.9 % (src/catalog/chips/data/hardware.json, nvidia-h100-sxm `measured`), agrees
// with H800's. Measured on FP8 GEMMs; applied to BF16 too (assumption: the same compute-light chip). Others: 1.
const GEMM_PEAK_SCALE: Readonly<Record<string, number>> = {
  "nvidia-h20": 0.9 / 0.72,
};

/** How much more (or less) of its peak a chip's large GEMMs reach than its family's reference chip. */
export function gemmPeakScale(chip: Pick<Chip, "id">): number {
  return GEMM_PEAK_SCALE[chip.id] ?? 1;
}
