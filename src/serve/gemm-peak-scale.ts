import { builtinChips, type Chip, ownThenSameDie } from "../catalog/chips/index.ts";
import type { ServePrecision } from "./serve-setup.ts";

/** The share of a chip's dense spec peak its best large GEMMs reach, by GEMM precision (where measured). */
type AchievedShare = Partial<Record<"bf16" | "fp8", number>>;

/** What this reads of a chip: its peaks and the catalog's `measured` entries. */
type GemmChip = Pick<Chip, "family" | "peakTflops" | "measured">;

// The shares are read from the chip catalog's `measured` entries named "max achievable BF16 matmul" / "max achievable
// FP8 matmul", or a best-shape search's "BF16 matmul (..., best shape search)" (src/catalog/chips/data/hardware.json
// and added-measurements.json, each with its source), over the catalog's dense peak of that
// precision; of several measurements the best is taken, as each is a maximum over shapes (MAMF). At the time of
// writing: H100 SXM MAMF v2 BF16 794.5 and FP8 1,402.6 TFLOPS (80.3 / 70.9 %; DeepGEMM's FP8 GEMMs with m >= 4,096 rows
// on H800 agree, a median 0.72 in alibaba/InferSim bench_data/gemm/h800/data.csv); H20 DeepGEMM FP8 267.9 (90.5 %,
// InferSim bench_data/gemm/h20/data.csv); A100 SXM 80GB MAMF v2 BF16 271.2 (86.9 %); MI300X MAMF v1 BF16 781.9
// (59.8 %; v2 with TunableOp 668.4); MI325X MAMF v2 BF16 784.9 (60.0 %); Ascend 910B2 BF16 328 from a torch_npu
// best-shape search (87.2 %). An entry qualified otherwise ("... matmul (GH200 900 W ...)", the H200's upper proxy)
// is not read. A precision a chip has no measurement of takes its BF16 share, else its FP8 share (assumption); a chip
// without measurements its family reference's; a family without one (Blackwell, CDNA4) REFERENCE_SHARE, so its
// fitted fraction stands as it is.
const MATMUL_METRIC = /^(?:max achievable (BF16|FP8) matmul|(BF16|FP8) matmul \([^)]*best shape search\))$/i;

// The chip of each family whose measurement stands for the family's chips without their own.
const FAMILY_REFERENCE: Readonly<Record<string, string>> = {
  "nvidia-hopper": "nvidia-h100-sxm",
  "nvidia-ampere": "nvidia-a100-sxm-80gb",
  "amd-cdna3": "amd-mi300x",
  "ascend-910b": "huawei-ascend-910b2",
};

/** The measured best-GEMM shares of a chip's peaks, by precision; undefined when the catalog holds none. */
export function measuredGemmShares(chip: Pick<Chip, "peakTflops" | "measured">): AchievedShare | undefined {
  const shares: AchievedShare = {};
  for (const m of chip.measured) {
    const hit = MATMUL_METRIC.exec(m.metric);
    if (hit === null || m.unit !== "TFLOPS") continue;
    const precision = (hit[1] ?? hit[2])?.toLowerCase() === "fp8" ? "fp8" : "bf16";
    const peak = chip.peakTflops[precision];
    if (peak === null || !(peak > 0) || !(m.value > 0)) continue;
    shares[precision] = Math.max(shares[precision] ?? 0, m.value / peak);
  }
  return shares.bf16 === undefined && shares.fp8 === undefined ? undefined : shares;
}

const referenceShares = new Map<string, AchievedShare | undefined>();

/** The shares of the catalog chip standing for a family (memoised: the built-in catalog does not change). */
function familyReferenceShares(family: string): AchievedShare | undefined {
  const id = ownThenSameDie(family as Chip["family"])
    .map((f) => FAMILY_REFERENCE[f])
    .find((x) => x !== undefined);
  if (id === undefined) return undefined;
  if (!referenceShares.has(id)) {
    const chip = builtinChips().find((c) => c.id === id);
    referenceShares.set(id, chip === undefined ? undefined : measuredGemmShares(chip));
  }
  return referenceShares.get(id);
}

/**
 * The share the fitted `prefillMatmulFraction` is taken against: the fit sees a chip's GEMM rate as
 * peak x fraction x share / REFERENCE_SHARE, so a fraction is the engine's efficiency relative to the chip's best
 * GEMMs, and a chip or precision whose best GEMMs reach less of the spec peak (FP8 on Hopper, BF16 on MI300X) is
 * priced so without a fitted factor of its own. 0.8 is H100's BF16 share, rounded.
 */
export const REFERENCE_SHARE = 0.8;

/** The share of the dense spec peak of `precision` a chip's best large GEMMs reach (REFERENCE_SHARE if unmeasured). */
export function achievedGemmShare(chip: GemmChip, precision: ServePrecision): number {
  const shares = measuredGemmShares(chip) ?? familyReferenceShares(chip.family);
  if (shares === undefined || precision === "fp4") return REFERENCE_SHARE;
  const own = precision === "fp8" ? shares.fp8 : precision === "bf16" ? shares.bf16 : undefined;
  return own ?? shares.bf16 ?? shares.fp8 ?? REFERENCE_SHARE;
}

/** How much more (or less) of its peak a chip's large GEMMs of `precision` reach than the reference share. */
export function gemmPeakScale(chip: GemmChip, precision: ServePrecision): number {
  return achievedGemmShare(chip, precision) / REFERENCE_SHARE;
}
