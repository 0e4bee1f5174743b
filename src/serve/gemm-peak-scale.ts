import { type Chip, ownThenSameDie } from "../catalog/chips/index.ts";
import type { ServePrecision } from "./serve-setup.ts";

/** The share of a chip's dense spec peak its best large GEMMs reach, by GEMM precision (where measured). */
type AchievedShare = Partial<Record<"bf16" | "fp8" | "int8", number>>;

// Measured shares of the dense spec peak reached by the best large GEMMs of a chip (src/catalog/chips/data/
// hardware.json `measured`, with their sources):
// - H100 SXM: MAMF v2 (stas00/ml-engineering, "maximum achievable matmul FLOPS"), BF16 794.5 of 989 TFLOPS
//   (80.3 %), FP8 1,402.6 of 1,979 (70.9 %); the same die serves H800 and H200 SXM (GH200's 83.6 / 77.6 % at
//   900 W are an upper proxy, not used). DeepGEMM's FP8 GEMMs with m >= 4,096 rows on H800 agree: a median 0.72
//   (16 timings, 7 shapes; alibaba/InferSim bench_data/gemm/h800/data.csv).
// - H20: DeepGEMM FP8 GEMMs with m >= 4,096 rows reach a median 0.905 of its 296 TFLOPS (128 timings, 32 shapes;
//   InferSim bench_data/gemm/h20/data.csv), easy to feed from 4 TB/s; BF16 taken as the same (assumption).
// - A100 SXM 80GB: MAMF v2 BF16 271.2 of 312 (86.9 %); A800 is the same die.
// - MI300X: MAMF v1 BF16 781.9 of 1,307 (60.1 %, ROCm 6.2; v2 with ROCm 6.3 and TunableOp gave 51.4 %; the best
//   is taken, as MAMF is a maximum); MI325X MAMF v2 784.9 of 1,300 (60.4 %).
// - Ascend 910B2: BF16 328 TFLOPS from a torch_npu best-shape search (87 % of 376; the variant is not stated);
//   910C is built from the same die.
// Other precisions take the chip's BF16 share and other chips their family's reference (assumption); a chip of a
// family with no measurement (Blackwell, CDNA4) takes REFERENCE_SHARE, so its fitted fraction stands as it is.
const ACHIEVED_SHARE: Readonly<Record<string, AchievedShare>> = {
  "nvidia-h100-sxm": { bf16: 0.803, fp8: 0.709 },
  "nvidia-h20": { bf16: 0.905, fp8: 0.905 },
  "nvidia-a100-sxm-80gb": { bf16: 0.869 },
  "amd-mi300x": { bf16: 0.601 },
  "amd-mi325x": { bf16: 0.604 },
  "huawei-ascend-910b2": { bf16: 0.87 },
};

// The chip of each family whose measurement stands for the family's chips without their own.
const FAMILY_REFERENCE: Readonly<Record<string, string>> = {
  "nvidia-hopper": "nvidia-h100-sxm",
  "nvidia-ampere": "nvidia-a100-sxm-80gb",
  "amd-cdna3": "amd-mi300x",
  "ascend-910b": "huawei-ascend-910b2",
};

/**
 * The share the fitted `prefillMatmulFraction` is taken against: the fit sees a chip's GEMM rate as
 * peak x fraction x share / REFERENCE_SHARE, so a fraction is the engine's efficiency relative to the chip's best
 * GEMMs, and a chip or precision whose best GEMMs reach less of the spec peak (FP8 on Hopper, BF16 on MI300X) is
 * priced so without a fitted factor of its own. 0.8 is H100's BF16 share, rounded.
 */
export const REFERENCE_SHARE = 0.8;

/** The share of the dense spec peak of `precision` a chip's best large GEMMs reach (REFERENCE_SHARE if unmeasured). */
export function achievedGemmShare(chip: Pick<Chip, "id" | "family">, precision: ServePrecision): number {
  const own = ACHIEVED_SHARE[chip.id];
  const ref = ownThenSameDie(chip.family)
    .map((f) => FAMILY_REFERENCE[f])
    .find((id) => id !== undefined);
  const shares = own ?? (ref === undefined ? undefined : ACHIEVED_SHARE[ref]);
  if (shares === undefined || precision === "fp4") return REFERENCE_SHARE;
  const p = precision === "fp8" || precision === "int8" ? precision : "bf16";
  return shares[p] ?? shares.bf16 ?? REFERENCE_SHARE;
}

/** How much more (or less) of its peak a chip's large GEMMs of `precision` reach than the reference share. */
export function gemmPeakScale(chip: Pick<Chip, "id" | "family">, precision: ServePrecision): number {
  return achievedGemmShare(chip, precision) / REFERENCE_SHARE;
}
